import type { SchoolLevel } from "./schema.ts";

/** One major of the catalog. `code` is without the Ministry's "K" suffix; `controlled` says whether it had one. */
export interface MajorEntry {
  level: SchoolLevel;
  code: string;
  name: string;
  /** 专业大类 */
  category: string;
  /** 专业类 */
  class: string;
  controlled: boolean;
}

/** The catalog of majors a call names majors by. Lookups are by exact (normalised) name. */
export interface MajorCatalog {
  readonly entries: readonly MajorEntry[];
  find(name: string, level: SchoolLevel): MajorEntry | undefined;
  /** Every level at which a name exists. */
  findAnyLevel(name: string): MajorEntry[];
  /** The catalog names at this level nearest to a name that is not in it, best first. */
  suggest(name: string, level: SchoolLevel, limit?: number): string[];
}
