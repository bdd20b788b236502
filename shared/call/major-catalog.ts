import type { MajorCatalog, MajorEntry } from "./catalog.ts";
import type { SchoolLevel } from "./schema.ts";

/**
 * The catalog of majors: parsing its CSV form (level,code,name,category,class) and answering lookups by name.
 * Pure: the node-side loader (load-call.ts) reads the files.
 */

/** A catalog CSV with bad rows. Every problem is listed, each with its line number. */
export class CatalogCsvError extends Error {
  override readonly name = "CatalogCsvError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid major catalog CSV:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * The form in which names are compared: compatibility forms folded (full-width letters and brackets, the
 * ideographic space, compatibility ideographs), and every space and invisible format character removed, since no
 * Chinese school or major name has a meaningful space.
 */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").replace(/[\s\p{Cf}]/gu, "");
}

const LEVELS: Record<string, SchoolLevel> = {
  高职专科: "专科",
  高职本科: "本科",
  专科: "专科",
  本科: "本科",
};

const REQUIRED_COLUMNS = ["level", "code", "name", "category", "class"] as const;

/** Six digits, optionally followed by the Ministry's "K" (state-controlled major). */
const CODE = /^(\d{6})(K?)$/;

/**
 * Parses a catalog CSV. The header names the columns (any order; extra columns are ignored). Levels are written
 * 高职专科/高职本科 (or 专科/本科); a trailing "K" on a code is stripped and kept as `controlled`.
 * Throws a CatalogCsvError listing every bad line.
 */
export function parseCatalogCsv(text: string): MajorEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const problems: string[] = [];
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new CatalogCsvError([
      `line 1: header must name the columns ${REQUIRED_COLUMNS.join(",")}; missing ${missing.join(", ")}`,
    ]);
  }
  const column = (fields: string[], name: (typeof REQUIRED_COLUMNS)[number]) =>
    (fields[index.get(name) ?? -1] ?? "").trim();

  const entries: MajorEntry[] = [];
  const seenName = new Map<string, number>();
  const seenCode = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    const lineNumber = i + 2;
    if (line.trim() === "") return;
    const fields = splitCsvLine(line);
    if (fields.length < header.length) {
      problems.push(`line ${lineNumber}: expected ${header.length} columns, found ${fields.length}`);
      return;
    }
    const rowProblems: string[] = [];
    const levelText = column(fields, "level");
    const level = LEVELS[levelText];
    if (!level) rowProblems.push(`level "${levelText}" is not 高职专科 or 高职本科`);
    const codeText = column(fields, "code").toUpperCase();
    const code = CODE.exec(codeText);
    if (!code) rowProblems.push(`code "${codeText}" is not six digits with an optional K`);
    const name = column(fields, "name").normalize("NFC");
    if (normalizeName(name) === "") rowProblems.push("name is empty");
    const category = column(fields, "category");
    if (category === "") rowProblems.push("category (专业大类) is empty");
    const klass = column(fields, "class");
    if (klass === "") rowProblems.push("class (专业类) is empty");

    if (level && code?.[1] && normalizeName(name) !== "") {
      const nameKey = `${level}|${normalizeName(name)}`;
      const codeKey = `${level}|${code[1]}`;
      const nameLine = seenName.get(nameKey);
      const codeLine = seenCode.get(codeKey);
      if (nameLine !== undefined)
        rowProblems.push(`name "${name}" repeats line ${nameLine} at level ${level}`);
      if (codeLine !== undefined)
        rowProblems.push(`code ${code[1]} repeats line ${codeLine} at level ${level}`);
      seenName.set(nameKey, nameLine ?? lineNumber);
      seenCode.set(codeKey, codeLine ?? lineNumber);
    }
    if (rowProblems.length > 0 || !level || !code?.[1]) {
      problems.push(`line ${lineNumber}: ${rowProblems.join("; ")}`);
      return;
    }
    entries.push({ level, code: code[1], name, category, class: klass, controlled: code[2] === "K" });
  });
  if (problems.length > 0) throw new CatalogCsvError(problems);
  return entries;
}

/** RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote inside quotes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

interface IndexedName {
  entry: MajorEntry;
  key: string;
  bigrams: Set<string>;
  /** The name's pronunciation (soundKey), computed on the first suggestion asked for. */
  sound?: string;
}

export interface MajorCatalogOptions {
  /**
   * A name's pronunciation, one code unit per syllable (shared/call/pinyin-sound.ts): with it, suggestions also cover
   * homophones (同音字) typed by a pinyin input method. Without it (the upload page), spelling near-misses only.
   */
  soundKey?: (name: string) => string;
}

/** Suggestions scoring below this are noise rather than help. */
const MIN_SUGGESTION_SCORE = 0.45;

/**
 * Builds a catalog from entries. When two entries share a level and a normalised name, the first one wins, so an
 * operator's additions never shadow the built-in catalog.
 */
export function createMajorCatalog(
  entries: readonly MajorEntry[],
  options: MajorCatalogOptions = {},
): MajorCatalog {
  const { soundKey } = options;
  const byLevel = new Map<SchoolLevel, Map<string, IndexedName>>([
    ["专科", new Map()],
    ["本科", new Map()],
  ]);
  const kept: MajorEntry[] = [];
  for (const entry of entries) {
    const key = normalizeName(entry.name);
    const names = byLevel.get(entry.level);
    if (!names || key === "" || names.has(key)) continue;
    names.set(key, { entry, key, bigrams: bigrams(key) });
    kept.push(entry);
  }

  return {
    entries: kept,
    find(name, level) {
      return byLevel.get(level)?.get(normalizeName(name))?.entry;
    },
    findAnyLevel(name) {
      const key = normalizeName(name);
      return [...byLevel.values()].flatMap((names) => names.get(key)?.entry ?? []);
    },
    suggest(name, level, limit = 3) {
      const query = normalizeName(name);
      if (query === "" || limit <= 0) return [];
      const queryBigrams = bigrams(query);
      const querySound = soundKey?.(query);
      const scored: { name: string; score: number }[] = [];
      for (const candidate of byLevel.get(level)?.values() ?? []) {
        let score = similarity(query, queryBigrams, candidate);
        if (soundKey && querySound !== undefined) {
          candidate.sound ??= soundKey(candidate.key);
          score = Math.max(score, soundSimilarity(querySound, candidate.sound));
        }
        if (score >= MIN_SUGGESTION_SCORE) scored.push({ name: candidate.entry.name, score });
      }
      // Stable sort: equal scores keep catalog order.
      scored.sort((a, b) => b.score - a.score);
      return scored.slice(0, limit).map((s) => s.name);
    },
  };
}

/**
 * How near a query is to a catalog name, in [0, 1]. A name that contains the query ("数控" in "数控技术"), or is
 * contained in it ("数控技术专业"), ranks by how much of it is covered; otherwise the mean of the character-bigram
 * Dice coefficient (shared fragments, order-tolerant) and the edit-distance similarity (typos, a missing character).
 */
function similarity(query: string, queryBigrams: Set<string>, candidate: IndexedName): number {
  const { key } = candidate;
  if (query.length >= 2 && (key.includes(query) || query.includes(key))) {
    const shorter = Math.min(query.length, key.length);
    const longer = Math.max(query.length, key.length);
    return 0.7 + 0.3 * (shorter / longer);
  }
  const dice = diceCoefficient(queryBigrams, candidate.bigrams);
  const longer = Math.max(query.length, key.length);
  // The edit distance is at least the difference in length: skip it when even that cannot reach the threshold.
  const bestEdit = 1 - Math.abs(query.length - key.length) / longer;
  if ((dice + bestEdit) / 2 < MIN_SUGGESTION_SCORE) return 0;
  const edit = 1 - levenshtein(query, key) / longer;
  return (dice + edit) / 2;
}

/**
 * How near two names sound, for homophones (同音字) typed by a pinyin input method: 数空技术 or 书控技术 for 数控技术.
 * An input method substitutes characters one for one, so only names of as many syllables compare, syllable by
 * syllable. The same sound scores 0.95, above any spelling near-miss; one syllable in four different still scores
 * above the suggestion threshold, two do not.
 */
function soundSimilarity(query: string, candidate: string): number {
  if (query.length !== candidate.length || query === "") return 0;
  let different = 0;
  for (let i = 0; i < query.length; i++) if (query.charCodeAt(i) !== candidate.charCodeAt(i)) different++;
  return different === 0 ? 0.95 : 0.85 * (1 - different / query.length);
}

function bigrams(s: string): Set<string> {
  const chars = [...s];
  if (chars.length < 2) return new Set(chars);
  const set = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) set.add(`${chars[i]}${chars[i + 1]}`);
  return set;
}

function diceCoefficient(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Edit distance over UTF-16 units; every catalog name is in the Basic Multilingual Plane. */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}
