import type { MajorEntry } from "../call/catalog.ts";
import type { Rule } from "./context.ts";
import { coverLevel, majorKey, readCoverFields } from "./cover-fields.ts";
import type { Finding } from "./finding.ts";
import { finding } from "./make-finding.ts";
import { textLayerFor } from "./text-documents.ts";

/** "46 装备制造大类", "装备制造大类" and "装备制造" all name 装备制造大类; likewise for 专业类. */
function sameGroup(written: string, official: string, suffix: string): boolean {
  const key = (s: string) =>
    s
      .normalize("NFKC")
      .replace(/[\s\p{Cf}]/gu, "")
      .replace(/^\d+/, "");
  const w = key(written);
  const o = key(official);
  return w === o || `${w}${suffix}` === o;
}

/**
 * The cover's 申报专业 is a major of the catalog, and its 申报专业大类 and 申报专业类 are that major's: a 大类 that
 * does not go with the major is an error a reviewer catches. The level is the school's, else the one ticked on the
 * cover, else either.
 */
export const coverCatalog: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "application");
  const cover = text?.pageTexts[0];
  if (!text || cover === undefined || text.pagesWithoutText.includes(1)) return [];
  const fields = readCoverFields(cover);
  if (fields.major === undefined) return [];
  const major = majorKey(fields.major);
  const level = facts.school?.level ?? (fields.level === undefined ? undefined : coverLevel(fields.level));
  const entry: MajorEntry | undefined =
    level === undefined ? ctx.catalog.findAnyLevel(major)[0] : ctx.catalog.find(major, level);
  if (!entry) {
    if (level !== undefined && ctx.catalog.findAnyLevel(major).length > 0) return []; // majorInCatalog's level rule
    const suggestions = ctx.catalog.suggest(major, level ?? "专科");
    return finding(
      ctx,
      "COVER_MAJOR_NOT_IN_CATALOG",
      "file",
      { major: fields.major, catalogLabel: ctx.call.catalog.label, suggestions },
      { actual: fields.major, ...(suggestions[0] === undefined ? {} : { expected: suggestions[0] }) },
    );
  }
  const findings: Finding[] = [];
  if (fields.category !== undefined && !sameGroup(fields.category, entry.category, "大类")) {
    findings.push(
      ...finding(
        ctx,
        "COVER_CATEGORY_MISMATCH",
        "file",
        { major: entry.name, cover: fields.category, expected: entry.category },
        { expected: entry.category, actual: fields.category },
      ),
    );
  }
  if (fields.class !== undefined && !sameGroup(fields.class, entry.class, "类")) {
    findings.push(
      ...finding(
        ctx,
        "COVER_CLASS_MISMATCH",
        "file",
        { major: entry.name, cover: fields.class, expected: entry.class },
        { expected: entry.class, actual: fields.class },
      ),
    );
  }
  return findings;
};
