// The CLI bundle's inspection worker entry, copied beside the bundle (bin/cli-build.js). It runs the worker's bundle
// (inspect-worker.cjs: pdf.js and the inspection) through V8's code cache, which Node 20 offers scripts but not ES
// modules: pdf.js is ~1.7 MB of code, and compiling it anew was most of the worker's start. The cache
// (inspect-worker.cache) is written after the first start that finds none, or one V8 refuses (another Node
// version); V8 checks that it belongs to this exact source. The build (bin/cli-build.js) has it written after the
// worker's first inspection instead, so that it holds the inspection's code too.
//
// A CommonJS script itself: a worker whose entry is an ES module starts the ES module loader first, ~25 ms more of
// the worker's start. `check`'s inspector starts it by this name (cli/check-inspector.ts); inspect-worker.mjs, where
// a bundled inspector looks by default (shared/pdf/inspector.ts), only imports it.
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");
const { parentPort, workerData } = require("node:worker_threads");

const file = join(__dirname, "inspect-worker.cjs");
const cacheFile = join(__dirname, "inspect-worker.cache");
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, __dirname);
if (workerData?.codeCacheAfterFirstResult) afterFirstResult(writeCodeCache);
else if (!cachedData || script.cachedDataRejected) writeCodeCache();

function writeCodeCache() {
  try {
    const partial = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
    parentPort?.postMessage({ type: "code-cache-written" });
  } catch {
    // A read-only install runs without the cache, only slower to start.
  }
}

/** Runs `then` once the worker has posted its first inspection's result (or error). */
function afterFirstResult(then) {
  const post = parentPort.postMessage.bind(parentPort);
  parentPort.postMessage = (message, transfer) => {
    post(message, transfer);
    if (message?.type === "result" || message?.type === "error") {
      parentPort.postMessage = post;
      then();
    }
  };
}
