import type { CheckContext } from "../checks/context.ts";
import type { Finding } from "../checks/finding.ts";
import { checkSubmission, verdictOf } from "../checks/index.ts";
import { newSubmissionId } from "../submissions/ids.ts";
import { uploadKey } from "../submissions/object-key.ts";
import { type SchoolRecord, type SubmissionRecord, schoolSnapshotOf } from "../submissions/records.ts";
import type { SubmissionRepository } from "../submissions/repository.ts";
import type { UploadLinkRequest } from "./upload-link-request.ts";

export interface UploadSigner {
  presignUpload(
    key: string,
    size: number,
    expiresInSeconds: number,
  ): Promise<{ url: string; fields: Record<string, string> }>;
}

export interface IssueLinkDeps {
  ctx: CheckContext;
  submissions: Pick<SubmissionRepository, "createPending">;
  signer: UploadSigner;
  linkSeconds: number;
}

export type IssueLinkOutcome =
  | { kind: "deadline-passed"; findings: Finding[] }
  | { kind: "checks-failed"; findings: Finding[] }
  | {
      kind: "issued";
      submission: SubmissionRecord;
      upload: { url: string; fields: Record<string, string> };
      expiresAt: string;
      /** Warnings the school may act on before uploading. */
      findings: Finding[];
    };

/**
 * Checks everything knowable before a byte moves (deadline, document type, declared size, the file's name against
 * the call and the school), then records the submission PENDING and signs a POST for exactly that key and size.
 */
export async function issueUploadLink(
  school: SchoolRecord,
  request: UploadLinkRequest,
  now: Date,
  deps: IssueLinkDeps,
): Promise<IssueLinkOutcome> {
  const documentType = request.documentType ?? deps.ctx.call.defaultDocumentType;
  const findings = checkSubmission(
    {
      fileName: request.fileName,
      documentType,
      size: request.size,
      school: { name: school.name, level: school.level },
      submittedAt: now,
    },
    deps.ctx,
  );
  const verdict = verdictOf(findings);
  if (verdict === "LATE") return { kind: "deadline-passed", findings };
  if (verdict === "REJECTED") return { kind: "checks-failed", findings };

  const submissionId = newSubmissionId(now);
  const objectKey = uploadKey(school.schoolId, submissionId, request.fileName);
  const expiresAt = new Date(now.getTime() + deps.linkSeconds * 1000).toISOString();
  const submission: SubmissionRecord = {
    submissionId,
    schoolId: school.schoolId,
    callId: deps.ctx.call.id,
    documentType,
    fileName: request.fileName,
    objectKey,
    declaredSize: request.size,
    state: "PENDING",
    createdAt: now.toISOString(),
    linkExpiresAt: expiresAt,
    // What processing needs of the school, from the item this request has just read: not read again per upload.
    school: schoolSnapshotOf(school),
  };
  // Recorded before signing: an upload can never arrive for a submission the store does not know.
  await deps.submissions.createPending(submission);
  const upload = await deps.signer.presignUpload(objectKey, request.size, deps.linkSeconds);
  return { kind: "issued", submission, upload, expiresAt, findings };
}
