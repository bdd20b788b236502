/**
 * An accepted 佐证材料's per-page text, read and kept after its receipt has gone out. pdf.js reading a text layer costs
 * ~150 ms a document and ~2 ms a page (the CJK fonts' CMaps), ten times the inspection the verdict needs, and no rule
 * reads the evidence's text: so the verdict is taken on an inspection without it and the school's receipt does not
 * wait for it. The same delivery then inspects the same bytes again, asking for the text, and keeps it.
 *
 * Durable before the message is deleted: the handler returns (and the queue deletes the message) only after the text
 * is kept, so a crash between the receipt and the text brings the message back. The redelivery finds the submission
 * decided, sends nothing again, and finds no text kept: it reads the object again and keeps it. Every writer of one
 * submission's text writes the same content under the same key, so a duplicate delivery that keeps it twice is
 * harmless.
 */
import type { EvidenceTextStore, PrescreenEvidence } from "../application/evidence-text.ts";
import { EVIDENCE_DOCUMENT_TYPE } from "../application/prescreen-school.ts";
import type { BytesInspector } from "../examination/examine.ts";
import type { InspectionResult } from "../pdf/facts.ts";
import type { SubmissionRecord, SubmissionVerdict } from "../submissions/records.ts";
import { evidenceTextOf } from "./evidence-prescreen.ts";
import type { Log, ObjectStore } from "./ports.ts";

export interface KeepTextDeps {
  objects: Pick<ObjectStore, "read">;
  inspector: BytesInspector;
  prescreen?: { evidenceText: EvidenceTextStore };
  log: Log;
}

type DecidedSubmission = Pick<SubmissionRecord, "schoolId" | "submissionId" | "documentType"> & {
  verdict: Pick<SubmissionVerdict, "state" | "pageCount">;
};

/** Whether this decided submission's text is kept: an accepted 佐证材料, where the stores are given. */
export function keepsText(submission: DecidedSubmission, deps: Pick<KeepTextDeps, "prescreen">): boolean {
  return (
    deps.prescreen !== undefined &&
    submission.documentType === EVIDENCE_DOCUMENT_TYPE &&
    submission.verdict.state === "ACCEPTED"
  );
}

/**
 * Keeps an accepted 佐证材料's text and returns it (for the pre-screen of the same delivery); undefined for anything
 * else. `held` are the bytes this delivery read for the verdict. Without them (a redelivery of a decided upload) the
 * text may already be kept: it is read back (one small GetObject; the pre-screen then needs no other read of it),
 * and only if it is missing is the object read and inspected again. Throws on a transient failure (the read, the
 * write, the inspector itself), so that the queue redelivers.
 */
export async function keepEvidenceText(
  submission: DecidedSubmission,
  object: { key: string; versionId?: string },
  held: Uint8Array | undefined,
  deps: KeepTextDeps,
): Promise<PrescreenEvidence | undefined> {
  if (!deps.prescreen || !keepsText(submission, deps)) return undefined;
  const { schoolId, submissionId } = submission;
  const store = deps.prescreen.evidenceText;
  if (!held) {
    const kept = await store.readEvidenceText(schoolId, submissionId);
    if (kept) return kept;
  }
  const bytes = held ?? (await deps.objects.read(object.key, object.versionId));
  const text = bytes
    ? await readEvidenceText(bytes, submission, deps)
    : unreadText(submission, { reason: "the object is gone" }, deps);
  await store.writeEvidenceText(schoolId, submissionId, text);
  deps.log.info("evidence text kept", {
    submissionId,
    pageCount: text.pageCount,
    scannedPages: text.pages.filter((p) => p.kind === "scanned").length,
  });
  return text;
}

/** The text of the bytes the verdict was taken on, read after every inspection a receipt waits for. */
async function readEvidenceText(
  bytes: Uint8Array,
  submission: DecidedSubmission,
  deps: Pick<KeepTextDeps, "inspector" | "log">,
): Promise<PrescreenEvidence> {
  const inspection = await deps.inspector.inspectBytes(bytes, {
    textLayer: "if-readable",
    priority: "background",
  });
  const text = inspection.ok ? evidenceTextOf(inspection.facts) : undefined;
  return text ?? unreadText(submission, whyUnread(inspection), deps);
}

function whyUnread(inspection: InspectionResult): Record<string, unknown> {
  if (!inspection.ok) return { reason: "the inspection with the text failed", failure: inspection.failure };
  return { reason: "pdf.js could not read the text layer", detail: inspection.facts.textLayerUnreadable };
}

/**
 * What is kept when the text cannot be read (a text layer pdf.js fails on, an inspection over its limits, the object
 * gone): every page as a page without text, which the pre-screen shows as 扫描页，需人工核对 — people check what the
 * machine could not. Logged, since the file itself was accepted and nothing else would say why its text is missing.
 */
function unreadText(
  submission: DecidedSubmission,
  why: Record<string, unknown>,
  deps: Pick<KeepTextDeps, "log">,
): PrescreenEvidence {
  const pageCount = submission.verdict.pageCount ?? 0;
  deps.log.warn("evidence text unreadable; its pages are kept as without text, for people to check", {
    submissionId: submission.submissionId,
    pageCount,
    ...why,
  });
  return { pageCount, pages: Array.from({ length: pageCount }, () => ({ kind: "scanned" as const })) };
}
