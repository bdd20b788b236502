#!/usr/bin/env node
// Runs the CLI from its bundle (bin/cli-build.js: built by `npm ci`, rebuilt here when a source changed since, as
// bin/cli-current.js tells), so it starts without compiling TypeScript. When no bundle can be built, the sources run
// through tsx.
import module from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { currentBuild, isFresh, WORKER_LOADER } from "./cli-current.js";

// Node ≥ 22.1 keeps the bundle's compiled code between runs; Node 20 has no such cache (the worker has its own).
module.enableCompileCache?.();

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const checking = runsCheck(process.argv);
const current = currentBuild();
// `shenbao check <files>`: its inspection worker starts before anything else, so that it loads pdf.js (the slowest
// part to start) on its own thread while this one asks whether the build is fresh and loads the CLI; the command
// takes the same inspector. Started from the build current.json names, and stopped if that build proves stale.
// A build whose files are gone (removed by a newer one) starts none here.
let early = checking && current ? await startInspector(current.directory).catch(() => undefined) : undefined;
let entry = current && isFresh(current) ? current.entry : undefined;
if (!entry) {
  await early?.checkInspector().close();
  // The builder (and esbuild) loads only when the current build is missing or stale.
  entry = await (await import("./cli-build.js")).currentCliEntry();
  early = checking && entry ? await startInspector(dirname(entry)) : undefined;
}
let main;
if (entry) {
  ({ main } = await import(entry));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../cli/main.ts"));
}
try {
  process.exitCode = await main(process.argv);
} finally {
  // A command line refused before the command ran leaves the early worker still starting: stopped here.
  await early?.releaseCheckInspector();
}
// `check`'s idle worker is torn down at exit either way; exiting now rather than when the event loop empties ends
// the run ~10 ms sooner. Only once stdout and stderr hold nothing unwritten (where pipes are asynchronous, as on
// macOS, they may), so no output is cut.
if (early && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();

/**
 * Starts `check`'s inspector (cli/check-inspector.ts) of the build in `directory` from the worker's CommonJS entry,
 * which starts sooner than the default, and returns its module. Returns once the worker is being created, before this
 * thread goes on with synchronous work.
 */
async function startInspector(directory) {
  const inspectorModule = await import(join(directory, "check-inspector.mjs"));
  inspectorModule.checkInspector(pathToFileURL(join(directory, WORKER_LOADER)));
  // The worker is created a few promise steps into the call: let them run.
  await new Promise((resolve) => setImmediate(resolve));
  return inspectorModule;
}

/** Whether the command line runs `shenbao check` (its help aside): what the early start of the inspector is for. */
function runsCheck(argv) {
  const args = argv.slice(2);
  return args[0] === "check" && !args.some((arg) => arg === "-h" || arg === "--help");
}
