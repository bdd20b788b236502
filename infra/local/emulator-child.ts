/**
 * The emulator process's entry (forked by emulator-process.ts, spoken to over IPC): starts the emulators, reports
 * their endpoints, forwards every S3 event to the parent and holds each S3 response until the parent has the
 * events it caused. Stops on "stop", and by itself when the parent goes away, so it never outlives the stack.
 */
import type { S3Event } from "aws-lambda";
import { type EmulatorOptions, type Emulators, startEmulators } from "./emulators.ts";

/** What the parent sends. */
export type ToEmulatorProcess =
  | { type: "start"; options: Omit<EmulatorOptions, "beforeResponse"> }
  | { type: "ack"; seq: number }
  | { type: "stop" };

/** What this process answers. */
export type FromEmulatorProcess =
  | { type: "ready"; endpoints: Emulators["endpoints"]; region: string }
  | { type: "failed"; message: string }
  | { type: "event"; seq: number; event: S3Event };

const send = (message: FromEmulatorProcess) => process.send?.(message);

let emulators: Emulators | undefined;
let sent = 0;
let acked = 0;
let ackWaiters: Array<{ seq: number; resolve: () => void }> = [];
let stopping: Promise<void> | undefined;

/** Resolves once the parent has acknowledged every event sent so far; undefined when it already has. */
function eventsDelivered(): Promise<void> | undefined {
  if (acked >= sent) return undefined;
  const seq = sent;
  return new Promise((resolve) => ackWaiters.push({ seq, resolve }));
}

function onAck(seq: number): void {
  acked = Math.max(acked, seq);
  const ready = ackWaiters.filter((w) => w.seq <= acked);
  ackWaiters = ackWaiters.filter((w) => w.seq > acked);
  for (const waiter of ready) waiter.resolve();
}

function stop(): Promise<void> {
  stopping ??= (async () => {
    // Nothing will acknowledge any more: responses still held are let go.
    onAck(Number.POSITIVE_INFINITY);
    try {
      await emulators?.stop();
    } finally {
      process.exit(0);
    }
  })();
  return stopping;
}

process.on("message", async (message: ToEmulatorProcess) => {
  if (message.type === "ack") onAck(message.seq);
  else if (message.type === "stop") await stop();
  else if (message.type === "start") {
    try {
      emulators = await startEmulators({ ...message.options, beforeResponse: eventsDelivered });
      emulators.onS3Event((event) => {
        sent += 1;
        send({ type: "event", seq: sent, event });
      });
      send({ type: "ready", endpoints: emulators.endpoints, region: emulators.region });
    } catch (error) {
      const failed: FromEmulatorProcess = {
        type: "failed",
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
      // Sent before exiting, or the parent would learn only that the process ended.
      await new Promise<void>((resolve) => process.send?.(failed, () => resolve()) ?? resolve());
      await stop();
    }
  }
});
// The parent died or let go: nothing is left to serve.
process.on("disconnect", () => void stop());
// Ctrl-C reaches the whole process group: the parent stops this process in order (closing the table's files).
process.on("SIGINT", () => undefined);
