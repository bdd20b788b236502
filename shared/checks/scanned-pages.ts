import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";
import { planOutlineComplete } from "./plan-outline.ts";
import { hasDeclaration } from "./responsibility-declaration.ts";
import { textLayerFor } from "./text-documents.ts";

/**
 * Says plainly which pages of a 申报书 or 建设方案 have no text layer (scans, photos) and which text checks could
 * therefore not be made, instead of those checks passing or failing silently. The checks named are those whose
 * answer the missing pages could change.
 */
export const scannedPages: Rule = (facts, ctx) => {
  const application = textLayerFor(facts, "application");
  const plan = textLayerFor(facts, "plan");
  const text = application ?? plan;
  if (!text || text.pagesWithoutText.length === 0) return [];
  const scanned = text.pagesWithoutText;
  const checks: string[] = [];
  if (application) {
    if (scanned.includes(1)) checks.push("封面信息（申报单位、申报专业、专业大类等）");
    if (scanned.some((page) => page > 1)) checks.push("正文字体、字号和行距");
    if (!hasDeclaration(application)) checks.push("内容真实性责任声明");
  }
  if (plan && !planOutlineComplete(plan)) checks.push("建设方案提纲的五个标题");
  if (checks.length === 0) return [];
  return finding(ctx, "TEXT_LAYER_MISSING", "file", {
    pages: scanned,
    pagesExamined: text.pagesExamined,
    checks,
  });
};
