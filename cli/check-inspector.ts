/**
 * `shenbao check`'s inspector: one per process, its worker (pdf.js, the slowest part of a check to start) started by
 * the first call. bin/shenbao.js calls it before it loads the CLI when the command line names `check`, so that the
 * worker loads pdf.js on its own thread while this one loads the CLI, the call and the rules; the command then takes
 * the same inspector (check-command.ts). A bundle entry of its own (bin/cli-build.js), so that the early start loads
 * nothing else.
 */
import { createInspector, type Inspector } from "../shared/pdf/inspector.ts";

let started: Inspector | undefined;
let ready = false;

/**
 * The inspector, started by the first call. `workerUrl`: the worker's entry, for the first call to give; bin/shenbao.js
 * gives the bundle's CommonJS one (bin/inspect-worker-loader.cjs), which starts sooner than the default.
 */
export function checkInspector(workerUrl?: URL): Inspector {
  if (!started) {
    // No size bound here: the call is not loaded yet, and check-run.ts never hands over more than it allows.
    started = createInspector({ maxBytes: Number.MAX_SAFE_INTEGER, workerUrl });
    // A worker that fails to start fails the first inspection with the reason; nothing is lost by ignoring it here.
    started.warm().then(
      () => {
        ready = true;
      },
      () => undefined,
    );
  }
  return started;
}

/**
 * The end of the run. A worker still starting (a command line refused before any file was read) is stopped, or the
 * process would wait for it. A started one is idle once the command has returned, and is left to end with the
 * process: it keeps nothing alive, and waiting for its termination took 25–45 ms of a check.
 */
export async function releaseCheckInspector(): Promise<void> {
  if (started && !ready) await started.close();
}
