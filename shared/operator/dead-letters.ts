import { uploadedObjectsFromBody } from "../processing/uploaded-object.ts";
import { parseUploadKey } from "../submissions/object-key.ts";

/**
 * Messages that failed processing too often and wait in the dead-letter queue (SQS on AWS, the local stack's list
 * locally): what an operator reads, and the replay that sends them back. Replaying is safe however often it is done:
 * process-upload's conditional writes make a repeated delivery change nothing and send nothing twice.
 */

export interface DeadLetter {
  messageId: string;
  body: string;
  /** How often it was received before it was given up on, where the queue says. */
  receiveCount?: number;
  /** When it was first sent to the main queue. */
  sentAt?: string;
  /** Why the last delivery failed (local stack only: SQS does not keep it). */
  lastError?: string;
}

export interface DeadLetterQueue {
  list(): Promise<DeadLetter[]>;
  /** Sends the messages (all, or those ids) back to the main queue and removes them from the dead-letter queue. */
  replay(ids?: readonly string[]): Promise<{ replayed: string[]; notFound: string[] }>;
}

/** What a dead letter is about, as far as its body says: the uploads it names, or why it cannot be read. */
export type DeadLetterSubject =
  | {
      kind: "uploads";
      uploads: Array<{
        key: string;
        eventTime: string;
        schoolId?: string;
        submissionId?: string;
        fileName?: string;
      }>;
    }
  | { kind: "test-event" }
  | { kind: "unreadable"; reason: string };

export function describeDeadLetter(body: string): DeadLetterSubject {
  let objects: ReturnType<typeof uploadedObjectsFromBody>;
  try {
    objects = uploadedObjectsFromBody(body);
  } catch (error) {
    return {
      kind: "unreadable",
      reason: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
    };
  }
  if (objects.length === 0) return { kind: "test-event" };
  return {
    kind: "uploads",
    uploads: objects.map((o) => ({ key: o.key, eventTime: o.eventTime, ...(parseUploadKey(o.key) ?? {}) })),
  };
}
