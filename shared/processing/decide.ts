import { verdictOf } from "../checks/index.ts";
import type { Examination } from "../examination/examine.ts";
import { receiptNumber } from "../submissions/ids.ts";
import type { SubmissionRecord, SubmissionVerdict } from "../submissions/records.ts";

/** Accepted uploads of the same document, in upload order (ties by id), as the history a receipt counts. */
export function acceptedHistory(
  submissions: readonly SubmissionRecord[],
  documentType: string,
): SubmissionRecord[] {
  return submissions
    .filter(
      (s) =>
        s.documentType === documentType &&
        (s.state === "ACCEPTED" || s.state === "SUPERSEDED") &&
        s.uploadedAt !== undefined,
    )
    .sort(byUploadOrder);
}

export function byUploadOrder(a: SubmissionRecord, b: SubmissionRecord): number {
  const at = a.uploadedAt ?? "";
  const bt = b.uploadedAt ?? "";
  if (at !== bt) return at < bt ? -1 : 1;
  return a.submissionId < b.submissionId ? -1 : a.submissionId > b.submissionId ? 1 : 0;
}

/**
 * Which accepted version this is and which earlier one it replaces, counted from the recorded history so that a
 * retry computes the same answer.
 */
export function versionOf(
  submission: SubmissionRecord,
  history: readonly SubmissionRecord[],
): { version: number; replaces?: string } {
  const earlier = history.filter(
    (s) => s.submissionId !== submission.submissionId && byUploadOrder(s, submission) < 0,
  );
  const previous = earlier.at(-1);
  return { version: earlier.length + 1, ...(previous ? { replaces: previous.submissionId } : {}) };
}

export function buildVerdict(
  submission: SubmissionRecord,
  examination: Examination,
  uploadedAt: Date,
  processedAt: Date,
  version: { version: number; replaces?: string } | undefined,
): SubmissionVerdict {
  return {
    state: verdictOf(examination.findings),
    size: examination.size,
    sha256: examination.sha256,
    pageCount: examination.pageCount,
    producer: examination.facts?.producer ?? examination.facts?.creator ?? null,
    createdAt: examination.facts?.properties?.createdAt ?? null,
    findings: examination.findings,
    receiptNumber: receiptNumber(submission.submissionId, uploadedAt),
    processedAt: processedAt.toISOString(),
    ...(version ?? {}),
  };
}
