// The CLI bundle's inspection worker entry, copied beside the bundle as inspect-worker.mjs (bin/cli-build.js), where
// shared/pdf/inspector.ts looks for it. It runs the worker's bundle (inspect-worker.cjs: pdf.js and the inspection)
// through V8's code cache, which Node 20 offers scripts but not ES modules: pdf.js is ~1.7 MB of code, and compiling
// it anew was most of the worker's start. The cache (inspect-worker.cache) is written after the first start that
// finds none, or one V8 refuses (another Node version); V8 checks that it belongs to this exact source.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { parentPort } from "node:worker_threads";

const file = fileURLToPath(new URL("./inspect-worker.cjs", import.meta.url));
const cacheFile = fileURLToPath(new URL("./inspect-worker.cache", import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
if (!cachedData || script.cachedDataRejected) {
  try {
    const partial = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
    parentPort?.postMessage({ type: "code-cache-written" });
  } catch {
    // A read-only install runs without the cache, only slower to start.
  }
}
