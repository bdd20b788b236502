/**
 * The emulators (emulators.ts) in a child process of their own, behind the same `Emulators` interface: under load,
 * s3rver, dynalite and the SES emulator work on another core than the handlers and the queue. S3 events come over
 * IPC, and the child holds each S3 response until this process has the events it caused, so an event is queued
 * before the upload's answer, as in one process. The SES mailbox is read through its HTTP API (`/store`), as from
 * any other process. stop() ends the child; the child also ends itself when this process goes away.
 */
import { type ChildProcess, fork } from "node:child_process";
import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { S3Event } from "aws-lambda";
import type { FromEmulatorProcess, ToEmulatorProcess } from "./emulator-child.ts";
import { type EmulatorOptions, type Emulators, emulatorConnection, LOCAL_CREDENTIALS } from "./emulators.ts";

/** The child's entry, run from source through tsx's loader (the loader this process may or may not have). */
const CHILD_ENTRY = fileURLToPath(new URL("./emulator-child.ts", import.meta.url));
/** How long stop() waits for the child to close its servers and files before killing it. */
const STOP_TIMEOUT_MS = 10_000;

export class EmulatorProcessError extends Error {
  override name = "EmulatorProcessError";
}

/** The emulators in their own process: the same interface, and the process's id. */
export interface EmulatorProcess extends Emulators {
  pid: number;
}

export async function startEmulatorProcess(
  options: Omit<EmulatorOptions, "beforeResponse"> = {},
): Promise<EmulatorProcess> {
  const child = fork(CHILD_ENTRY, [], {
    execArgv: ["--import", tsxLoaderUrl(), ...profilingFlags()],
    serialization: "advanced",
  });
  const events = new EventEmitter();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.on("message", (message: FromEmulatorProcess) => {
    if (message.type !== "event") return;
    events.emit("event", message.event);
    tell(child, { type: "ack", seq: message.seq });
  });
  let ready: Extract<FromEmulatorProcess, { type: "ready" }>;
  try {
    ready = await started(child, exited);
  } catch (error) {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid as number,
    endpoints: ready.endpoints,
    credentials: { ...LOCAL_CREDENTIALS },
    region: ready.region,
    connection: emulatorConnection(ready.endpoints, ready.region),
    onS3Event(listener: (event: S3Event) => void) {
      events.on("event", listener);
      return () => events.off("event", listener);
    },
    stop() {
      stopping ??= (async () => {
        events.removeAllListeners();
        if (child.exitCode !== null || child.signalCode !== null) return;
        tell(child, { type: "stop" });
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };

  function started(
    process: ChildProcess,
    exit: Promise<number | null>,
  ): Promise<Extract<FromEmulatorProcess, { type: "ready" }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromEmulatorProcess) => {
        if (message.type === "ready") {
          process.off("message", onMessage);
          resolve(message);
        } else if (message.type === "failed") {
          process.off("message", onMessage);
          reject(new EmulatorProcessError(`the emulators did not start: ${message.message}`));
        }
      };
      process.on("message", onMessage);
      process.once("error", (error) =>
        reject(new EmulatorProcessError("the emulator process could not be started", { cause: error })),
      );
      void exit.then((code) =>
        reject(new EmulatorProcessError(`the emulator process exited (code ${code}) before it was ready`)),
      );
      tell(process, { type: "start", options });
    });
  }
}

function tell(child: ChildProcess, message: ToEmulatorProcess): void {
  if (!child.connected) return;
  child.send(message);
}

/** tsx's ESM loader as a file URL, found from this file (so neither the working directory nor the parent's loader matters). */
function tsxLoaderUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve("tsx/package.json");
  return pathToFileURL(join(dirname(packageJson), "dist", "loader.mjs")).href;
}

/** `node --cpu-prof …` profiles the child too, so that a profile of the stack shows the emulators' share. */
function profilingFlags(): string[] {
  return process.execArgv.filter((flag) => flag.startsWith("--cpu-prof"));
}
