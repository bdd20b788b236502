import type { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { SqsDeadLetterQueue } from "../../../shared/aws/sqs-dead-letters.ts";

interface Sent {
  name: string;
  input: Record<string, unknown>;
}

/** An SQS queue in memory, answering the commands the adapter sends as SQS does (receipt handles per receive). */
function fakeSqs(messages: Array<{ id: string; body: string }>) {
  const sent: Sent[] = [];
  const invisible = new Set<string>();
  let handle = 0;
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name;
      sent.push({ name, input: command.input });
      switch (name) {
        case "ReceiveMessageCommand": {
          const batch = messages.filter((m) => !invisible.has(m.id)).slice(0, 10);
          for (const m of batch) invisible.add(m.id);
          return {
            Messages: batch.map((m) => ({
              MessageId: m.id,
              Body: m.body,
              ReceiptHandle: `${m.id}#${++handle}`,
              Attributes: { ApproximateReceiveCount: "6", SentTimestamp: "1731600000000" },
            })),
          };
        }
        case "ChangeMessageVisibilityBatchCommand":
          for (const e of command.input.Entries as Array<{ ReceiptHandle: string }>)
            invisible.delete(e.ReceiptHandle.split("#")[0] as string);
          return {};
        case "DeleteMessageCommand": {
          const id = (command.input.ReceiptHandle as string).split("#")[0];
          messages.splice(
            messages.findIndex((m) => m.id === id),
            1,
          );
          return {};
        }
        default:
          return {};
      }
    },
  };
  return { client: client as unknown as SQSClient, sent, messages };
}

const letters = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `m${i + 1}`, body: `{"n":${i + 1}}` }));

describe("SqsDeadLetterQueue", () => {
  it("lists every message once, across pages, and makes them all visible again", async () => {
    const sqs = fakeSqs(letters(23));
    const listed = await new SqsDeadLetterQueue(sqs.client, "dlq").list();
    expect(listed.map((l) => l.messageId)).toEqual(letters(23).map((l) => l.id));
    expect(listed[0]).toEqual({
      messageId: "m1",
      body: '{"n":1}',
      receiveCount: 5,
      sentAt: "2024-11-14T16:00:00.000Z",
    });
    expect(sqs.sent.filter((s) => s.name === "ReceiveMessageCommand")).toHaveLength(4);
    const released = sqs.sent
      .filter((s) => s.name === "ChangeMessageVisibilityBatchCommand")
      .flatMap((s) => s.input.Entries as unknown[]);
    expect(released).toHaveLength(23);
    expect(sqs.sent.some((s) => s.name === "DeleteMessageCommand")).toBe(false);
  });

  it("replays the chosen messages to the main queue, then deletes them; the rest stay", async () => {
    const sqs = fakeSqs(letters(3));
    const result = await new SqsDeadLetterQueue(sqs.client, "dlq", "main").replay(["m2", "m9"]);
    expect(result).toEqual({ replayed: ["m2"], notFound: ["m9"] });
    const order = sqs.sent.filter(
      (s) => s.name === "SendMessageCommand" || s.name === "DeleteMessageCommand",
    );
    expect(order.map((s) => [s.name, s.input.QueueUrl])).toEqual([
      ["SendMessageCommand", "main"],
      ["DeleteMessageCommand", "dlq"],
    ]);
    expect(order[0]?.input.MessageBody).toBe('{"n":2}');
    expect(sqs.messages.map((m) => m.id)).toEqual(["m1", "m3"]);
    expect(await new SqsDeadLetterQueue(sqs.client, "dlq", "main").replay()).toEqual({
      replayed: ["m1", "m3"],
      notFound: [],
    });
  });
});
