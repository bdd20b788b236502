import type { Rule } from "./context.ts";
import { finding } from "./make-upload-finding.ts";
import { namePartsOf, parseSubmissionName } from "./name-template.ts";

/**
 * The major in the file name is named as in the call's catalog, at the school's level (专科 or 本科). A name that
 * exists only at the other level gets the level rule rather than look-alike suggestions; without a known level,
 * either level will do. Silent when the name identifies no major.
 */
export const majorInCatalog: Rule = (facts, ctx) => {
  const parts = namePartsOf(parseSubmissionName(facts.fileName, ctx.call.nameTemplate));
  if (!parts) return [];
  const { major } = parts;
  const level = facts.school?.level;
  const { catalog } = ctx;
  const atAnyLevel = catalog.findAnyLevel(major);

  if (level === undefined) {
    if (atAnyLevel.length > 0) return [];
    // Best of each level first, alternating, since the two lists' scores are not comparable through the interface.
    const zhuanke = catalog.suggest(major, "专科");
    const benke = catalog.suggest(major, "本科");
    const alternating = zhuanke
      .flatMap((name, i) => [name, ...benke.slice(i, i + 1)])
      .concat(benke.slice(zhuanke.length));
    return notInCatalog([...new Set(alternating)].slice(0, 3));
  }
  if (catalog.find(major, level)) return [];
  const other = atAnyLevel[0];
  if (other) {
    return finding(
      ctx,
      "MAJOR_WRONG_LEVEL",
      "fileName",
      { major, level, foundLevel: other.level },
      { expected: level, actual: other.level },
    );
  }
  return notInCatalog(catalog.suggest(major, level));

  function notInCatalog(suggestions: string[]) {
    return finding(
      ctx,
      "MAJOR_NOT_IN_CATALOG",
      "fileName",
      { major, catalogLabel: ctx.call.catalog.label, suggestions, ...(level === undefined ? {} : { level }) },
      { actual: major, ...(suggestions[0] === undefined ? {} : { expected: suggestions[0] }) },
    );
  }
};
