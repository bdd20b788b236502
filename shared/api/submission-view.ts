import { documentTypeOf } from "../call/document-type.ts";
import type { CallDefinition } from "../call/schema.ts";
import type { SubmissionRecord } from "../submissions/records.ts";

/** A submission as its school may see it: state, findings and receipt; no storage internals. */
export function submissionView(call: CallDefinition, s: SubmissionRecord) {
  const v = s.verdict;
  return {
    submissionId: s.submissionId,
    state: s.state,
    documentType: s.documentType,
    documentLabel: documentTypeOf(call, s.documentType)?.label ?? s.documentType,
    fileName: s.fileName,
    declaredSize: s.declaredSize,
    createdAt: s.createdAt,
    linkExpiresAt: s.linkExpiresAt,
    uploadedAt: s.uploadedAt ?? null,
    processedAt: v?.processedAt ?? null,
    size: v?.size ?? null,
    sha256: v?.sha256 || null,
    pageCount: v?.pageCount ?? null,
    findings: v?.findings ?? [],
    receipt: v
      ? {
          receiptNumber: v.receiptNumber,
          version: v.version ?? null,
          replaces: v.replaces ?? null,
          emailedAt: s.receiptSentAt ?? null,
        }
      : null,
    supersededBy: s.supersededBy ?? null,
  };
}
