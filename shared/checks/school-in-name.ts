import { normalizeName } from "../call/major-catalog.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-upload-finding.ts";
import { namePartsOf, parseSubmissionName } from "./name-template.ts";

/**
 * The school named in the file name is the school the file is filed for, compared as names are compared everywhere
 * (bracket width, spaces and compatibility forms do not count). Silent when either is unknown.
 */
export const schoolInName: Rule = (facts, ctx) => {
  const school = facts.school;
  const parts = namePartsOf(parseSubmissionName(facts.fileName, ctx.call.nameTemplate));
  if (!school || !parts) return [];
  if (normalizeName(parts.school) === normalizeName(school.name)) return [];
  return finding(
    ctx,
    "NAME_SCHOOL_MISMATCH",
    "fileName",
    { expected: school.name, actual: parts.school },
    { expected: school.name, actual: parts.school },
  );
};
