import type { TextLayerFacts } from "../pdf/facts.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";
import { normalizedLines, textLayerFor } from "./text-documents.ts";

const TITLE = "内容真实性责任声明";
/** The declaration's fixed wording (附件1), found even when its title is typeset as an image. */
const WORDING = "的真实性和准确性负责";

export function hasDeclaration(text: TextLayerFacts): boolean {
  return text.pageTexts.some((page) => {
    const joined = normalizedLines(page).join("");
    return joined.includes(TITLE) || joined.includes(WORDING);
  });
}

/**
 * The 申报书 keeps the 内容真实性责任声明 of 附件1. Silent when it is not found in the text but some pages have no
 * text layer or were not read: it may be there (scanned-pages.ts names this check among those not made).
 */
export const responsibilityDeclaration: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "application");
  if (!text || hasDeclaration(text)) return [];
  if (text.pagesWithoutText.length > 0 || text.truncated) return [];
  return finding(ctx, "DECLARATION_MISSING", "file", {});
};
