import { documentTypeOf } from "../call/document-type.ts";
import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/** Document types that need a table of contents ("支撑材料部分请设置目录索引") carry bookmarks. */
export const bookmarks: Rule = ({ inspection, documentType }, ctx) => {
  const type = documentTypeOf(ctx.call, documentType);
  if (!inspection?.ok || !type?.requireBookmarks || inspection.facts.outline.present) return [];
  return finding(
    ctx,
    "PDF_NO_BOOKMARKS",
    "file",
    { documentLabel: type.label },
    { expected: FINDING_VALUES.withBookmarks, actual: FINDING_VALUES.withoutBookmarks },
  );
};
