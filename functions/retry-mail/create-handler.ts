import { randomUUID } from "node:crypto";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { ScheduledEvent } from "aws-lambda";
import { retryPendingMail } from "../../shared/mail/retry-pending-mail.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { createLogger } from "../runtime/logger.ts";

export type RetryMailDeps = Pick<Dependencies, "submissions" | "mailer" | "clock"> & { logger?: Logger };

export interface RetryMailRunResult {
  sent: number;
  failed: number;
  gaveUp: number;
  busy: number;
}

/**
 * Every few minutes (an EventBridge schedule in the CDK stack): sends the receipts and reviewers' notices SES
 * refused, each when its backoff is due (5 min doubling to 6 h, eight attempts; shared/mail/pending-mail.ts). Safe
 * to run again or twice at once: each message is claimed by a conditional write before it is sent. The same run by
 * hand, locally or on AWS: `shenbao mail resend --due`.
 */
export function createRetryMailHandler(
  deps: RetryMailDeps,
): (event: ScheduledEvent) => Promise<RetryMailRunResult> {
  const logger = deps.logger ?? createLogger("retry-mail");
  return async () => {
    const results = await retryPendingMail(
      { mode: "due" },
      { ...deps, owner: `retry-mail:${randomUUID()}`, log: logger },
    );
    const run = {
      sent: results.filter((r) => r.result === "sent" || r.result === "already-sent").length,
      failed: results.filter((r) => r.result === "failed").length,
      gaveUp: results.filter((r) => r.result === "failed" && r.gaveUp).length,
      busy: results.filter((r) => r.result === "busy").length,
    };
    logger.info("mail retry run", { ...run });
    // A failed message is rescheduled on its entry; failing the invocation would only make EventBridge rerun it.
    return run;
  };
}
