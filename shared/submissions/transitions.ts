/**
 * The submission store's conditional writes as pure decisions: for each state change, the condition under which it
 * applies, the record it produces, and what a caller is told when the condition fails. The DynamoDB adapter states
 * each condition as a ConditionExpression and, when it loses, hands the stored item to the `…WhenLost` function
 * here; the in-memory store of the tests applies the same functions directly. The behavioural contract tests run
 * both, so the two cannot drift apart.
 */
import type { ApplicationPointer, SubmissionRecord, SubmissionVerdict } from "./records.ts";
import type { ClaimOutcome, LeaseOutcome } from "./repository.ts";
import { hasVerdict } from "./states.ts";

export interface ClaimRequest {
  objectVersion: string;
  uploadedAt: string;
  now: string;
}

/** Only a PENDING submission can be claimed; a missing one never is (a claim never creates a submission). */
export function canClaim(stored: SubmissionRecord | undefined): boolean {
  return stored?.state === "PENDING";
}

/** PENDING → PROCESSING, fencing the object version in the same step. */
export function claimed(stored: SubmissionRecord, claim: ClaimRequest): SubmissionRecord {
  return {
    ...stored,
    state: "PROCESSING",
    objectVersion: claim.objectVersion,
    uploadedAt: claim.uploadedAt,
    processingStartedAt: claim.now,
  };
}

/**
 * Decides a claim from the stored record alone. PENDING is the one state in which the claim itself must be written
 * (`{ kind: "write" }`); every other state is an answer: another version holds the submission (a reused link), the
 * verdict on this version is recorded (resume the side effects), or this version is still PROCESSING (an earlier
 * delivery died mid-work: claim it again, keeping the stored record with the first start time).
 */
export function classifyClaim(
  stored: SubmissionRecord | undefined,
  claim: Pick<ClaimRequest, "objectVersion">,
): ClaimOutcome | { kind: "write" } {
  if (!stored) return { kind: "not-found" };
  if (canClaim(stored)) return { kind: "write" };
  if (stored.objectVersion !== claim.objectVersion) return { kind: "other-version", submission: stored };
  if (hasVerdict(stored.state)) return { kind: "decided", submission: stored };
  return { kind: "claimed", submission: stored };
}

/** A verdict is recorded only for the version that is PROCESSING. */
export function canRecordVerdict(stored: SubmissionRecord | undefined, objectVersion: string): boolean {
  return stored?.state === "PROCESSING" && stored.objectVersion === objectVersion;
}

export function withVerdict(stored: SubmissionRecord, verdict: SubmissionVerdict): SubmissionRecord {
  return { ...stored, state: verdict.state, verdict };
}

export type LostVerdict =
  | { kind: "already-recorded"; submission: SubmissionRecord }
  | { kind: "not-found" }
  | { kind: "conflict" };

/** The first verdict for the version wins: a repeat gets the stored record back; anything else is a conflict. */
export function verdictWhenLost(stored: SubmissionRecord | undefined, objectVersion: string): LostVerdict {
  if (!stored) return { kind: "not-found" };
  if (stored.verdict && stored.objectVersion === objectVersion) {
    return { kind: "already-recorded", submission: stored };
  }
  return { kind: "conflict" };
}

/**
 * The application pointer's ordering: upload time, ties broken by submission id. Normalized through Date so that
 * "…:00Z" and "…:00.000Z" compare as equal instants; a plain string comparison would order them by punctuation.
 */
export function applicationOrderKey(uploadedAt: string, submissionId: string): string {
  return `${new Date(uploadedAt).toISOString()}#${submissionId}`;
}

/** The pointer only moves forward in (upload time, submission id) order. */
export function advances(stored: ApplicationPointer | undefined, pointer: ApplicationPointer): boolean {
  if (!stored) return true;
  return (
    applicationOrderKey(stored.currentUploadedAt, stored.currentSubmissionId) <
    applicationOrderKey(pointer.currentUploadedAt, pointer.currentSubmissionId)
  );
}

/** ACCEPTED → SUPERSEDED, or a repeat naming the same successor. */
export function canSupersede(stored: SubmissionRecord | undefined, by: string): boolean {
  return stored?.state === "ACCEPTED" || (stored?.state === "SUPERSEDED" && stored.supersededBy === by);
}

/** `supersededAt` keeps its first value, so a repeated call changes nothing. */
export function superseded(stored: SubmissionRecord, by: string, at: string): SubmissionRecord {
  return { ...stored, state: "SUPERSEDED", supersededBy: by, supersededAt: stored.supersededAt ?? at };
}

/** A lost state change on one submission: it is missing, or not in the state the change needs. */
export type LostChange = "not-found" | "conflict";

export function changeWhenLost(stored: SubmissionRecord | undefined): LostChange {
  return stored ? "conflict" : "not-found";
}

/** Whether this reviewer still has to be added (a repeat, or a missing submission, adds nothing). */
export function canAddReviewer(stored: SubmissionRecord | undefined, address: string): boolean {
  return stored !== undefined && !(stored.reviewersNotified ?? []).includes(address);
}

/** The processing lease, kept on the submission but outside its record. */
export interface Lease {
  owner: string;
  until: string;
}

/**
 * Free, lapsed, or already this owner's (its own message redelivered). Times are ISO 8601 UTC, which compare as
 * strings.
 */
export function canTakeLease(
  exists: boolean,
  held: Lease | undefined,
  request: { owner: string; now: string },
): boolean {
  return exists && (held === undefined || held.owner === request.owner || held.until < request.now);
}

export function leaseWhenLost(exists: boolean): LeaseOutcome {
  return exists ? "held-by-another" : "not-found";
}

/**
 * What the verdict's write of a delivery carries besides the verdict (SubmissionRecord.recordVerdict's `claim`): the
 * upload's time, fenced with the object version in the same write, and the processing lease, taken by it.
 */
export interface VerdictClaim {
  uploadedAt: string;
  /** When the delivery started: `processingStartedAt`, and the time a running lease is judged against. */
  now: string;
  owner: string;
  until: string;
}

/**
 * The claimed verdict applies to a submission still without a verdict, PENDING or (claimed before the claim was
 * folded into the verdict) PROCESSING for this version, whose lease is free, lapsed or this owner's.
 */
export function canRecordClaimedVerdict(
  stored: SubmissionRecord | undefined,
  held: Lease | undefined,
  objectVersion: string,
  claim: Pick<VerdictClaim, "owner" | "now">,
): boolean {
  return (
    stored !== undefined &&
    (stored.state === "PENDING" || canRecordVerdict(stored, objectVersion)) &&
    canTakeLease(true, held, claim)
  );
}

/** The version, the upload time and the verdict in one step; a first start time is kept. */
export function claimedWithVerdict(
  stored: SubmissionRecord,
  objectVersion: string,
  claim: VerdictClaim,
  verdict: SubmissionVerdict,
): SubmissionRecord {
  return {
    ...stored,
    state: verdict.state,
    objectVersion,
    uploadedAt: claim.uploadedAt,
    processingStartedAt: stored.processingStartedAt ?? claim.now,
    verdict,
  };
}

/**
 * Why a claimed verdict's write did not apply, from the item as stored afterwards. This version's verdict recorded
 * under this owner's lease is this delivery's own earlier write (a retried request): the record is the answer.
 * Another version is a second upload through the link; this version decided or leased by another delivery means
 * that delivery is at work or has done it, and this one must send nothing.
 */
export type LostClaimedVerdict =
  | { kind: "already-recorded"; submission: SubmissionRecord }
  | { kind: "other-version"; submission: SubmissionRecord }
  | { kind: "held-by-another" }
  | { kind: "not-found" };

export function claimedVerdictWhenLost(
  stored: SubmissionRecord | undefined,
  held: Lease | undefined,
  objectVersion: string,
  owner: string,
): LostClaimedVerdict {
  if (!stored) return { kind: "not-found" };
  if (stored.objectVersion !== undefined && stored.objectVersion !== objectVersion) {
    return { kind: "other-version", submission: stored };
  }
  if (stored.verdict && held?.owner === owner) return { kind: "already-recorded", submission: stored };
  return { kind: "held-by-another" };
}

/**
 * What one "sent" mark still has to change on the stored record. The mark after an e-mail carries, on the last
 * one, the rest of the delivery's bookkeeping too (every reviewer notified, the lease released), so a repeat or a
 * lease taken over meanwhile must not make the whole write fail: a reviewer already listed and a lease no longer
 * this owner's are dropped, and the rest is written.
 */
export interface SentMark {
  receiptSentAt?: string;
  reviewer?: string;
  reviewersNotifiedAt?: string;
  /** The owner whose lease ends with this mark. */
  releaseLease?: string;
}

export function remainingMark(stored: SubmissionRecord, held: Lease | undefined, mark: SentMark): SentMark {
  const { reviewer, releaseLease, ...rest } = mark;
  return {
    ...rest,
    ...(reviewer !== undefined && canAddReviewer(stored, reviewer) ? { reviewer } : {}),
    ...(releaseLease !== undefined && held?.owner === releaseLease ? { releaseLease } : {}),
  };
}

/** The record after a mark (timestamps keep their first value); the lease is kept outside the record. */
export function marked(stored: SubmissionRecord, mark: SentMark): SubmissionRecord {
  return {
    ...stored,
    ...(mark.receiptSentAt ? { receiptSentAt: stored.receiptSentAt ?? mark.receiptSentAt } : {}),
    ...(mark.reviewer !== undefined && canAddReviewer(stored, mark.reviewer)
      ? { reviewersNotified: [...(stored.reviewersNotified ?? []), mark.reviewer] }
      : {}),
    ...(mark.reviewersNotifiedAt
      ? { reviewersNotifiedAt: stored.reviewersNotifiedAt ?? mark.reviewersNotifiedAt }
      : {}),
  };
}
