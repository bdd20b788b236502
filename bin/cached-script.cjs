// Runs one of the CLI bundle's CommonJS files (bin/cli-build.js copies this file beside them) through V8's code cache,
// which Node 20 offers scripts but not ES modules: `shenbao check`'s run (check-run.cjs) compiled anew took ~30 ms of
// the main thread, the first calls of its functions more. The cache (`<file>.cache`) is written as the first process
// that finds none, or one V8 refuses (another Node version), exits: by then it holds every function the run called.
// V8 checks that a cache belongs to this exact source.
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const { fileURLToPath } = require("node:url");
const { Script } = require("node:vm");

/**
 * The exports of the CommonJS file at `url`. `provided` answers the file's require() of the names it lists, with the
 * value given or, for a function, what it returns: the ES modules the bundle shares with the rest of the CLI.
 */
function loadCachedScript(url, provided = {}) {
  const file = fileURLToPath(url);
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const requireFromFile = Module.createRequire(file);
  const require_ = (id) => {
    if (!Object.hasOwn(provided, id)) return requireFromFile(id);
    const value = provided[id];
    return typeof value === "function" ? value() : value;
  };
  const module_ = { exports: {} };
  script.runInThisContext()(module_.exports, require_, module_, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) process.once("exit", () => writeCodeCache(script, cacheFile));
  return module_.exports;
}

function writeCodeCache(script, cacheFile) {
  try {
    const partial = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only install runs without the cache, only slower to start.
  }
}

module.exports = { loadCachedScript };
