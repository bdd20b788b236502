import type { Command } from "commander";
import { createSqsClientFrom } from "../shared/aws/clients.ts";
import { SqsDeadLetterQueue } from "../shared/aws/sqs-dead-letters.ts";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { DLQ_TEXT } from "../shared/messages/operator.ts";
import {
  type DeadLetter,
  type DeadLetterQueue,
  describeDeadLetter,
} from "../shared/operator/dead-letters.ts";
import { truncateMiddle } from "./display-width.ts";
import { operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { json, out, renderTable } from "./table.ts";
import { UsageError } from "./usage-error.ts";

/** `shenbao dlq list|replay`: uploads whose processing failed five times (locally: the stack's maxReceiveCount). */
export function registerDlqCommand(program: Command, setExitCode: (code: number) => void): void {
  const dlq = program
    .command("dlq")
    .description("Inspect and re-drive uploads whose processing kept failing (the dead-letter queue)");

  withTarget(dlq.command("list").description("List dead letters without removing them")).action(
    async (opts: TargetOptions) => {
      const letters = await (await queue(opts)).list();
      if (opts.json) {
        json({ deadLetters: letters.map((l) => ({ ...l, subject: describeDeadLetter(l.body) })) });
        return;
      }
      if (letters.length === 0) {
        out(DLQ_TEXT.none);
        return;
      }
      out(
        renderTable(
          DLQ_TEXT.columns,
          letters.map((l) => [
            l.messageId,
            l.receiveCount?.toString() ?? "",
            l.sentAt ? formatBeijingTime(new Date(l.sentAt), { zoneSuffix: false }) : "",
            truncateMiddle(subjectText(l), 60),
            truncateMiddle(l.lastError ?? "", 40),
          ]),
        ),
      );
      out("");
      out(DLQ_TEXT.count(letters.length));
    },
  );

  withTarget(
    dlq
      .command("replay")
      .description(
        "Send dead letters (all, or those ids) back to the upload queue; safe to repeat: processing is idempotent",
      )
      .argument("[messageIds...]", "message ids from `dlq list`; none: every dead letter"),
  ).action(async (ids: string[], opts: TargetOptions) => {
    const result = await (await queue(opts)).replay(ids.length > 0 ? ids : undefined);
    if (opts.json) json(result);
    else {
      out(DLQ_TEXT.replayed(result.replayed));
      if (result.notFound.length > 0) out(DLQ_TEXT.notFound(result.notFound));
    }
    if (result.notFound.length > 0) setExitCode(1);
  });
}

async function queue(opts: TargetOptions): Promise<DeadLetterQueue> {
  const op = await operator(opts.endpoint);
  if (op.target.stack) return localDeadLetters(op.target.stack.baseUrl);
  const dlqUrl = process.env.SHENBAO_DLQ_URL;
  if (!dlqUrl) throw new UsageError(DLQ_TEXT.awsNotConfigured("SHENBAO_DLQ_URL"));
  const mainUrl = process.env.SHENBAO_QUEUE_URL;
  return {
    list: () => new SqsDeadLetterQueue(createSqsClientFrom(op.target.connection.sqs), dlqUrl).list(),
    replay: (ids) => {
      if (!mainUrl) throw new UsageError(DLQ_TEXT.awsNotConfigured("SHENBAO_QUEUE_URL"));
      return new SqsDeadLetterQueue(createSqsClientFrom(op.target.connection.sqs), dlqUrl, mainUrl).replay(
        ids,
      );
    },
  };
}

/** The running local stack's dead letters, through its loopback admin route (infra/local/dead-letter-routes.ts). */
export function localDeadLetters(baseUrl: string): DeadLetterQueue {
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/_local/dead-letters${path}`, init);
    } catch (error) {
      throw new UsageError(DLQ_TEXT.localUnavailable(String((error as Error).cause ?? error)), {
        cause: error,
      });
    }
    if (!response.ok)
      throw new UsageError(DLQ_TEXT.localUnavailable(`HTTP ${response.status} ${await response.text()}`));
    return (await response.json()) as T;
  };
  return {
    async list() {
      const { deadLetters } = await call<{
        deadLetters: Array<{
          messageId: string;
          body: string;
          receiveCount: number;
          sentTimestamp: number;
          lastError: string;
        }>;
      }>("");
      return deadLetters.map(
        (l): DeadLetter => ({
          messageId: l.messageId,
          body: l.body,
          receiveCount: l.receiveCount,
          sentAt: new Date(l.sentTimestamp).toISOString(),
          lastError: l.lastError,
        }),
      );
    },
    replay(ids) {
      return call("/replay", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ids ? { ids } : {}),
      });
    },
  };
}

function subjectText(letter: DeadLetter): string {
  const subject = describeDeadLetter(letter.body);
  switch (subject.kind) {
    case "test-event":
      return DLQ_TEXT.testEvent;
    case "unreadable":
      return DLQ_TEXT.unreadable(subject.reason);
    case "uploads":
      return subject.uploads.map((u) => DLQ_TEXT.upload(u.schoolId, u.submissionId, u.key)).join("；");
  }
}
