import type { PendingMailStore } from "../mail/pending-mail.ts";
import type {
  ApplicationPointer,
  ReviewerLinkEntry,
  SchoolRecord,
  SubmissionRecord,
  SubmissionVerdict,
} from "./records.ts";
import type { SubmissionState } from "./states.ts";
import type { VerdictClaim } from "./transitions.ts";

/** Schools and their tokens. Implemented over DynamoDB in shared/aws/dynamodb-*.ts. */
export interface SchoolRepository {
  /** @throws SchoolAlreadyRegistered */
  registerSchool(school: SchoolRecord): Promise<void>;
  getSchool(schoolId: string): Promise<SchoolRecord | undefined>;
  /** The active school whose current token has this hash. */
  findSchoolByTokenHash(tokenHash: string): Promise<SchoolRecord | undefined>;
  /** Makes `tokenHash` the school's only valid token (the old one stops working at once). @throws SchoolNotFound */
  replaceToken(schoolId: string, tokenHash: string, issuedAt: string): Promise<void>;
  /** @throws SchoolNotFound */
  revokeSchool(schoolId: string): Promise<void>;
  /**
   * Records that the school has saved its 申报书 form (`formSavedAt`, kept from the first call: later calls change
   * nothing). Written after the form item. @throws SchoolNotFound
   */
  markFormSaved(schoolId: string, at: string): Promise<void>;
  listSchools(): Promise<SchoolRecord[]>;
}

/** What a claim of an uploaded object found. */
export type ClaimOutcome =
  /** This call now owns the processing of the object version (first delivery, or redelivery mid-processing). */
  | { kind: "claimed"; submission: SubmissionRecord }
  /** The verdict on this very object version is already recorded: resume the remaining side effects only. */
  | { kind: "decided"; submission: SubmissionRecord }
  /** The submission was decided on another object version: this upload reused a link and is ignored. */
  | { kind: "other-version"; submission: SubmissionRecord }
  | { kind: "not-found" };

/** What placing a submission as the school's application found (see SubmissionRepository.placeApplication). */
export interface PlacedApplication {
  /** The pointer as it stands afterwards. */
  pointer: ApplicationPointer;
  /** True when no pointer existed before: no other upload of the document had been placed. */
  created: boolean;
}

/** The bookkeeping a delivery's last "sent" mark may carry (see SubmissionRepository.markReceiptSent). */
export interface FinalMark {
  reviewersNotifiedAt?: string;
  releaseLease?: string;
}

/** Whether a delivery may work on a submission now (see SubmissionRepository.acquireLease). */
export type LeaseOutcome = "acquired" | "held-by-another" | "not-found";

/** `LeaseOutcome` with the record read in the lease's write (see SubmissionRepository.takeLease). */
export type TakenLease =
  | { kind: "acquired"; submission: SubmissionRecord }
  | { kind: "held-by-another" }
  | { kind: "not-found" };

/**
 * Submissions and each school's current application, and the e-mail about them not yet sent. Every state change is
 * one conditional write.
 */
export interface SubmissionRepository extends PendingMailStore {
  /** @throws SubmissionAlreadyExists */
  createPending(submission: SubmissionRecord): Promise<void>;
  getSubmission(schoolId: string, submissionId: string): Promise<SubmissionRecord | undefined>;
  listSchoolSubmissions(schoolId: string): Promise<SubmissionRecord[]>;
  listByState(state: SubmissionState): Promise<SubmissionRecord[]>;
  /** PENDING → PROCESSING for this object version; idempotent for the same version. */
  claim(
    schoolId: string,
    submissionId: string,
    claim: { objectVersion: string; uploadedAt: string; now: string },
  ): Promise<ClaimOutcome>;
  /**
   * PROCESSING (this version) → the verdict's state. Idempotent: recording the same verdict again is a no-op.
   *
   * With `claim`, the delivery's claim rides on the same conditional write: a submission without a verdict (PENDING,
   * or PROCESSING for this version) whose lease is free, lapsed or `claim.owner`'s gets the object version, the upload
   * time, the verdict and the lease at once. A retry of the delivery's own write gets the stored record back.
   * `reviewerLinks`, the reviewers' download links by hash, are stored by the same write, so they exist exactly when
   * this verdict was recorded by this call (the record returned holds them then; a repeat stores nothing else).
   * @throws SubmissionTaken when another delivery decided or holds it, or another version holds it
   * @throws SubmissionNotFound
   */
  recordVerdict(
    schoolId: string,
    submissionId: string,
    objectVersion: string,
    verdict: SubmissionVerdict,
    claim?: VerdictClaim,
    reviewerLinks?: Readonly<Record<string, ReviewerLinkEntry>>,
  ): Promise<SubmissionRecord>;
  getApplication(schoolId: string, documentType: string): Promise<ApplicationPointer | undefined>;
  /**
   * Points the school's application at this submission unless a later upload already holds it.
   * Returns the pointer as it stands afterwards.
   */
  advanceApplication(pointer: ApplicationPointer): Promise<ApplicationPointer>;
  /** `advanceApplication`, telling also whether the pointer was created by this call. */
  placeApplication(pointer: ApplicationPointer): Promise<PlacedApplication>;
  /** ACCEPTED → SUPERSEDED; a no-op when already superseded by the same submission. */
  markSuperseded(schoolId: string, submissionId: string, by: string, at: string): Promise<void>;
  /**
   * Records that the receipt was sent (the first time is kept). `then` folds the delivery's last bookkeeping into the
   * same write: every reviewer notified at `reviewersNotifiedAt`, and the lease of `releaseLease` ended (a no-op part
   * when another owner holds it now).
   */
  markReceiptSent(schoolId: string, submissionId: string, at: string, then?: FinalMark): Promise<void>;
  /** Records that this reviewer's notice was sent; a repeated call changes nothing. `then`: as markReceiptSent. */
  markReviewerNotified(
    schoolId: string,
    submissionId: string,
    address: string,
    then?: FinalMark,
  ): Promise<void>;
  markReviewersNotified(schoolId: string, submissionId: string, at: string): Promise<void>;
  /**
   * Makes `owner` (one queue message) the only worker on the submission until `until`, unless another owner's
   * lease is still running. The same owner takes its lease back at once: that is its own message redelivered.
   */
  acquireLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<LeaseOutcome>;
  /**
   * `acquireLease`, returning the record as it stands once the lease is held (a resuming delivery sends only what
   * no holder before it marked sent).
   */
  takeLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<TakenLease>;
  /** Ends `owner`'s lease; a no-op when another owner holds it now. */
  releaseLease(schoolId: string, submissionId: string, owner: string): Promise<void>;
}
