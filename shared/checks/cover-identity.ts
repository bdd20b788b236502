import { normalizeName } from "../call/major-catalog.ts";
import type { Rule } from "./context.ts";
import { COVER_FIELD_LABEL, type CoverField, coverLevel, majorKey, readCoverFields } from "./cover-fields.ts";
import type { Finding } from "./finding.ts";
import { finding } from "./make-finding.ts";
import { namePartsOf, parseSubmissionName } from "./name-template.ts";
import { textLayerFor } from "./text-documents.ts";

const REQUIRED: CoverField[] = ["school", "level", "major", "servedGroup", "category", "class"];

/**
 * The 申报书's cover names the same school and major as the file name and the school's registration: a cover filled
 * in from another school's or another major's copy is what a reviewer catches first. Silent when the cover page has
 * no text layer (scanned-pages.ts says so).
 */
export const coverIdentity: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "application");
  const cover = text?.pageTexts[0];
  if (!text || cover === undefined || text.pagesWithoutText.includes(1)) return [];
  const fields = readCoverFields(cover);
  const findings: Finding[] = [];
  const missing = REQUIRED.filter((field) => fields[field] === undefined).map((f) => COVER_FIELD_LABEL[f]);
  if (missing.length > 0) findings.push(...finding(ctx, "COVER_FIELD_MISSING", "file", { fields: missing }));

  const named = namePartsOf(parseSubmissionName(facts.fileName, ctx.call.nameTemplate));
  const school = facts.school?.name ?? named?.school;
  if (
    fields.school !== undefined &&
    school !== undefined &&
    normalizeName(fields.school) !== normalizeName(school)
  ) {
    findings.push(
      ...finding(
        ctx,
        "COVER_SCHOOL_MISMATCH",
        "file",
        { cover: fields.school, expected: school, registered: facts.school !== undefined },
        { expected: school, actual: fields.school },
      ),
    );
  }
  if (fields.major !== undefined && named !== undefined && majorKey(fields.major) !== majorKey(named.major)) {
    findings.push(
      ...finding(
        ctx,
        "COVER_MAJOR_MISMATCH",
        "file",
        { cover: fields.major, fileName: named.major },
        { expected: named.major, actual: fields.major },
      ),
    );
  }
  const level = fields.level === undefined ? undefined : coverLevel(fields.level);
  const registered = facts.school?.level;
  if (level !== undefined && registered !== undefined && level !== registered) {
    findings.push(
      ...finding(
        ctx,
        "COVER_LEVEL_MISMATCH",
        "file",
        { cover: level, registered },
        { expected: registered, actual: level },
      ),
    );
  }
  return findings;
};
