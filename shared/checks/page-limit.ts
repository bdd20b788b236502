import { documentTypeOf } from "../call/document-type.ts";
import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/** The file has no more pages than its document type allows (exactly at the limit is fine). */
export const pageLimit: Rule = ({ inspection, documentType }, ctx) => {
  const type = documentTypeOf(ctx.call, documentType);
  if (!inspection?.ok || type?.maxPages === undefined) return [];
  const pages = inspection.facts.pageCount;
  if (pages <= type.maxPages) return [];
  return finding(
    ctx,
    "PDF_TOO_MANY_PAGES",
    "file",
    { pages, max: type.maxPages, documentLabel: type.label },
    { expected: FINDING_VALUES.atMostPages(type.maxPages), actual: FINDING_VALUES.pages(pages) },
  );
};
