import * as z from "zod/mini";
// zod's English messages (mini has none of its own) for the operator; only this locale is loaded, not all of zod.
import en from "zod/v4/locales/en.js";
import type { MajorCatalog, MajorEntry } from "./catalog.ts";
import {
  CatalogCsvError,
  createMajorCatalog,
  type MajorCatalogOptions,
  normalizeName,
  parseCatalogCsv,
} from "./major-catalog.ts";
import { CallDefinition } from "./schema.ts";

/**
 * The call in force and its catalog of majors, from a call definition, an operator's overrides and the built-in
 * catalogs' entries. Pure: reads no file and no environment (load-call.ts does, at the edge). Every problem is
 * reported at once, in one CallConfigurationError.
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

/** The entries of each built-in catalog, by the identifier a call names in `catalog.builtin`. */
export type BuiltinCatalogs = Readonly<Record<string, readonly MajorEntry[]>>;

/** Every built-in catalog identifier a call definition may name. */
export const BUILTIN_CATALOG_IDS: readonly string[] = [
  ...CallDefinition.shape.catalog.shape.builtin.def.values,
];

/**
 * Validates a call definition with overrides applied and builds its catalog from `catalogs`. Throws a
 * CallConfigurationError listing every problem.
 */
export function resolveCall(
  definition: unknown,
  overrides: CallOverrides,
  catalogs: BuiltinCatalogs,
  source = "call definition",
  catalogOptions: MajorCatalogOptions = {},
): LoadedCall {
  const result = checkCall({ input: definition, source }, overrides, catalogs, catalogOptions);
  if (!result.loaded) throw configurationError(result.problems, result.causes);
  return result.loaded;
}

/** A call definition to validate; `input` is absent when it could not be read. */
export interface CallSource {
  input?: unknown;
  source: string;
}

export interface CheckedCall {
  /** Present only when there is no problem. */
  loaded?: LoadedCall;
  problems: string[];
  causes: unknown[];
}

/**
 * Validates everything it is given, so that every problem is known before any is reported; for a loader that adds
 * problems of its own (an unreadable file) to the same report. `catalogOptions` are the catalog's (its pronunciation
 * key for homophone suggestions, passed by the loader: this module loads no dictionary).
 */
export function checkCall(
  call: CallSource,
  overrides: CallOverrides,
  catalogs: BuiltinCatalogs,
  catalogOptions: MajorCatalogOptions = {},
): CheckedCall {
  const problems: string[] = [];
  const causes: unknown[] = [];

  let deadline = overrides.deadline;
  if (deadline !== undefined) {
    const parsed = z.safeParse(Deadline, deadline, IN_ENGLISH);
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
    const parsed = z.safeParse(CallDefinition, merged, IN_ENGLISH);
    if (parsed.success) {
      definition = parsed.data;
    } else {
      problems.push(...parsed.error.issues.map((issue) => `${call.source}: ${formatIssue(issue)}`));
      causes.push(parsed.error);
    }
  }

  const builtinId = definition?.catalog.builtin ?? DEFAULT_CATALOG;
  let builtin = catalogs[builtinId];
  if (builtin === undefined) {
    // The built-in catalogs ship with the code: a missing one is a packaging fault, reported like the rest.
    problems.push(`built-in catalog ${builtinId}: not available`);
    builtin = [];
  }
  if (overrides.catalogExtra !== undefined) {
    const { csv, source } = overrides.catalogExtra;
    let additions: MajorEntry[] = [];
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
  return {
    loaded: { call: definition, catalog: createMajorCatalog(builtin, catalogOptions) },
    problems,
    causes,
  };
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

/** One error for every problem; a single cause is kept as it is, several are aggregated. */
export function configurationError(problems: string[], causes: unknown[]): CallConfigurationError {
  const cause = causes.length === 1 ? causes[0] : new AggregateError(causes, "Invalid call configuration");
  return new CallConfigurationError(problems, { cause });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const Deadline = CallDefinition.shape.deadline;
/** zod's own English messages, whichever locale (if any) the process configured: the operator reads them. */
const IN_ENGLISH = { error: en().localeError };
/** The catalog checked against when the call itself is invalid, so that a bad extension is still reported. */
const DEFAULT_CATALOG = "major-catalog-2021-gaozhi";

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((segment, i) =>
      typeof segment === "number" ? `[${segment}]` : `${i === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
  return `${path === "" ? "(root)" : path}: ${issue.message}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
