import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { MajorEntry } from "./catalog.ts";
import { HENAN_2024 } from "./henan-2024.ts";
import { type MajorCatalogOptions, parseCatalogCsv } from "./major-catalog.ts";
import {
  BUILTIN_CATALOG_IDS,
  type BuiltinCatalogs,
  CallConfigurationError,
  type CallOverrides,
  type CallSource,
  checkCall,
  configurationError,
  type LoadedCall,
  messageOf,
} from "./resolve-call.ts";

/**
 * The loader at the edge, without the catalog's pronunciation dictionary (load-call.ts adds it; `shenbao check` loads
 * it beside the inspection rather than before it): reads the files an operator names and the built-in catalogs, then lets the pure
 * resolve-call.ts decide. The environment it reads is passed in:
 *
 * - SHENBAO_CALL_FILE     a JSON call definition replacing the built-in 2024 Henan call
 * - SHENBAO_DEADLINE      a deadline replacing the call's, ISO 8601 with an offset ("2024-11-20T17:00:00+08:00")
 * - SHENBAO_CATALOG_EXTRA a CSV of majors (level,code,name,category,class) added to the built-in catalog, e.g. the
 *                         Ministry's later additions
 *
 * Every problem in them is reported at once, in one CallConfigurationError.
 */

export {
  type BuiltinCatalogs,
  CallConfigurationError,
  type CallOverrides,
  extendCatalog,
  type LoadedCall,
} from "./resolve-call.ts";

/** The variables loadCallFiles reads; any object of strings will do (process.env among them). */
export type CallEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * The call in force under `env`, read afresh (no cache), its catalog built with `catalogOptions`. Throws a
 * CallConfigurationError listing every problem.
 */
export function loadCallFiles(env: CallEnvironment, catalogOptions: MajorCatalogOptions = {}): LoadedCall {
  const config = configOf(env);
  const problems: string[] = [];
  const causes: unknown[] = [];
  let call: CallSource = { input: HENAN_2024, source: "built-in call henan-2024" };
  if (config.callFile !== undefined) {
    const path = resolve(config.callFile);
    const source = `SHENBAO_CALL_FILE ${path}`;
    try {
      call = { input: JSON.parse(readFileSync(path, "utf8")), source };
    } catch (cause) {
      call = { source };
      problems.push(
        `${source}: ${cause instanceof SyntaxError ? "is not valid JSON" : "cannot be read"}: ${messageOf(cause)}`,
      );
      causes.push(cause);
    }
  }
  const overrides: CallOverrides = config.deadline === undefined ? {} : { deadline: config.deadline };
  if (config.catalogExtra !== undefined) {
    const path = resolve(config.catalogExtra);
    const source = `SHENBAO_CATALOG_EXTRA ${path}`;
    try {
      overrides.catalogExtra = { csv: readFileSync(path, "utf8"), source };
    } catch (cause) {
      problems.push(`${source}: cannot be read: ${messageOf(cause)}`);
      causes.push(cause);
    }
  }
  const result = checkCall(call, overrides, builtinCatalogs(), catalogOptions);
  problems.push(...result.problems);
  causes.push(...result.causes);
  if (!result.loaded || problems.length > 0) throw configurationError(problems, causes);
  return result.loaded;
}

let shipped: BuiltinCatalogs | undefined;

/**
 * The built-in catalogs, read from `./data/` beside this module once. They ship with the code: one that cannot be
 * read is a packaging fault, reported alone.
 */
export function builtinCatalogs(): BuiltinCatalogs {
  if (shipped) return shipped;
  const catalogs: Record<string, readonly MajorEntry[]> = {};
  for (const id of BUILTIN_CATALOG_IDS) {
    try {
      catalogs[id] = parseCatalogCsv(readFileSync(new URL(`./data/${id}.csv`, import.meta.url), "utf8"));
    } catch (cause) {
      throw new CallConfigurationError([`built-in catalog ${id}: ${messageOf(cause)}`], { cause });
    }
  }
  shipped = catalogs;
  return catalogs;
}

export function configOf(env: CallEnvironment) {
  return {
    callFile: nonEmpty(env.SHENBAO_CALL_FILE),
    deadline: nonEmpty(env.SHENBAO_DEADLINE),
    catalogExtra: nonEmpty(env.SHENBAO_CATALOG_EXTRA),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
