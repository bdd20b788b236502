import type { IssueLinkOutcome } from "../uploads/issue-upload-link.ts";

/** POST /api/upload-links' 201: the presigned POST for the file, and what the checks found (warnings only). */
export function uploadLinkView(issued: Extract<IssueLinkOutcome, { kind: "issued" }>) {
  return {
    submissionId: issued.submission.submissionId,
    upload: issued.upload,
    expiresAt: issued.expiresAt,
    findings: issued.findings,
  };
}

export type UploadLinkView = ReturnType<typeof uploadLinkView>;
