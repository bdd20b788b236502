import { type Command, InvalidArgumentError } from "commander";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { REMIND_TEXT } from "../shared/messages/operator.ts";
import { parseReminderDays } from "../shared/reminders/plan-reminders.ts";
import { type ReminderRun, sendReminders } from "../shared/reminders/send-reminders.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { json, out, renderTable } from "./table.ts";

/**
 * `shenbao remind`: the deadline reminders the AWS stack sends every morning (functions/send-reminders), run by hand:
 * locally, or on AWS to send now. One reminder per school per stage, however often it runs.
 */
export function registerRemindCommand(program: Command, setExitCode: (code: number) => void): void {
  withTarget(
    program
      .command("remind")
      .description(
        "E-mail a deadline reminder to every active college without an accepted application, once per stage " +
          "(days before the deadline: --days, else SHENBAO_REMINDER_DAYS, else 7,3,1)",
      )
      .option("--days <days>", "the stages, comma-separated days before the deadline", parseDays)
      .option("--dry-run", "show who would be reminded; send and record nothing"),
  ).action(async (opts: TargetOptions & { days?: number[]; dryRun?: boolean }) => {
    const op = await operator(opts.endpoint);
    const days = opts.days ?? parseDays(process.env.SHENBAO_REMINDER_DAYS ?? "");
    const call = op.ctx.call;
    const pageUrl = op.optionalPublicUrl();
    const run = await sendReminders({
      call,
      schools: op.schools,
      submissions: op.submissions,
      mailLog: op.mailLog,
      // Resolved only when something is to be sent: a dry run needs no sender.
      mailer: { send: (email) => op.mailer().send(email) },
      days,
      now: new Date(),
      ...(pageUrl ? { pageUrl } : {}),
      dryRun: opts.dryRun ?? false,
    });
    if (opts.json) {
      json({
        stage: run.stage ?? null,
        dryRun: opts.dryRun ?? false,
        sent: ids(run.sent),
        due: ids(run.due),
        alreadyReminded: ids(run.alreadyReminded),
        raced: ids(run.raced),
        failed: run.failed.map((f) => ({ schoolId: f.school.schoolId, message: reason(f.error) })),
      });
    } else out(render(run, days, new Date(call.deadline), opts.dryRun ?? false));
    if (run.failed.length > 0) setExitCode(1);
  });
}

function parseDays(value: string): number[] {
  try {
    return parseReminderDays(value);
  } catch {
    throw new InvalidArgumentError(REMIND_TEXT.badDays(value));
  }
}

function render(run: ReminderRun, days: number[], closes: Date, dryRun: boolean): string {
  const deadline = formatBeijingTime(closes);
  if (run.stage === undefined) {
    return Date.now() > closes.getTime()
      ? REMIND_TEXT.closed(deadline)
      : REMIND_TEXT.notYet(deadline, Math.max(...days));
  }
  const rows: string[][] = [
    ...(dryRun ? run.due : run.sent).map((s) => row(s, dryRun ? REMIND_TEXT.wouldSend : REMIND_TEXT.sent)),
    ...run.failed.map((f) => row(f.school, REMIND_TEXT.failed(reason(f.error)))),
    ...run.raced.map((s) => row(s, REMIND_TEXT.raced)),
    ...run.alreadyReminded.map((s) => row(s, REMIND_TEXT.already)),
  ];
  const lines = [REMIND_TEXT.stage(run.stage, deadline), ""];
  if (rows.length === 0) lines.push(REMIND_TEXT.nobody);
  else
    lines.push(
      renderTable(REMIND_TEXT.columns, rows),
      "",
      REMIND_TEXT.summary(
        dryRun ? run.due.length : run.sent.length,
        run.alreadyReminded.length,
        run.failed.length,
        dryRun,
      ),
    );
  return lines.join("\n");
}

function row(school: SchoolRecord, result: string): string[] {
  return [school.name, school.schoolId, school.email, result];
}

function ids(schools: readonly SchoolRecord[]): string[] {
  return schools.map((s) => s.schoolId);
}

function reason(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
