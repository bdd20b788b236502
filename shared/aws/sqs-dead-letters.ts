import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { DeadLetter, DeadLetterQueue } from "../operator/dead-letters.ts";

/**
 * The SQS dead-letter queue, read without consuming: messages are received with a visibility timeout long enough
 * to page through the queue, then made visible again at once. A replay sends a message's body to the main queue
 * first and deletes it from the dead-letter queue after: a crash in between leaves a duplicate, which
 * process-upload's idempotency absorbs, never a loss.
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly deadLetterQueueUrl: string,
    private readonly mainQueueUrl?: string,
  ) {}

  async list(): Promise<DeadLetter[]> {
    const messages = await this.receiveAll();
    await this.release(messages);
    return messages.map(toDeadLetter);
  }

  async replay(ids?: readonly string[]): Promise<{ replayed: string[]; notFound: string[] }> {
    if (!this.mainQueueUrl) throw new Error("replay needs the main queue's URL");
    const messages = await this.receiveAll();
    const wanted = ids ? new Set(ids) : undefined;
    const chosen = messages.filter((m) => !wanted || wanted.has(m.MessageId ?? ""));
    await this.release(messages.filter((m) => !chosen.includes(m)));
    const replayed: string[] = [];
    for (const message of chosen) {
      await this.sqs.send(
        new SendMessageCommand({ QueueUrl: this.mainQueueUrl, MessageBody: message.Body ?? "" }),
      );
      await this.sqs.send(
        new DeleteMessageCommand({ QueueUrl: this.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      replayed.push(message.MessageId ?? "");
    }
    const found = new Set(replayed);
    return { replayed, notFound: (ids ?? []).filter((id) => !found.has(id)) };
  }

  /**
   * Every message, each once: long polling (one second) asks every SQS server, so an empty answer means the queue
   * is drained, and the visibility timeout keeps a message received from being received again meanwhile.
   */
  private async receiveAll(): Promise<Message[]> {
    const seen = new Map<string, Message>();
    for (;;) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.deadLetterQueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 120,
          MessageSystemAttributeNames: ["All"],
        }),
      );
      const fresh = Messages.filter((m) => m.MessageId && !seen.has(m.MessageId));
      if (fresh.length === 0) return [...seen.values()];
      for (const m of fresh) seen.set(m.MessageId as string, m);
    }
  }

  /** Makes received messages visible again now, ten per call (SQS's batch limit). */
  private async release(messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.deadLetterQueueUrl,
          Entries: messages.slice(i, i + 10).map((m, j) => ({
            Id: String(j),
            ReceiptHandle: m.ReceiptHandle,
            VisibilityTimeout: 0,
          })),
        }),
      );
    }
  }
}

function toDeadLetter(m: Message): DeadLetter {
  const sent = Number(m.Attributes?.SentTimestamp);
  const count = Number(m.Attributes?.ApproximateReceiveCount);
  return {
    messageId: m.MessageId ?? "",
    body: m.Body ?? "",
    // Counting includes this very receive.
    ...(Number.isFinite(count) && count > 0 ? { receiveCount: count - 1 } : {}),
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
  };
}
