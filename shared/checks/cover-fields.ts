import type { SchoolLevel } from "../call/schema.ts";
import { normalizedLines } from "./text-documents.ts";

/** The fields of the 申报书's cover (附件1), as labelled there, in the form they are compared in. */
export const COVER_FIELDS = {
  school: "申报单位",
  level: "办学层次",
  major: "申报专业",
  servedGroup: "中心服务专业(群)",
  category: "申报专业大类",
  class: "申报专业类",
} as const;

export type CoverField = keyof typeof COVER_FIELDS;

/** The labels as printed on the cover, for messages. */
export const COVER_FIELD_LABEL: Record<CoverField, string> = {
  school: "申报单位",
  level: "办学层次",
  major: "申报专业",
  servedGroup: "中心服务专业（群）",
  category: "申报专业大类",
  class: "申报专业类",
};

// Longest label first: "申报专业" is a prefix of "申报专业大类" and "申报专业类".
const BY_LENGTH = (Object.entries(COVER_FIELDS) as [CoverField, string][]).sort(
  (a, b) => b[1].length - a[1].length,
);

/**
 * Reads the cover's fields from page 1's text: a line (spaces removed, NFKC) starting with a label, an optional
 * colon, and the value to the end of the line. A label with nothing after it is absent: an unfilled cover.
 */
export function readCoverFields(pageText: string): Partial<Record<CoverField, string>> {
  const fields: Partial<Record<CoverField, string>> = {};
  for (const line of normalizedLines(pageText)) {
    const match = BY_LENGTH.find(([, label]) => line.startsWith(label));
    if (!match) continue;
    const [field, label] = match;
    const value = line
      .slice(label.length)
      .replace(/^:/, "")
      .replace(/^_+|_+$/g, "");
    if (value !== "" && fields[field] === undefined) fields[field] = value;
  }
  return fields;
}

/** Ticked boxes: Unicode's, and Wingdings' ticked box (0xFE) and tick (0xFC) as Word's ToUnicode maps them. */
const CHECKED = /[☑☒■●√✓✔\uF0FE\uF0FC]/u;

/**
 * The level ticked in 办学层次 ("☑高职(专科) □高职(本科)", or one of them deleted), or undefined when it cannot be
 * told which one is meant.
 */
export function coverLevel(value: string): SchoolLevel | undefined {
  const zhuanke = value.indexOf("专科");
  const benke = value.indexOf("本科");
  if (zhuanke >= 0 && benke < 0) return "专科";
  if (benke >= 0 && zhuanke < 0) return "本科";
  const ticked = [...value.matchAll(new RegExp(`${CHECKED.source}(?:高职)?\\(?(专科|本科)`, "gu"))].map(
    (m) => m[1],
  );
  return ticked.length === 1 ? (ticked[0] as SchoolLevel) : undefined;
}

/** A major as written on a cover or in a file name, for comparison: "数控技术专业" names 数控技术. */
export function majorKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s\p{Cf}]/gu, "")
    .replace(/专业$/, "");
}
