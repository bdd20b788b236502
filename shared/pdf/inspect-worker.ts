/**
 * The inspector's worker thread: inspects each file it is sent, one at a time, and replies with plain data.
 * Loading pdf.js changes this thread's built-ins, which is one more reason it lives here and not in the caller.
 */
import { parentPort } from "node:worker_threads";
import { inspectPdfBytes } from "./inspect-pdf.ts";
import type { InspectRequest, WorkerMessage } from "./inspect-protocol.ts";

const port = parentPort;
if (!port) throw new Error("inspect-worker runs only as a worker thread (see inspector.ts)");

const reply = (message: WorkerMessage) => port.postMessage(message);

// pdf.js, running in this thread without a worker of its own, leaves some promises of a damaged document rejected
// and unobserved, at times after the inspection has answered. Node would end this thread for each one, failing
// whichever file is being inspected at that moment, often the next school's (found by test/fuzz). Every inspection's
// own outcome arrives through the promise it awaits, or the inspector's timeout, so a stray rejection is dropped.
process.on("unhandledRejection", () => undefined);

port.on("message", async ({ id, bytes, textLayer }: InspectRequest) => {
  try {
    reply({ type: "result", id, result: await inspectPdfBytes(bytes, { consumeBytes: true, textLayer }) });
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    reply({ type: "error", id, message, stack });
  }
});

reply({ type: "ready" });
