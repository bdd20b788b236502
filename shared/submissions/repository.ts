import type { PendingMailStore } from "../mail/pending-mail.ts";
import type { ApplicationPointer, SchoolRecord, SubmissionRecord, SubmissionVerdict } from "./records.ts";
import type { SubmissionState } from "./states.ts";

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

/** A claim that takes the processing lease too: a claim's outcome, or another delivery holding the lease. */
export type LeasedClaimOutcome = ClaimOutcome | { kind: "held-by-another" };

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
   * `claim` and `acquireLease` in one conditional write on the first delivery (PENDING → PROCESSING with the lease);
   * a redelivery or a duplicate finds the claim made and takes the lease alone if it can (free, lapsed, or its own).
   * An other version is told so without the lease; `held-by-another` means another delivery is at work.
   */
  claimLeased(
    schoolId: string,
    submissionId: string,
    claim: { objectVersion: string; uploadedAt: string; now: string; owner: string; until: string },
  ): Promise<LeasedClaimOutcome>;
  /** PROCESSING (this version) → the verdict's state. Idempotent: recording the same verdict again is a no-op. */
  recordVerdict(
    schoolId: string,
    submissionId: string,
    objectVersion: string,
    verdict: SubmissionVerdict,
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
  /** Ends `owner`'s lease; a no-op when another owner holds it now. */
  releaseLease(schoolId: string, submissionId: string, owner: string): Promise<void>;
}
