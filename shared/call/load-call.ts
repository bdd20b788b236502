import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { z } from "zod";
import type { MajorCatalog, MajorEntry } from "./catalog.ts";
import { HENAN_2024 } from "./henan-2024.ts";
import { CatalogCsvError, createMajorCatalog, normalizeName, parseCatalogCsv } from "./major-catalog.ts";
import { CallDefinition } from "./schema.ts";

/**
 * The call in force and its catalog of majors, from the built-in default or files an operator names:
 *
 * - SHENBAO_CALL_FILE     a JSON call definition replacing the built-in 2024 Henan call
 * - SHENBAO_DEADLINE      a deadline replacing the call's, ISO 8601 with an offset ("2024-11-20T17:00:00+08:00")
 * - SHENBAO_CATALOG_EXTRA a CSV of majors (level,code,name,category,class) added to the built-in catalog, e.g. the
 *                         Ministry's later additions
 *
 * Every problem in them is reported at once, in one CallConfigurationError.
 */

/** The operator's configuration of the call is invalid. `problems` lists every problem found. */
export class CallConfigurationError extends Error {
  override readonly name = "CallConfigurationError";
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`Invalid call configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`, options);
  }
}

export interface CallOverrides {
  /** Replaces the call's deadline: ISO 8601 with an offset. */
  deadline?: string;
  /** Majors added to the built-in catalog: CSV text of the catalog's columns, and where it came from. */
  catalogExtra?: { csv: string; source: string };
}

export interface LoadedCall {
  call: CallDefinition;
  catalog: MajorCatalog;
}

/**
 * Validates a call definition with overrides applied and builds its catalog. Reads no environment and no file but
 * the built-in catalog that ships beside this module. Throws a CallConfigurationError listing every problem.
 */
export function resolveCall(
  input: unknown,
  overrides: CallOverrides = {},
  source = "call definition",
): LoadedCall {
  const result = collect({ input, source }, overrides);
  if (!result.loaded) throw configurationError(result.problems, result.causes);
  return result.loaded;
}

/**
 * The built-in catalog extended by an operator's entries. An addition whose name is already at its level is
 * skipped (the built-in entry stands); one that reuses a code of another major at its level is a problem.
 */
export function extendCatalog(
  builtin: readonly MajorEntry[],
  additions: readonly MajorEntry[],
): { entries: MajorEntry[]; problems: string[] } {
  const entries = [...builtin];
  const problems: string[] = [];
  const nameKey = (e: MajorEntry) => `${e.level}|${normalizeName(e.name)}`;
  const codeKey = (e: MajorEntry) => `${e.level}|${e.code}`;
  const names = new Set(builtin.map(nameKey));
  const codes = new Map(builtin.map((e) => [codeKey(e), e.name]));
  for (const entry of additions) {
    if (names.has(nameKey(entry))) continue;
    const holder = codes.get(codeKey(entry));
    if (holder !== undefined) {
      problems.push(
        `${entry.level} code ${entry.code} of "${entry.name}" is already the code of "${holder}"`,
      );
      continue;
    }
    names.add(nameKey(entry));
    codes.set(codeKey(entry), entry.name);
    entries.push(entry);
  }
  return { entries, problems };
}

const cache = new Map<string, LoadedCall>();

/** The call in force, read once per distinct configuration. */
export function loadCall(env: NodeJS.ProcessEnv = process.env): LoadedCall {
  const config = {
    callFile: nonEmpty(env.SHENBAO_CALL_FILE),
    deadline: nonEmpty(env.SHENBAO_DEADLINE),
    catalogExtra: nonEmpty(env.SHENBAO_CATALOG_EXTRA),
  };
  const key = JSON.stringify(config);
  const cached = cache.get(key);
  if (cached) return cached;

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
  const result = collect(call, overrides);
  problems.push(...result.problems);
  causes.push(...result.causes);
  if (!result.loaded || problems.length > 0) throw configurationError(problems, causes);
  cache.set(key, result.loaded);
  return result.loaded;
}

/** Forgets loaded calls, so that the next loadCall reads the files again. */
export function clearCallCache(): void {
  cache.clear();
}

/** A call definition to validate; `input` is absent when it could not be read. */
interface CallSource {
  input?: unknown;
  source: string;
}

interface Collected {
  loaded?: LoadedCall;
  problems: string[];
  causes: unknown[];
}

const Deadline = CallDefinition.shape.deadline;

/** Validates everything it is given, so that every problem is known before any is reported. */
function collect(call: CallSource, overrides: CallOverrides): Collected {
  const problems: string[] = [];
  const causes: unknown[] = [];

  let deadline = overrides.deadline;
  if (deadline !== undefined) {
    const parsed = Deadline.safeParse(deadline);
    if (!parsed.success) {
      problems.push(
        `deadline override "${deadline}" is not an ISO 8601 date-time with an offset, e.g. 2024-11-15T23:59:59+08:00`,
      );
      causes.push(parsed.error);
      // The call is still checked, with its own deadline.
      deadline = undefined;
    }
  }
  let definition: CallDefinition | undefined;
  if ("input" in call) {
    const merged = deadline !== undefined && isObject(call.input) ? { ...call.input, deadline } : call.input;
    const parsed = CallDefinition.safeParse(merged);
    if (parsed.success) {
      definition = parsed.data;
    } else {
      problems.push(...parsed.error.issues.map((issue) => `${call.source}: ${formatIssue(issue)}`));
      causes.push(parsed.error);
    }
  }

  const builtinId = definition?.catalog.builtin ?? "major-catalog-2021-gaozhi";
  let builtin: readonly MajorEntry[] = [];
  try {
    builtin = builtinCatalog(builtinId);
  } catch (cause) {
    // The built-in catalog ships with the code: failing here is a packaging fault, reported like the rest.
    problems.push(`built-in catalog ${builtinId}: ${messageOf(cause)}`);
    causes.push(cause);
  }
  let additions: MajorEntry[] = [];
  if (overrides.catalogExtra !== undefined) {
    const { csv, source } = overrides.catalogExtra;
    try {
      additions = parseCatalogCsv(csv);
    } catch (cause) {
      const details = cause instanceof CatalogCsvError ? cause.problems : [messageOf(cause)];
      problems.push(...details.map((p) => `${source}: ${p}`));
      causes.push(cause);
    }
    const extended = extendCatalog(builtin, additions);
    problems.push(...extended.problems.map((p) => `${source}: ${p}`));
    builtin = extended.entries;
  }

  if (!definition || problems.length > 0) return { problems, causes };
  return { loaded: { call: definition, catalog: createMajorCatalog(builtin) }, problems, causes };
}

const builtinCatalogs = new Map<string, readonly MajorEntry[]>();

/** A built-in catalog, read from shared/call/data once. */
function builtinCatalog(id: string): readonly MajorEntry[] {
  const cached = builtinCatalogs.get(id);
  if (cached) return cached;
  const entries = parseCatalogCsv(readFileSync(new URL(`./data/${id}.csv`, import.meta.url), "utf8"));
  builtinCatalogs.set(id, entries);
  return entries;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((segment, i) =>
      typeof segment === "number" ? `[${segment}]` : `${i === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
  return `${path === "" ? "(root)" : path}: ${issue.message}`;
}

function configurationError(problems: string[], causes: unknown[]): CallConfigurationError {
  const cause = causes.length === 1 ? causes[0] : new AggregateError(causes, "Invalid call configuration");
  return new CallConfigurationError(problems, { cause });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
