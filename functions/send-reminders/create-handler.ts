import type { Logger } from "@aws-lambda-powertools/logger";
import type { ScheduledEvent } from "aws-lambda";
import { pageLink } from "../../shared/api/page-links.ts";
import { sendReminders } from "../../shared/reminders/send-reminders.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { createLogger } from "../runtime/logger.ts";

export type SendRemindersDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "submissions" | "mailLog" | "mailer" | "reminderDays" | "clock"
> & {
  config: Pick<Dependencies["config"], "SHENBAO_PUBLIC_URL">;
  logger?: Logger;
};

export interface RemindersResult {
  stage: number | null;
  sent: number;
  failed: number;
}

/**
 * Once a day (an EventBridge schedule in the CDK stack): a deadline reminder to every active school without an
 * accepted application, once per stage (SHENBAO_REMINDER_DAYS, default 7,3,1 days before the deadline). Safe to run
 * again or twice at once: each reminder is claimed by a conditional write before it is sent.
 */
export function createSendRemindersHandler(
  deps: SendRemindersDeps,
): (event: ScheduledEvent) => Promise<RemindersResult> {
  const logger = deps.logger ?? createLogger("send-reminders");
  return async () => {
    const run = await sendReminders({
      call: deps.ctx.call,
      schools: deps.schools,
      submissions: deps.submissions,
      mailLog: deps.mailLog,
      mailer: deps.mailer,
      days: deps.reminderDays,
      now: deps.clock(),
      ...(deps.config.SHENBAO_PUBLIC_URL ? { pageUrl: pageLink(deps.config.SHENBAO_PUBLIC_URL) } : {}),
    });
    logger.info("reminders run", {
      stage: run.stage ?? null,
      sent: run.sent.length,
      alreadyReminded: run.alreadyReminded.length,
      raced: run.raced.length,
      failed: run.failed.map((f) => ({ schoolId: f.school.schoolId, error: (f.error as Error).message })),
    });
    // A failed reminder gave its claim back; tomorrow's run (or a rerun) sends it. Failing the invocation would make
    // EventBridge retry the whole run at once, which the claims make harmless but the logs would make confusing.
    return { stage: run.stage ?? null, sent: run.sent.length, failed: run.failed.length };
  };
}
