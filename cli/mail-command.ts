import type { Command } from "commander";
import { gaveUp, type PendingMailRef } from "../shared/mail/pending-mail.ts";
import {
  type RetryResult,
  type RetrySelection,
  retryPendingMail,
} from "../shared/mail/retry-pending-mail.ts";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { MAIL_RETRY_TEXT as T } from "../shared/messages/mail-retry.ts";
import { truncateMiddle } from "./display-width.ts";
import { type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { json, out, renderTable } from "./table.ts";
import { UsageError } from "./usage-error.ts";

/**
 * `shenbao mail pending|resend`: the receipts and reviewers' notices SES refused, recorded on their submissions and
 * retried by the scheduled job (functions/retry-mail); resend sends them now, each at most once.
 */
export function registerMailCommand(program: Command, setExitCode: (code: number) => void): void {
  const mail = program
    .command("mail")
    .description("E-mail that has not gone out (refused by SES): list it, send it again");

  withTarget(
    mail.command("pending").description("List the receipts and reviewers' notices not yet sent, and why"),
  ).action(async (opts: TargetOptions) => {
    const op = await operator(opts.endpoint);
    const pending = await op.submissions.listPendingMail();
    const names = await schoolNames(op);
    if (opts.json) {
      json({
        pending: pending.map((p) => ({
          schoolId: p.schoolId,
          schoolName: names.get(p.schoolId) ?? null,
          submissionId: p.submissionId,
          kind: p.mail.kind,
          to: p.mail.email.to,
          subject: p.mail.email.subject,
          reason: p.mail.reason,
          attempts: p.mail.attempts,
          firstFailedAt: p.mail.firstFailedAt,
          lastAttemptAt: p.mail.lastAttemptAt,
          nextAttemptAt: p.mail.nextAttemptAt ?? null,
        })),
      });
      return;
    }
    if (pending.length === 0) {
      out(T.none);
      return;
    }
    out(
      renderTable(
        T.pendingColumns,
        pending.map((p) => [
          schoolOf(names, p),
          kindOf(p),
          p.mail.email.to,
          truncateMiddle(p.mail.reason, 72),
          String(p.mail.attempts),
          nextOf(p),
          p.submissionId,
        ]),
      ),
    );
    out("");
    out(T.count(pending.length, pending.filter((p) => gaveUp(p.mail)).length));
  });

  withTarget(
    mail
      .command("resend")
      .description(
        "Send pending e-mail now, each message at most once (claimed before sending): one submission's, all, " +
          "or those due (what the scheduled job sends)",
      )
      .option("--submission <submissionId>", "the pending e-mail of this submission")
      .option("--all", "every pending e-mail, including those no longer retried automatically")
      .option("--due", "the pending e-mail whose next attempt is due, as the scheduled job would"),
  ).action(async (opts: TargetOptions & { submission?: string; all?: boolean; due?: boolean }) => {
    const selection = selectionOf(opts);
    const op = await operator(opts.endpoint);
    const results = await retryPendingMail(selection, {
      submissions: op.submissions,
      mailer: op.mailer(),
      clock: () => new Date(),
      owner: `cli:${process.pid}:${Date.now()}`,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const failed = results.filter((r) => r.result === "failed").length;
    if (selection.mode === "submission" && results.length === 0) setExitCode(1);
    if (failed > 0) setExitCode(1);
    if (opts.json) {
      json({ results: results.map(resultJson) });
      return;
    }
    if (results.length === 0) {
      out(
        selection.mode === "submission"
          ? T.nothingFor(selection.submissionId)
          : selection.mode === "due"
            ? T.nothingDue
            : T.nothingPending,
      );
      return;
    }
    const names = await schoolNames(op);
    out(
      renderTable(
        T.resendColumns,
        results.map((r) => [schoolOf(names, r.ref), kindOf(r.ref), r.ref.mail.email.to, resultText(r)]),
      ),
    );
    out("");
    out(T.summary(results.filter((r) => r.result === "sent").length, failed));
  });
}

function selectionOf(opts: { submission?: string; all?: boolean; due?: boolean }): RetrySelection {
  const chosen = [opts.submission !== undefined, opts.all === true, opts.due === true].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError(T.chooseOne);
  if (opts.submission !== undefined) return { mode: "submission", submissionId: opts.submission };
  return opts.all ? { mode: "all" } : { mode: "due" };
}

async function schoolNames(op: Operator): Promise<Map<string, string>> {
  return new Map((await op.schools.listSchools()).map((s) => [s.schoolId, s.name]));
}

function schoolOf(names: Map<string, string>, ref: PendingMailRef): string {
  return names.get(ref.schoolId) ?? T.unknownSchool(ref.schoolId);
}

function kindOf(ref: PendingMailRef): string {
  return T.kind[ref.mail.kind] ?? ref.mail.kind;
}

function time(iso: string): string {
  return formatBeijingTime(new Date(iso), { zoneSuffix: false });
}

function nextOf(ref: PendingMailRef): string {
  const { mail } = ref;
  if (mail.claimUntil && mail.claimUntil > new Date().toISOString()) return T.sending(time(mail.claimUntil));
  return mail.nextAttemptAt ? time(mail.nextAttemptAt) : T.gaveUp;
}

function resultText(r: RetryResult): string {
  switch (r.result) {
    case "sent":
      return T.sent;
    case "already-sent":
      return T.alreadySent;
    case "busy":
      return T.busy;
    case "failed":
      return T.failed(r.reason, r.ref.mail.nextAttemptAt && time(r.ref.mail.nextAttemptAt));
  }
}

function resultJson(r: RetryResult) {
  return {
    schoolId: r.ref.schoolId,
    submissionId: r.ref.submissionId,
    kind: r.ref.mail.kind,
    to: r.ref.mail.email.to,
    result: r.result,
    ...(r.result === "sent" ? { messageId: r.messageId } : {}),
    ...(r.result === "failed"
      ? { reason: r.reason, refused: r.refused, gaveUp: r.gaveUp, attempts: r.ref.mail.attempts }
      : {}),
  };
}
