import type { TextLayerFacts, TextLayerMode } from "../pdf/facts.ts";
import type { SubmissionFacts } from "./context.ts";

/**
 * The document types whose text layer is read and checked: the 申报书 (附件1: typesetting, cover, responsibility
 * declaration) and the 建设方案 (附件2: outline). Evidence is scanned material of every kind and gets no text checks.
 */
export const TEXT_CHECKED_TYPES = ["application", "plan"] as const;

/**
 * The document types whose text layer is read: the text-checked ones, and the 佐证材料, whose per-page text the
 * pre-screen keeps (shared/processing/evidence-prescreen.ts) to look for a claimed figure or name on a cited page.
 * No rule reads the evidence's text: it can never reject an evidence file.
 */
export const TEXT_READ_TYPES = [...TEXT_CHECKED_TYPES, "evidence"] as const;

export function needsTextLayer(documentType: string): boolean {
  return (TEXT_READ_TYPES as readonly string[]).includes(documentType);
}

/**
 * How a file of this type has its text layer read: as facts the rules check (a text layer pdf.js cannot read makes
 * the file unreadable), or, for a type whose text is only kept, if readable — so that the text can never change a
 * verdict, and a caller that keeps nothing (`shenbao check`) may skip it and still reach the pipeline's verdict.
 */
export function textLayerMode(documentType: string, keepText: boolean): TextLayerMode {
  if ((TEXT_CHECKED_TYPES as readonly string[]).includes(documentType)) return true;
  return keepText && needsTextLayer(documentType) ? "if-readable" : false;
}

/** The text layer of an inspected file of this document type, or undefined (the text rules then stay silent). */
export function textLayerFor(facts: SubmissionFacts, documentType: string): TextLayerFacts | undefined {
  if (facts.documentType !== documentType || !facts.inspection?.ok) return undefined;
  return facts.inspection.facts.textLayer;
}

/** A page's text as lines in the form names are compared in: NFKC, without spaces or invisible characters. */
export function normalizedLines(pageText: string): string[] {
  return pageText
    .split("\n")
    .map((line) => line.normalize("NFKC").replace(/[\s\p{Cf}]/gu, ""))
    .filter((line) => line !== "");
}
