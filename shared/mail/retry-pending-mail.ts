/**
 * Sends the e-mail pending on submissions: what the scheduled job does every few minutes (the messages due), and
 * what `shenbao mail resend` does when an operator asks (one submission's, or all, whatever their schedule). Each
 * message is claimed by a conditional write before it is sent, so two runs at once never both send it.
 */
import { type Log, type Mailer, MailRejected } from "../processing/ports.ts";
import type { SubmissionRepository } from "../submissions/repository.ts";
import {
  afterFailure,
  CLAIM_MS,
  claimable,
  gaveUp,
  isDue,
  isSent,
  noReviewerPending,
  type PendingMailRef,
  type PendingMailStore,
} from "./pending-mail.ts";

export type RetrySelection =
  /** The scheduled job: messages whose next attempt is due. */
  | { mode: "due" }
  /** An operator: every pending message, given up or not. */
  | { mode: "all" }
  /** An operator: one submission's pending messages. */
  | { mode: "submission"; submissionId: string };

export type RetryResult =
  | { ref: PendingMailRef; result: "sent"; messageId: string }
  /** The record says it went out already (an earlier run died after sending): the entry is removed, nothing sent. */
  | { ref: PendingMailRef; result: "already-sent" }
  /** Another run holds its claim, or it was sent meanwhile. */
  | { ref: PendingMailRef; result: "busy" }
  | { ref: PendingMailRef; result: "failed"; reason: string; refused: boolean; gaveUp: boolean };

export interface RetryDeps {
  submissions: PendingMailStore & Pick<SubmissionRepository, "markReviewersNotified">;
  mailer: Mailer;
  clock: () => Date;
  /** This run's name in its claims (unique per run). */
  owner: string;
  log: Log;
}

/** Which pending messages a run takes: the due ones, all, or one submission's. */
export function selectPending(
  refs: readonly PendingMailRef[],
  selection: RetrySelection,
  now: Date,
): PendingMailRef[] {
  const at = now.toISOString();
  switch (selection.mode) {
    case "due":
      return refs.filter((r) => isDue(r.mail, at) && claimable(r.mail, at));
    case "all":
      return [...refs];
    case "submission":
      return refs.filter((r) => r.submissionId === selection.submissionId);
  }
}

export async function retryPendingMail(selection: RetrySelection, deps: RetryDeps): Promise<RetryResult[]> {
  const chosen = selectPending(await deps.submissions.listPendingMail(), selection, deps.clock());
  const results: RetryResult[] = [];
  for (const ref of chosen) results.push(await retryOne(ref, deps));
  return results;
}

async function retryOne(ref: PendingMailRef, deps: RetryDeps): Promise<RetryResult> {
  const id = { schoolId: ref.schoolId, submissionId: ref.submissionId, key: ref.key };
  const now = deps.clock();
  const claimed = await deps.submissions.claimPendingMail(id, {
    owner: deps.owner,
    now: now.toISOString(),
    until: new Date(now.getTime() + CLAIM_MS).toISOString(),
  });
  const mail = claimed?.mailPending?.[ref.key];
  if (!claimed || !mail) return { ref, result: "busy" };
  const current = { ...ref, mail };
  if (isSent(claimed, mail)) {
    await deps.submissions.completePendingMail(id, deps.owner, now.toISOString());
    return { ref: current, result: "already-sent" };
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(mail.email));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const next = afterFailure(mail, reason, deps.clock());
    await deps.submissions.failPendingMail(id, deps.owner, next);
    const stopped = gaveUp(next);
    const fields = {
      submissionId: ref.submissionId,
      kind: mail.kind,
      attempts: next.attempts,
      error: reason,
    };
    // The alarm's metric filter matches this message (infra/constructs/mail-retry.ts).
    if (stopped) deps.log.error("mail retries exhausted", fields);
    else deps.log.warn("mail retry failed", { ...fields, nextAttemptAt: next.nextAttemptAt });
    return {
      ref: { ...current, mail: next },
      result: "failed",
      reason,
      refused: error instanceof MailRejected,
      gaveUp: stopped,
    };
  }
  const after = await deps.submissions.completePendingMail(id, deps.owner, deps.clock().toISOString());
  deps.log.info("pending e-mail sent", { submissionId: ref.submissionId, kind: mail.kind, messageId });
  if (mail.kind === "reviewer" && after && !after.reviewersNotifiedAt && noReviewerPending(after)) {
    await deps.submissions.markReviewersNotified(ref.schoolId, ref.submissionId, deps.clock().toISOString());
  }
  return { ref: current, result: "sent", messageId };
}
