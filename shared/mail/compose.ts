import { documentTypeOf } from "../call/document-type.ts";
import type { CallDefinition } from "../call/schema.ts";
import { formatBeijingTime, formatBytes } from "../messages/format.ts";
import { receiptEmail, reviewerNoticeEmail } from "../messages/mail.ts";
import type { SchoolRecord, SubmissionRecord, SubmissionVerdict } from "../submissions/records.ts";
import type { EmailContent } from "./view.ts";

type Decided = SubmissionRecord & { verdict: SubmissionVerdict; uploadedAt: string };

/** The receipt e-mail for a decided submission. */
export function composeReceipt(
  call: CallDefinition,
  school: Pick<SchoolRecord, "name" | "contactName">,
  submission: Decided,
  replaced: Decided | undefined,
  statusUrl?: string,
): EmailContent {
  const { verdict } = submission;
  return receiptEmail({
    receiptNumber: verdict.receiptNumber,
    submissionId: submission.submissionId,
    callTitle: call.title,
    ...(call.reference ? { callReference: call.reference } : {}),
    ...(call.contact ? { callContact: call.contact } : {}),
    schoolName: school.name,
    contactName: school.contactName,
    documentLabel: documentTypeOf(call, submission.documentType)?.label ?? submission.documentType,
    fileName: submission.fileName,
    state: verdict.state,
    uploadedAt: formatBeijingTime(new Date(submission.uploadedAt)),
    deadline: formatBeijingTime(new Date(call.deadline)),
    pageCount: verdict.pageCount,
    ...fileOrigin(verdict),
    size: formatBytes(verdict.size),
    sha256: verdict.sha256,
    ...(verdict.version !== undefined ? { version: verdict.version } : {}),
    ...(replaced
      ? {
          replaces: {
            receiptNumber: replaced.verdict.receiptNumber,
            uploadedAt: formatBeijingTime(new Date(replaced.uploadedAt)),
          },
        }
      : {}),
    findings: verdict.findings,
    ...(statusUrl ? { statusUrl } : {}),
  });
}

/** The notice reviewers get for an accepted submission. */
export function composeReviewerNotice(
  call: CallDefinition,
  school: Pick<SchoolRecord, "name" | "level">,
  submission: Decided,
  major: string | null,
  download?: { url: string; expiresAt: Date },
): EmailContent {
  const { verdict } = submission;
  return reviewerNoticeEmail({
    receiptNumber: verdict.receiptNumber,
    callTitle: call.title,
    schoolName: school.name,
    schoolLevel: school.level,
    major,
    documentLabel: documentTypeOf(call, submission.documentType)?.label ?? submission.documentType,
    fileName: submission.fileName,
    uploadedAt: formatBeijingTime(new Date(submission.uploadedAt)),
    pageCount: verdict.pageCount,
    ...fileOrigin(verdict),
    sha256: verdict.sha256,
    ...(verdict.version !== undefined ? { version: verdict.version } : {}),
    findings: verdict.findings,
    ...(download
      ? { downloadUrl: download.url, downloadExpiresAt: formatBeijingTime(download.expiresAt) }
      : {}),
  });
}

/** The producing software and creation date the file records, for receipts and reviewers' notices. */
function fileOrigin(verdict: SubmissionVerdict): { producer: string | null; createdAt: string | null } {
  const created = verdict.createdAt ? new Date(verdict.createdAt) : null;
  return {
    producer: verdict.producer ?? null,
    createdAt: created && !Number.isNaN(created.getTime()) ? formatBeijingTime(created) : null,
  };
}
