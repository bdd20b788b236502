/**
 * S3 → SQS → Lambda on one machine: each S3 notification becomes an SQS message, and messages reach the handler in
 * batches shaped exactly as the Lambda SQS event source delivers them. The semantics a handler must survive in AWS
 * are kept: partial batch failure (only reported items come back), a thrown error or timeout fails the whole batch,
 * redelivery after a delay with a growing ApproximateReceiveCount, and after maxReceiveCount receives the message
 * moves to a dead-letter queue (dlq.json under dataDir) from which it can be replayed.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { type DeadLetter, DeadLetterStore } from "./dead-letters.ts";
import { createLambdaContext } from "./lambda-context.ts";
import { s3TestEvent } from "./s3-notification.ts";

export type QueueHandler = (
  event: SQSEvent,
  context: Context,
  // biome-ignore lint/suspicious/noConfusingVoidType: an async handler that returns nothing is typed Promise<void>
) => Promise<SQSBatchResponse | undefined | void>;

export interface EventDeliveryOptions {
  handler: QueueHandler;
  /** Only ObjectCreated events whose key starts with this are sent (matched, as S3 filters do, on the encoded key). */
  prefix?: string;
  /** Largest batch per invocation. Default 10, the Lambda default for SQS. */
  batchSize?: number;
  /** How long to gather messages into a batch before invoking. Default 20 ms. */
  batchWindowMs?: number;
  /** Receives before a message goes to the dead-letter queue. Default 3. */
  maxReceiveCount?: number;
  /** Delay before a failed message is visible again (stands in for the visibility timeout); doubles per receive. */
  retryDelayMs?: number;
  /** Batches handled at once, as Lambda scales out pollers. Default 5. */
  maxConcurrency?: number;
  /** An invocation running longer than this fails its whole batch, as a Lambda timeout does. Default 30 s. */
  timeoutMs?: number;
  /** Where dlq.json is kept. Omitted: the dead-letter queue lives in memory only. */
  dataDir?: string;
  region?: string;
  queueName?: string;
  functionName?: string;
  /** Where to report failures and dead letters. Default console.warn. */
  log?: (message: string) => void;
}

export interface EventDelivery {
  /** Sends an S3 notification to the queue if its filter matches, as S3 does. */
  publishS3Event(event: S3Event): void;
  /** Sends the `s3:TestEvent` S3 sends when a notification configuration is created. */
  sendTestEvent(bucket: string): string;
  /** Sends raw message bodies (duplicates, out-of-order events, junk); returns their message ids. */
  deliverRawRecords(bodies: readonly string[]): string[];
  listDeadLetters(): DeadLetter[];
  /** Moves dead letters (all, or those ids) back to the queue. Idempotency is the handler's job. */
  replayDeadLetters(ids?: readonly string[]): Promise<string[]>;
  /** Resolves when no message is waiting, being retried or in flight, and dead letters are written. */
  whenIdle(): Promise<void>;
  /** Stops delivering; waits for batches in flight. Messages still queued are dropped. */
  stop(): Promise<void>;
}

interface Message {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp: number | undefined;
  visibleAt: number;
}

/** The sender id on messages S3 sends (an example value in AWS documentation). */
const S3_SENDER_ID = "AIDAJHIPRHEMV73VRJEBU";

export async function createEventDelivery(options: EventDeliveryOptions): Promise<EventDelivery> {
  const batchSize = options.batchSize ?? 10;
  const batchWindowMs = options.batchWindowMs ?? 20;
  const maxReceiveCount = options.maxReceiveCount ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxConcurrency = options.maxConcurrency ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const region = options.region ?? "us-east-1";
  const queueName = options.queueName ?? "shenbao-uploads";
  const queueArn = `arn:aws:sqs:${region}:000000000000:${queueName}`;
  const log = options.log ?? ((message: string) => console.warn(`[local sqs] ${message}`));
  const deadLetters = await DeadLetterStore.open(
    options.dataDir ? join(options.dataDir, "dlq.json") : undefined,
  );

  const waiting: Message[] = [];
  const inFlight = new Set<Promise<void>>();
  /** Timed-out invocations still running, whose messages return to the queue when they end. */
  const lingering = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let stopped = false;

  function send(body: string, messageId: string = randomUUID()): string {
    if (stopped) throw new Error("event delivery is stopped");
    const now = Date.now();
    waiting.push({
      messageId,
      body,
      md5OfBody: createHash("md5").update(body).digest("hex"),
      sentTimestamp: now,
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      visibleAt: now,
    });
    wakeIn(batchWindowMs);
    return messageId;
  }

  function wakeIn(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (stopped || (timer && timerAt <= at)) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      poll();
    }, delayMs);
  }

  function poll(): void {
    if (stopped) return;
    const now = Date.now();
    while (inFlight.size < maxConcurrency) {
      const batch = takeVisible(now);
      if (batch.length === 0) break;
      const running: Promise<void> = invoke(batch).finally(() => {
        inFlight.delete(running);
        poll();
      });
      inFlight.add(running);
    }
    const next = waiting.reduce((earliest, m) => Math.min(earliest, m.visibleAt), Number.POSITIVE_INFINITY);
    if (Number.isFinite(next) && inFlight.size < maxConcurrency) wakeIn(Math.max(0, next - now));
    settleIdle();
  }

  function takeVisible(now: number): Message[] {
    const batch: Message[] = [];
    for (let i = 0; i < waiting.length && batch.length < batchSize; ) {
      const message = waiting[i];
      if (message && message.visibleAt <= now) {
        batch.push(message);
        waiting.splice(i, 1);
      } else {
        i++;
      }
    }
    return batch;
  }

  async function invoke(batch: Message[]): Promise<void> {
    const now = Date.now();
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
    }
    const event: SQSEvent = { Records: batch.map(toRecord) };
    const context = createLambdaContext({
      functionName: options.functionName ?? "process-upload",
      timeoutMs,
      region,
    });
    let failed: Map<string, string>;
    // Called inside a promise, so that a handler that throws at once fails its batch like one that rejects.
    const running = Promise.resolve().then(() => options.handler(event, context));
    let timedOut = false;
    try {
      const result = await withTimeout(running, timeoutMs);
      failed = reportedFailures(result, batch);
    } catch (error) {
      timedOut = error instanceof TimedOut;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log(`batch of ${batch.length} failed: ${reason}`);
      failed = new Map(batch.map((m) => [m.messageId, reason]));
    }
    if (!timedOut) {
      returnFailed(batch, failed);
      return;
    }
    // Lambda kills a timed-out invocation before SQS shows its messages again (the visibility timeout is longer than
    // the function's). This one cannot be killed: its messages come back once it has ended, so that the redelivery
    // never runs beside it, or, if it hangs, after LINGER_TIMEOUTS more timeouts.
    const ended = new Promise<void>((resolve) => {
      const linger = setTimeout(resolve, LINGER_TIMEOUTS * timeoutMs);
      void running
        .catch(() => undefined)
        .finally(() => {
          clearTimeout(linger);
          resolve();
        });
    });
    const returning: Promise<void> = ended.then(() => {
      lingering.delete(returning);
      returnFailed(batch, failed);
      poll();
    });
    lingering.add(returning);
  }

  /** Failed messages back to the queue after the retry delay, or to the dead-letter queue after their last receive. */
  function returnFailed(batch: Message[], failed: Map<string, string>): void {
    // One moment for the whole batch, as SQS starts one visibility timeout at its receive: a batch's failed messages
    // come back together, not split when the clock ticks between two of them.
    const now = Date.now();
    for (const message of batch) {
      const reason = failed.get(message.messageId);
      if (reason === undefined) continue;
      if (message.receiveCount >= maxReceiveCount) {
        log(
          `message ${message.messageId} moved to the dead-letter queue after ${message.receiveCount} receives`,
        );
        deadLetters.add({
          messageId: message.messageId,
          body: message.body,
          md5OfBody: message.md5OfBody,
          sentTimestamp: message.sentTimestamp,
          receiveCount: message.receiveCount,
          deadLetteredAt: new Date(now).toISOString(),
          sourceQueueArn: queueArn,
          lastError: reason,
        });
      } else {
        message.visibleAt = now + retryDelayMs * 2 ** (message.receiveCount - 1);
        waiting.push(message);
      }
    }
  }

  function toRecord(message: Message): SQSRecord {
    return {
      messageId: message.messageId,
      // A new receipt handle on every receive, as SQS gives.
      receiptHandle: randomBytes(96).toString("base64"),
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestamp),
        SenderId: S3_SENDER_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
      },
      messageAttributes: {},
      md5OfBody: message.md5OfBody,
      eventSource: "aws:sqs",
      eventSourceARN: queueArn,
      awsRegion: region,
    };
  }

  function settleIdle(): void {
    if (waiting.length > 0 || inFlight.size > 0 || lingering.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    publishS3Event(event) {
      if (stopped) return; // an upload racing the shutdown: S3 would still send it, but no one is listening
      const prefix = options.prefix ?? "";
      const wanted = event.Records.some(
        (r) => r.eventName.startsWith("ObjectCreated:") && r.s3.object.key.startsWith(prefix),
      );
      if (wanted) send(JSON.stringify(event));
    },
    sendTestEvent(bucket) {
      return send(JSON.stringify(s3TestEvent(bucket)));
    },
    deliverRawRecords(bodies) {
      return bodies.map((body) => send(body));
    },
    listDeadLetters() {
      return deadLetters.list();
    },
    async replayDeadLetters(ids) {
      const letters = deadLetters.take(ids);
      await deadLetters.flushed();
      // The message keeps its id, as a message moved between SQS queues does.
      return letters.map((letter) => send(letter.body, letter.messageId));
    },
    async whenIdle() {
      if (!stopped && (waiting.length > 0 || inFlight.size > 0 || lingering.size > 0)) {
        await new Promise<void>((resolve) => idleWaiters.push(resolve));
      }
      // Dead letters count as delivered only once they are on disk.
      await deadLetters.flushed();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      waiting.length = 0;
      await Promise.allSettled([...inFlight, ...lingering]);
      waiting.length = 0; // retries scheduled by the batches that just finished
      settleIdle();
      await deadLetters.flushed();
    },
  };
}

/**
 * Which messages failed, per the Lambda rules for ReportBatchItemFailures: no response or an empty list means all
 * succeeded; an item whose identifier is missing, empty or not in the batch fails the whole batch.
 */
function reportedFailures(result: unknown, batch: Message[]): Map<string, string> {
  const failures =
    typeof result === "object" && result !== null ? (result as SQSBatchResponse).batchItemFailures : [];
  if (!Array.isArray(failures)) return new Map();
  const ids = new Set(batch.map((m) => m.messageId));
  const reported = failures.map((f: { itemIdentifier?: unknown } | null) => f?.itemIdentifier);
  if (reported.some((id) => typeof id !== "string" || !ids.has(id))) {
    return new Map(
      batch.map((m) => [m.messageId, "batchItemFailures named an unknown item: whole batch failed"]),
    );
  }
  return new Map(reported.map((id) => [id as string, "reported in batchItemFailures"]));
}

/** An invocation that ran past its timeout (Lambda's message for it). */
class TimedOut extends Error {}

/** How many more timeouts a timed-out invocation may run on before its messages are redelivered anyway. */
const LINGER_TIMEOUTS = 4;

/**
 * Lambda would kill a timed-out invocation; here it cannot be stopped and runs on, its messages held back until it
 * ends (see invoke), so its late writes come before the redelivery's, as a killed invocation's last writes would.
 */
async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`Task timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
