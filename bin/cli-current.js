// Which build of the CLI bundle (bin/cli-build.js) may run: the current one when none of its inputs changed since it
// was built. Its own file, with synchronous calls only, because every `shenbao` run asks before anything else: the
// builder (esbuild, the worker's code cache) is loaded only when there is something to build.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DIST = join(ROOT, "dist", "cli");
/** Names the current build and lists its inputs (esbuild's metafile); replaced by a rename, never half-written. */
export const CURRENT = join(DIST, "current.json");
/** The files that make a build besides its sources. */
export const BUILDER_FILES = [
  join("bin", "cli-build.js"),
  join("bin", "cli-current.js"),
  join("bin", "inspect-worker-loader.cjs"),
  join("bin", "cached-script.cjs"),
];
/** Loads a build's CommonJS files through V8's code cache (a copy of bin/cached-script.cjs). */
export const CACHED_SCRIPT = "cached-script.cjs";
/** The inspection worker's entry in a build (a copy of bin/inspect-worker-loader.cjs). */
export const WORKER_LOADER = "inspect-worker-loader.cjs";

/** The current build's entry module when every input is older than the build, else undefined. */
export function freshBuild() {
  const current = currentBuild();
  return current && isFresh(current) ? current.entry : undefined;
}

/**
 * The build current.json names, fresh or not: `{ dir, startedAt, inputs }` and its `entry` module and `directory`;
 * undefined when there is none. Reading it takes no stat call: `shenbao check` starts the build's inspection worker
 * from it before it asks whether the build is fresh (bin/shenbao.js).
 */
export function currentBuild() {
  let current;
  try {
    current = JSON.parse(readFileSync(CURRENT, "utf8"));
  } catch {
    return undefined;
  }
  if (typeof current?.dir !== "string" || !Array.isArray(current.inputs)) return undefined;
  const directory = join(DIST, current.dir);
  return { ...current, directory, entry: join(directory, "main.mjs") };
}

/** Whether every input of `current` (currentBuild) is older than the build. */
export function isFresh(current) {
  // This builder and the worker's loader count whatever build listed them: a build by an older builder is stale too.
  // Paths by concatenation: path.join on ~200 paths, not yet compiled, took longer than the stat calls themselves.
  const prefix = ROOT + sep;
  for (const input of [...current.inputs, ...BUILDER_FILES]) {
    const mtimeMs = statSync(prefix + input, { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY;
    if (mtimeMs >= current.startedAt) return false;
  }
  return true;
}
