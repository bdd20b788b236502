import type { SchoolLevel } from "../call/schema.ts";
import type { Finding } from "../checks/finding.ts";
import type { PendingMail } from "../mail/pending-mail.ts";
import type { SubmissionState } from "./states.ts";

/** A college registered for the call. `schoolId` is its 统一社会信用代码: unique, stable and safe in S3 keys. */
export interface SchoolRecord {
  schoolId: string;
  name: string;
  creditCode: string;
  level: SchoolLevel;
  contactName: string;
  email: string;
  phone: string;
  /** SHA-256 of the school's current bearer token; the token itself is never stored. */
  tokenHash: string;
  tokenIssuedAt: string;
  status: "active" | "revoked";
  createdAt: string;
  /**
   * When the school first saved its 申报书 form; absent while it never has. Written after the form item, so a crash
   * in between leaves a form without the flag (readers of the pre-screen heal that: shared/application/
   * prescreen-read.ts), never the flag without a form.
   */
  formSavedAt?: string;
}

/**
 * What processing needs of the school, as registered when the upload link was issued: the name and level the rules
 * judge, and whom the receipt addresses. Copied onto the PENDING submission from the school item the link request
 * reads anyway (the token's double check), so processing does not read the school again.
 */
export type SchoolSnapshot = Pick<SchoolRecord, "name" | "level" | "contactName" | "email"> & {
  /**
   * Whether the school had saved a 申报书 form when the link was issued. False lets processing skip the pre-screen of
   * an accepted 佐证材料 (a form saved since is healed by the pre-screen's readers); absent on snapshots written before
   * it was kept, which read the form as before.
   */
  hasForm?: boolean;
};

export function schoolSnapshotOf(school: SchoolRecord): SchoolSnapshot {
  return {
    name: school.name,
    level: school.level,
    contactName: school.contactName,
    email: school.email,
    hasForm: school.formSavedAt !== undefined,
  };
}

/** The outcome of examining one uploaded version: what the receipt reports. */
export interface SubmissionVerdict {
  state: "ACCEPTED" | "REJECTED" | "LATE";
  size: number;
  sha256: string;
  pageCount: number | null;
  /** The file's producing software (PDF Producer, else Creator) and creation date (ISO), when it says. */
  producer?: string | null;
  createdAt?: string | null;
  findings: Finding[];
  receiptNumber: string;
  processedAt: string;
  /** For an accepted upload: which accepted version of the school's document this is (1, 2 …). */
  version?: number;
  /** For an accepted upload: the submission it replaces as the school's current application. */
  replaces?: string;
}

/** One upload: created PENDING when its link is issued, then claimed, examined and decided once. */
export interface SubmissionRecord {
  submissionId: string;
  schoolId: string;
  callId: string;
  documentType: string;
  fileName: string;
  objectKey: string;
  declaredSize: number;
  state: SubmissionState;
  createdAt: string;
  linkExpiresAt: string;
  /**
   * The school as registered when the link was issued (a link is only ever issued to a registered school). Absent on
   * records written before it was kept: processing reads the school item for those.
   */
  school?: SchoolSnapshot;
  /** The object version this submission was decided on (S3 versionId, or ETag+sequencer without versioning). */
  objectVersion?: string;
  /** When S3 received the upload (the event time): the time that counts against the deadline. */
  uploadedAt?: string;
  processingStartedAt?: string;
  verdict?: SubmissionVerdict;
  supersededBy?: string;
  supersededAt?: string;
  receiptSentAt?: string;
  /** Reviewers whose notice has been sent, so that a retry after a failure part-way sends only the rest. */
  reviewersNotified?: string[];
  reviewersNotifiedAt?: string;
  /**
   * E-mail about this submission that has not gone out (refused by SES, or a retry failed), by key: `receipt`, or
   * `reviewer:{address}`. The scheduled retry and `shenbao mail resend` send it; sending removes the entry.
   */
  mailPending?: Record<string, PendingMail>;
  /**
   * The reviewers' download links of this accepted submission, by the SHA-256 (hex) of each link's id (the id itself,
   * which names this submission, is only in the reviewer's e-mail). Written by the verdict's own write on the first
   * delivery, added to by a redelivery that notifies a reviewer again. Links issued before links lived here are
   * items of their own (shared/aws/dynamodb-reviewer-links.ts).
   */
  reviewerLinks?: Record<string, ReviewerLinkEntry>;
}

/** One reviewer's link on a submission; the submission names the file, its checked version and its receipt. */
export interface ReviewerLinkEntry {
  reviewer: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  /** Downloads through the link so far, and the last one's time. */
  downloads: number;
  lastAccessAt?: string;
}

/** Which accepted submission is a school's current application for a document type. */
export interface ApplicationPointer {
  schoolId: string;
  documentType: string;
  currentSubmissionId: string;
  currentUploadedAt: string;
  updatedAt: string;
}
