import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createEventDelivery,
  type EventDelivery,
  type EventDeliveryOptions,
} from "../../../infra/local/event-delivery.ts";

/** Every record each invocation received, in order. */
type Invocations = SQSRecord[][];

describe("event delivery: SQS → Lambda semantics", () => {
  let dataDir: string;
  let delivery: EventDelivery | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "shenbao-sqs-"));
  });

  afterEach(async () => {
    await delivery?.stop();
    delivery = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(
    handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>,
    options: Partial<EventDeliveryOptions> = {},
  ): Promise<{ delivery: EventDelivery; invocations: Invocations }> {
    const invocations: Invocations = [];
    delivery = await createEventDelivery({
      handler: async (event) => {
        invocations.push(event.Records);
        return handler(event);
      },
      dataDir,
      retryDelayMs: 5,
      batchWindowMs: 5,
      log: () => {},
      ...options,
    });
    return { delivery, invocations };
  }

  it("hands the handler complete SQS records", async () => {
    const { delivery, invocations } = await start(async () => undefined, { region: "cn-north-1" });

    const [id] = delivery.deliverRawRecords(['{"Records":[]}']);
    await delivery.whenIdle();

    const record = invocations[0]?.[0];
    expect(record).toMatchObject({
      messageId: id,
      body: '{"Records":[]}',
      md5OfBody: createHash("md5").update('{"Records":[]}').digest("hex"),
      messageAttributes: {},
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:cn-north-1:000000000000:shenbao-uploads",
      awsRegion: "cn-north-1",
      attributes: { ApproximateReceiveCount: "1" },
    });
    expect(record?.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record?.receiptHandle.length).toBeGreaterThan(20);
    expect(Number(record?.attributes.SentTimestamp)).toBeLessThanOrEqual(
      Number(record?.attributes.ApproximateFirstReceiveTimestamp),
    );
  });

  it("redelivers only the records reported in batchItemFailures, with ApproximateReceiveCount 2", async () => {
    let failOnce = true;
    const { delivery, invocations } = await start(async (event) => {
      const failing = event.Records.find((r) => r.body === "bad");
      if (failing && failOnce) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: failing.messageId }] };
      }
      return { batchItemFailures: [] };
    });

    const [, badId] = delivery.deliverRawRecords(["good-1", "bad", "good-2"]);
    await delivery.whenIdle();

    expect(
      invocations.map((batch) => batch.map((r) => [r.body, r.attributes.ApproximateReceiveCount])),
    ).toEqual([
      [
        ["good-1", "1"],
        ["bad", "1"],
        ["good-2", "1"],
      ],
      [["bad", "2"]],
    ]);
    expect(invocations[1]?.[0]?.messageId).toBe(badId);
    expect(delivery.listDeadLetters()).toEqual([]);
  });

  it("retries the whole batch when the handler throws or names an unknown item", async () => {
    let calls = 0;
    const { delivery, invocations } = await start(async () => {
      calls += 1;
      if (calls === 1) throw new Error("DynamoDB unavailable");
      if (calls === 2) return { batchItemFailures: [{ itemIdentifier: "not-in-this-batch" }] };
      return undefined;
    });

    delivery.deliverRawRecords(["a", "b"]);
    await delivery.whenIdle();

    expect(invocations.map((batch) => batch.map((r) => r.attributes.ApproximateReceiveCount))).toEqual([
      ["1", "1"],
      ["2", "2"],
      ["3", "3"],
    ]);
  });

  it("brings a failed batch back together even when the clock ticks between its messages", async () => {
    // Every reading of the clock a millisecond later than the one before: what a busy machine can do between two
    // messages of one batch. Once split, a batch would come back as two.
    const realNow = Date.now.bind(Date);
    let last = 0;
    vi.spyOn(Date, "now").mockImplementation(() => {
      last = Math.max(realNow(), last + 1);
      return last;
    });
    try {
      let calls = 0;
      const { delivery, invocations } = await start(async () => {
        calls += 1;
        if (calls === 1) throw new Error("DynamoDB unavailable");
        return undefined;
      });

      delivery.deliverRawRecords(["a", "b", "c"]);
      await delivery.whenIdle();

      expect(
        invocations.map((batch) => batch.map((r) => [r.body, r.attributes.ApproximateReceiveCount])),
      ).toEqual([
        [
          ["a", "1"],
          ["b", "1"],
          ["c", "1"],
        ],
        [
          ["a", "2"],
          ["b", "2"],
          ["c", "2"],
        ],
      ]);
    } finally {
      vi.mocked(Date.now).mockRestore();
    }
  });

  it("moves a message that always fails to dlq.json after maxReceiveCount, and replays it", async () => {
    let healthy = false;
    const { delivery, invocations } = await start(async () => {
      if (!healthy) throw new Error("cannot read PDF");
      return { batchItemFailures: [] };
    });

    const [id] = delivery.deliverRawRecords(["poison"]);
    await delivery.whenIdle();

    expect(invocations.map((batch) => batch[0]?.attributes.ApproximateReceiveCount)).toEqual(["1", "2", "3"]);
    const letters = delivery.listDeadLetters();
    expect(letters).toMatchObject([
      { messageId: id, body: "poison", receiveCount: 3, lastError: "Error: cannot read PDF" },
    ]);
    const file = JSON.parse(await readFile(join(dataDir, "dlq.json"), "utf8"));
    expect(file).toEqual(letters);

    healthy = true;
    const replayed = await delivery.replayDeadLetters();
    await delivery.whenIdle();

    expect(replayed).toEqual([id]);
    expect(
      invocations.at(-1)?.map((r) => [r.messageId, r.body, r.attributes.ApproximateReceiveCount]),
    ).toEqual([[id, "poison", "1"]]);
    expect(delivery.listDeadLetters()).toEqual([]);
    expect(JSON.parse(await readFile(join(dataDir, "dlq.json"), "utf8"))).toEqual([]);
  });

  it("keeps dead letters across a restart and replays only the ones asked for", async () => {
    const first = await start(
      async () => {
        throw new Error("always");
      },
      { maxReceiveCount: 1 },
    );
    const [a, b] = first.delivery.deliverRawRecords(["a", "b"]);
    await first.delivery.whenIdle();
    await first.delivery.stop();

    const second = await start(async () => undefined);
    expect(
      second.delivery
        .listDeadLetters()
        .map((l) => l.messageId)
        .sort(),
    ).toEqual([a, b].sort());
    await second.delivery.replayDeadLetters([b ?? ""]);
    await second.delivery.whenIdle();

    expect(second.delivery.listDeadLetters().map((l) => l.messageId)).toEqual([a]);
    expect(second.invocations.flat().map((r) => r.body)).toEqual(["b"]);
  });

  it("batches up to batchSize messages per invocation", async () => {
    const { delivery, invocations } = await start(async () => undefined, {
      batchSize: 10,
      maxConcurrency: 1,
    });

    delivery.deliverRawRecords(Array.from({ length: 25 }, (_, i) => `m${i}`));
    await delivery.whenIdle();

    expect(invocations.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(
      invocations
        .flat()
        .map((r) => r.body)
        .sort(),
    ).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`).sort());
  });

  it("fails a batch whose handler outlives the timeout", async () => {
    let calls = 0;
    const { delivery, invocations } = await start(
      async () => {
        calls += 1;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 200));
        return undefined;
      },
      { timeoutMs: 50 },
    );

    delivery.deliverRawRecords(["slow"]);
    await delivery.whenIdle();

    expect(invocations.map((batch) => batch[0]?.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
  });

  it("redelivers a timed-out batch only once its handler has ended, never beside it", async () => {
    let running = 0;
    let overlapped = false;
    let calls = 0;
    const { delivery, invocations } = await start(
      async () => {
        calls += 1;
        running += 1;
        if (running > 1) overlapped = true;
        // The first invocation outlives its timeout (50 ms) three times over, and the retry delay (5 ms) by far.
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 150));
        running -= 1;
        return undefined;
      },
      { timeoutMs: 50 },
    );

    delivery.deliverRawRecords(["slow"]);
    await delivery.whenIdle();

    expect(invocations.map((batch) => batch[0]?.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
    expect(overlapped).toBe(false);
  });

  it("sends S3's test event and filters S3 notifications by event and prefix", async () => {
    const { delivery, invocations } = await start(async () => undefined, { prefix: "uploads/" });
    const notification = (eventName: string, key: string) => ({
      Records: [{ eventName, s3: { object: { key } } }],
    });

    delivery.sendTestEvent("bucket-a");
    delivery.publishS3Event(notification("ObjectCreated:Post", "uploads/a.pdf") as never);
    delivery.publishS3Event(notification("ObjectCreated:Put", "exports/a.csv") as never);
    delivery.publishS3Event(notification("ObjectRemoved:Delete", "uploads/a.pdf") as never);
    await delivery.whenIdle();

    const bodies = invocations.flat().map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "bucket-a" });
    expect(bodies[1]).toMatchObject({ Records: [{ eventName: "ObjectCreated:Post" }] });
  });

  it("stops without leaving timers behind, even with retries pending", async () => {
    vi.useFakeTimers();
    try {
      const { delivery, invocations } = await start(
        async () => {
          throw new Error("retry later");
        },
        { retryDelayMs: 60_000 },
      );
      delivery.deliverRawRecords(["x"]);
      await vi.advanceTimersByTimeAsync(10);
      expect(invocations).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(1); // the redelivery a minute from now

      await delivery.stop();
      await delivery.whenIdle();

      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
