import { normalizeName } from "../call/major-catalog.ts";
import type { DocumentPropertyKey } from "../messages/findings.ts";
import type { PdfFacts } from "../pdf/facts.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/**
 * A school-like name: Chinese characters ending in one of the words schools' names end in. Greedy on the left, so
 * "河南某某职业技术学院申报书" yields "河南某某职业技术学院".
 */
const SCHOOL_NAME =
  /[\u4e00-\u9fff]{2,30}?(?:职业技术大学|职业技术学院|职业大学|职业学院|技术学院|高等专科学校|专科学校|学院|大学|学校)/gu;

/**
 * No document property names another school: a registered school other than the submitter (when the caller passes
 * the registered names), or any school-like name that is not the submitter's. Material copied from another college's
 * file keeps that college's name in its Title or Author, and reviewers notice. Silent without the submitter's school.
 */
export const metadataSchool: Rule = ({ inspection, school }, ctx) => {
  if (!inspection?.ok || !school) return [];
  const own = normalizeName(school.name);
  const others = (ctx.registeredSchools ?? [])
    .map(normalizeName)
    .filter((name) => name !== "" && name !== own);
  for (const [property, value] of propertiesOf(inspection.facts)) {
    const text = normalizeName(value);
    const found =
      others.find((other) => text.includes(other) && !own.includes(other)) ??
      [...text.matchAll(SCHOOL_NAME)].map(([name]) => name).find((name) => !isOwn(name, own));
    if (found !== undefined) {
      return finding(
        ctx,
        "PDF_METADATA_OTHER_SCHOOL",
        "file",
        { property, value, found, school: school.name },
        { expected: school.name, actual: found },
      );
    }
  }
  return [];
};

/** The submitter's own name, whole or as the tail of a longer run ("关于河南某某学院" holds "河南某某学院"). */
function isOwn(name: string, own: string): boolean {
  return name.endsWith(own) || own.endsWith(name);
}

function propertiesOf(facts: PdfFacts): Array<[DocumentPropertyKey, string]> {
  const properties = facts.properties;
  const entries: Array<[DocumentPropertyKey, string | null | undefined]> = [
    ["title", facts.title],
    ["author", properties?.author],
    ["subject", properties?.subject],
    ["keywords", properties?.keywords],
    ["creator", facts.creator],
    ["producer", facts.producer],
    ["xmpTitle", properties?.xmpTitle],
    ...(properties?.xmpCreators ?? []).map((name): [DocumentPropertyKey, string] => ["xmpCreator", name]),
  ];
  return entries.filter((entry): entry is [DocumentPropertyKey, string] => typeof entry[1] === "string");
}
