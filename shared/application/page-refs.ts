/**
 * 佐证材料页码 as people type them: "12", "12-14", "12、15", "第12页", "P12", "12至14页", "第12-14、20页", full-width
 * digits and punctuation. Stored normalised: sorted, unique page numbers.
 */

/** The longest range one reference may span; a typo like "1-9999" must not become ten thousand pages. */
export const MAX_PAGE_RANGE = 1000;
/** The highest page number accepted at all. */
export const MAX_PAGE_NUMBER = 99_999;

export type PageRefProblem =
  | { kind: "empty" }
  | { kind: "unreadable"; part: string }
  | { kind: "zero"; part: string }
  | { kind: "reversed"; part: string }
  | { kind: "too-wide"; part: string; max: number }
  | { kind: "too-large"; part: string; max: number };

export type PageRefParse = { ok: true; pages: number[] } | { ok: false; problem: PageRefProblem };

const SEPARATORS = /[,，、;；/]|和|及|\s+/u;
const RANGE = /^(\d+)(?:-|~|—|–|－|至|到)(\d+)$/u;

function stripDecorations(part: string): string {
  return part
    .replace(/^(?:第|p\.?|pp\.?|page|页码[:：]?)/iu, "")
    .replace(/(?:页)$/u, "")
    .replace(/^第/u, "");
}

/** Parses a reference; every part must be readable, or the whole reference is refused (nothing is saved half). */
export function parsePageRefs(input: string | number | readonly number[]): PageRefParse {
  if (Array.isArray(input)) return parsePageRefs(input.join(","));
  if (typeof input === "number") return parsePageRefs(String(input));
  const text = (input as string)
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .replace(/\s*([-~—–－至到])\s*/gu, "$1")
    .replace(/(第|[Pp]\.?)\s+/gu, "$1")
    .replace(/\s+页/gu, "页")
    .trim();
  if (text === "") return { ok: false, problem: { kind: "empty" } };
  const pages = new Set<number>();
  for (const raw of text.split(SEPARATORS)) {
    if (raw === "") continue;
    const part = stripDecorations(raw.trim());
    const range = RANGE.exec(part);
    let from: number;
    let to: number;
    if (range) {
      from = Number(range[1]);
      to = Number(range[2]);
    } else if (/^\d+$/.test(part)) {
      from = Number(part);
      to = from;
    } else {
      return { ok: false, problem: { kind: "unreadable", part: raw } };
    }
    if (from === 0 || to === 0) return { ok: false, problem: { kind: "zero", part: raw } };
    if (to < from) return { ok: false, problem: { kind: "reversed", part: raw } };
    if (to > MAX_PAGE_NUMBER)
      return { ok: false, problem: { kind: "too-large", part: raw, max: MAX_PAGE_NUMBER } };
    if (to - from + 1 > MAX_PAGE_RANGE) {
      return { ok: false, problem: { kind: "too-wide", part: raw, max: MAX_PAGE_RANGE } };
    }
    for (let p = from; p <= to; p++) pages.add(p);
  }
  if (pages.size === 0) return { ok: false, problem: { kind: "empty" } };
  return { ok: true, pages: [...pages].sort((a, b) => a - b) };
}

/** Sorted unique pages as people read them: "3、5、12-14". */
export function formatPageRefs(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let end = start;
    while (sorted[i + 1] === end + 1) {
      end += 1;
      i += 1;
    }
    parts.push(start === end ? String(start) : `${start}-${end}`);
    i += 1;
  }
  return parts.join("、");
}
