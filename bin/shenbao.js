#!/usr/bin/env node
// Runs the CLI from its bundle (bin/cli-build.js: built by `npm ci`, rebuilt here when a source changed since), so
// it starts without compiling TypeScript. When no bundle can be built, the sources run through tsx.
import module from "node:module";
import { currentCliEntry } from "./cli-build.js";

// Node ≥ 22.1 keeps the bundle's compiled code between runs; Node 20 has no such cache (the worker has its own).
module.enableCompileCache?.();

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const entry = await currentCliEntry();
let main;
if (entry) {
  ({ main } = await import(entry));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../cli/main.ts"));
}
process.exitCode = await main(process.argv);
