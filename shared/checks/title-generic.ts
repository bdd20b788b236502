import { documentTypeOf } from "../call/document-type.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";
import { fillTemplate, namePartsOf, parseSubmissionName } from "./name-template.ts";

/** Titles that office software writes when the author set none. */
const GENERIC_TITLES = [
  /^Microsoft (Word|Excel|PowerPoint) - /i,
  /^(untitled|无标题|未命名|document|文档|新建.{0,8}文档)\s*\d*(\.(docx?|wps|pdf|xlsx?))?$/i,
  /^(文档|document)\s*\d+$/i,
];

/**
 * The file's Title is set and says what the file is: viewers show it in the window title and the tab instead of the
 * file name. An empty or software-generated title gets a suggestion (info) naming the official name to set: the
 * call's name for the school and major in the file name, else the file name itself.
 */
export const titleGeneric: Rule = ({ inspection, fileName, school, documentType }, ctx) => {
  if (!inspection?.ok) return [];
  const raw = inspection.facts.title?.trim() ?? "";
  const title = raw === "" ? null : raw;
  if (title !== null && !GENERIC_TITLES.some((pattern) => pattern.test(title))) return [];
  const parts = namePartsOf(parseSubmissionName(fileName, ctx.call.nameTemplate));
  const label = documentTypeOf(ctx.call, documentType)?.label ?? "";
  const suggested = parts
    ? fillTemplate(ctx.call.nameTemplate, parts)
    : school
      ? `${school.name}${label}`
      : fileName.replace(/\.pdf$/i, "");
  return finding(
    ctx,
    "PDF_TITLE_GENERIC",
    "file",
    { title, suggested },
    { expected: suggested, actual: title ?? "" },
  );
};
