import { createHash } from "node:crypto";
import type { CheckContext, SubmissionFacts } from "../checks/context.ts";
import type { Finding } from "../checks/finding.ts";
import { checkSubmission, verdictOf } from "../checks/index.ts";
import { textLayerMode } from "../checks/text-documents.ts";
import type { InspectionResult, PdfFacts } from "../pdf/facts.ts";
import type { InspectRequestOptions } from "../pdf/inspector.ts";

/** Anything that can inspect PDF bytes; in practice the isolated inspector of shared/pdf/inspector.ts. */
export interface BytesInspector {
  inspectBytes(bytes: Uint8Array, options?: InspectRequestOptions): Promise<InspectionResult>;
}

export interface ExaminationInput extends Omit<SubmissionFacts, "inspection" | "size"> {
  /**
   * The file's bytes; or only its size when it is too large to be read; or `missing` when the stored object vanished
   * before it could be read (deleted, or expired by a lifecycle rule): then the pdfReadable rule finds FILE_MISSING.
   */
  content: { bytes: Uint8Array } | { size: number; sha256: string } | { missing: true };
}

export interface Examination {
  /** Accepted or not; a late file is not accepted (verdictOf(findings) tells late from rejected). */
  verdict: "accepted" | "rejected";
  size: number;
  sha256: string;
  pageCount: number | null;
  facts: PdfFacts | null;
  inspection: InspectionResult;
  findings: Finding[];
}

export interface ExamineOptions {
  /**
   * Read the text a document type only keeps (the 佐证材料's, for the pre-screen); default true. No rule reads it, so
   * a caller that keeps nothing (`shenbao check`) passes false and gets the same findings sooner.
   */
  keepText?: boolean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Everything the call decides about one received file: its hash, what inspection finds, and every rule's findings.
 * The same function serves `shenbao check` and the process-upload function, so both give the same verdict.
 */
export async function examineFile(
  input: ExaminationInput,
  inspector: BytesInspector,
  ctx: CheckContext,
  options: ExamineOptions = {},
): Promise<Examination> {
  const { content, ...rest } = input;
  let size: number;
  let sha256: string;
  let inspection: InspectionResult;
  if ("bytes" in content) {
    size = content.bytes.byteLength;
    sha256 = sha256Hex(content.bytes);
    inspection =
      size > ctx.call.maxFileBytes
        ? { ok: false, failure: { kind: "too-large", size, limit: ctx.call.maxFileBytes } }
        : await inspector.inspectBytes(content.bytes, {
            textLayer: textLayerMode(rest.documentType, options.keepText ?? true),
          });
  } else if ("missing" in content) {
    size = 0;
    sha256 = "";
    inspection = { ok: false, failure: { kind: "missing" } };
  } else {
    ({ size, sha256 } = content);
    inspection = { ok: false, failure: { kind: "too-large", size, limit: ctx.call.maxFileBytes } };
  }
  const findings = checkSubmission({ ...rest, size, inspection }, ctx);
  const facts = inspection.ok ? inspection.facts : null;
  return {
    verdict: verdictOf(findings) === "ACCEPTED" ? "accepted" : "rejected",
    size,
    sha256,
    pageCount: facts?.pageCount ?? null,
    facts,
    inspection,
    findings,
  };
}
