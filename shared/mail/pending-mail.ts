/**
 * E-mail about a submission that has not gone out: the receipt, or one reviewer's notice, that SES refused (or that
 * a retry failed to send). Kept on the submission itself (`mailPending`, one entry per message), so that recording
 * a failure, claiming a retry and marking the message sent are each one conditional write on one item. Pure rules
 * only: keys, the backoff schedule, and what a claim may take.
 *
 * At most once per message: a retrier claims an entry (a conditional write naming itself, with a deadline) before
 * sending, so two retriers never both send it; the entry is removed in the same write that marks the message sent.
 * The one window left is SES's: a retrier that dies after SES accepted the message and before that write leaves a
 * claim that lapses, and the message can go out a second time (as in processing; SES has no idempotency key).
 */
import type { OutgoingEmail } from "../processing/ports.ts";
import type { SubmissionRecord } from "../submissions/records.ts";

export type PendingMailKind = "receipt" | "reviewer";

export interface PendingMail {
  kind: PendingMailKind;
  /** The message as it was composed when it first failed: the receipt is the school's proof and does not change. */
  email: OutgoingEmail;
  /** Why the last attempt failed, as the mail service said it (English, for the operator). */
  reason: string;
  /** Attempts made so far, the first (in processing) included. */
  attempts: number;
  firstFailedAt: string;
  lastAttemptAt: string;
  /** When the scheduled retry may try again; absent once automatic retries have given up. */
  nextAttemptAt?: string;
  /** A retrier's claim: who is sending it now, and until when the claim holds. */
  claimOwner?: string;
  claimUntil?: string;
}

/** A pending message with the submission it belongs to (what `mail pending` lists and a retrier works on). */
export interface PendingMailRef {
  schoolId: string;
  submissionId: string;
  /** The entry's key on the submission: `receipt`, or `reviewer:{address}`. */
  key: string;
  mail: PendingMail;
}

/** The first retry waits this long; each failure doubles the wait, up to the cap. */
export const FIRST_RETRY_MS = 5 * 60_000;
export const MAX_RETRY_MS = 6 * 60 * 60_000;
/** After this many attempts the scheduled job stops (and says so in an alarm); `shenbao mail resend` still sends. */
export const MAX_ATTEMPTS = 8;
/** How long a retrier's claim holds: well beyond one SES call, short enough for a crashed retrier's to lapse. */
export const CLAIM_MS = 2 * 60_000;

export function pendingMailKey(kind: PendingMailKind, to: string): string {
  return kind === "receipt" ? "receipt" : `reviewer:${to}`;
}

/** The wait after the `attempts`-th failed attempt: 5 min, 10, 20 … capped at 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** When to try again after `attempts` failures, or undefined when the scheduled job gives up. */
export function nextAttemptAfter(attempts: number, now: Date): string | undefined {
  if (attempts >= MAX_ATTEMPTS) return undefined;
  return new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
}

/** The entry for a message's first failure (in processing). */
export function firstFailure(
  kind: PendingMailKind,
  email: OutgoingEmail,
  reason: string,
  now: Date,
): PendingMail {
  const at = now.toISOString();
  const next = nextAttemptAfter(1, now);
  return {
    kind,
    email,
    reason,
    attempts: 1,
    firstFailedAt: at,
    lastAttemptAt: at,
    ...(next ? { nextAttemptAt: next } : {}),
  };
}

/** The entry after one more failed attempt: the claim given back, the next attempt scheduled (or given up). */
export function afterFailure(mail: PendingMail, reason: string, now: Date): PendingMail {
  const attempts = mail.attempts + 1;
  const { claimOwner: _owner, claimUntil: _until, nextAttemptAt: _next, ...rest } = mail;
  const next = nextAttemptAfter(attempts, now);
  return {
    ...rest,
    reason,
    attempts,
    lastAttemptAt: now.toISOString(),
    ...(next ? { nextAttemptAt: next } : {}),
  };
}

/** Whether a claim may be taken now: nobody holds it, or its holder's claim has lapsed. Times are ISO 8601 UTC. */
export function claimable(mail: PendingMail, now: string): boolean {
  return mail.claimUntil === undefined || mail.claimUntil < now;
}

/** Whether the scheduled job should try it now (an operator's resend ignores the schedule). */
export function isDue(mail: PendingMail, now: string): boolean {
  return mail.nextAttemptAt !== undefined && mail.nextAttemptAt <= now;
}

/** Whether the scheduled job has stopped retrying it. */
export function gaveUp(mail: PendingMail): boolean {
  return mail.nextAttemptAt === undefined;
}

/** Which pending message: the submission and the entry's key. */
export interface PendingMailId {
  schoolId: string;
  submissionId: string;
  key: string;
}

/**
 * The pending messages on the submissions, each change one conditional write on the submission item. Implemented
 * by the submission repositories (shared/aws/dynamodb-submissions.ts, test/fakes/memory-submissions.ts).
 */
export interface PendingMailStore {
  /** Records a message that could not be sent. A message already pending under this key keeps its entry. */
  deferMail(id: PendingMailId, mail: PendingMail): Promise<void>;
  /** Every pending message on every decided submission. */
  listPendingMail(): Promise<PendingMailRef[]>;
  /**
   * Takes the message for sending until `until`: the submission as it stands then, or undefined when the message
   * is no longer pending (sent) or another retrier's claim still holds.
   */
  claimPendingMail(
    id: PendingMailId,
    claim: { owner: string; now: string; until: string },
  ): Promise<SubmissionRecord | undefined>;
  /**
   * The message went out: marks it sent on the submission (receiptSentAt, or the reviewer in reviewersNotified) and
   * removes the entry, in one write, if `owner` still holds the claim. Returns the submission afterwards, or
   * undefined when the claim was lost.
   */
  completePendingMail(id: PendingMailId, owner: string, at: string): Promise<SubmissionRecord | undefined>;
  /** A retry failed: the entry as `afterFailure` made it (claim given back), if `owner` still holds the claim. */
  failPendingMail(id: PendingMailId, owner: string, mail: PendingMail): Promise<void>;
}

/** Every pending entry of one submission, for a listing. */
export function pendingOf(submission: SubmissionRecord): PendingMailRef[] {
  return Object.entries(submission.mailPending ?? {}).map(([key, mail]) => ({
    schoolId: submission.schoolId,
    submissionId: submission.submissionId,
    key,
    mail,
  }));
}

/** Whether the message under `key` is sent according to the submission's record. */
export function isSent(submission: SubmissionRecord, mail: PendingMail): boolean {
  return mail.kind === "receipt"
    ? submission.receiptSentAt !== undefined
    : (submission.reviewersNotified ?? []).includes(mail.email.to);
}

/** Whether no reviewer's notice is pending any more. */
export function noReviewerPending(submission: SubmissionRecord): boolean {
  return !Object.values(submission.mailPending ?? {}).some((m) => m.kind === "reviewer");
}
