/** An accepted 佐证材料 submission in a submission store (claimed, decided ACCEPTED and pointed at), for tests. */
import type { SubmissionRepository } from "../../../shared/submissions/repository.ts";
import { anAcceptedVerdict, aPendingSubmission } from "../../integration/repository/records.ts";

export async function acceptEvidence(
  submissions: SubmissionRepository,
  schoolId: string,
  pageCount: number,
  submissionId?: string,
): Promise<string> {
  const pending = aPendingSubmission({ schoolId, ...(submissionId ? { submissionId } : {}) });
  await submissions.createPending(pending);
  const version = "v1";
  await submissions.claim(schoolId, pending.submissionId, {
    objectVersion: version,
    uploadedAt: "2024-11-10T01:00:00.000Z",
    now: "2024-11-10T01:00:01.000Z",
  });
  await submissions.recordVerdict(schoolId, pending.submissionId, version, anAcceptedVerdict({ pageCount }));
  await submissions.advanceApplication({
    schoolId,
    documentType: "evidence",
    currentSubmissionId: pending.submissionId,
    currentUploadedAt: "2024-11-10T01:00:00.000Z",
    updatedAt: "2024-11-10T01:00:02.000Z",
  });
  return pending.submissionId;
}
