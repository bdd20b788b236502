import {
  builtinCatalogs,
  type CallEnvironment,
  type CallOverrides,
  configOf,
  type LoadedCall,
  loadCallFiles,
} from "./load-call-files.ts";
import { pinyinSoundKey } from "./pinyin-sound.ts";
import { resolveCall as resolveWith } from "./resolve-call.ts";

/**
 * The call in force, with its catalog's homophone suggestions (pinyin-pro's dictionary): what the functions, the
 * local stack and the operator's commands load. The files it reads are load-call-files.ts's.
 */

export {
  type BuiltinCatalogs,
  builtinCatalogs,
  CallConfigurationError,
  type CallEnvironment,
  type CallOverrides,
  extendCatalog,
  type LoadedCall,
} from "./load-call-files.ts";

/** The call in force under `env`, read afresh (no cache). Throws a CallConfigurationError listing every problem. */
export function loadCallFrom(env: CallEnvironment): LoadedCall {
  return loadCallFiles(env, { soundKey: pinyinSoundKey });
}

const cache = new Map<string, LoadedCall>();

/** The call in force, read once per distinct configuration (for callers that have not moved to loadCallFrom). */
export function loadCall(env: CallEnvironment = process.env): LoadedCall {
  const key = JSON.stringify(configOf(env));
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = loadCallFrom(env);
  cache.set(key, loaded);
  return loaded;
}

/** Forgets loaded calls, so that the next loadCall reads the files again. */
export function clearCallCache(): void {
  cache.clear();
}

/** The pure resolveCall with the built-in catalogs that ship in shared/call/data. */
export function resolveCall(input: unknown, overrides: CallOverrides = {}, source?: string): LoadedCall {
  return resolveWith(input, overrides, builtinCatalogs(), source, { soundKey: pinyinSoundKey });
}
