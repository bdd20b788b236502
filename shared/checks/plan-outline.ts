import type { TextLayerFacts } from "../pdf/facts.ts";
import type { Rule } from "./context.ts";
import type { Finding } from "./finding.ts";
import { finding } from "./make-finding.ts";
import { normalizedLines, textLayerFor } from "./text-documents.ts";

/** 附件2's outline, as the notice prints it. */
export const PLAN_HEADINGS = [
  "一、总体建设目标",
  "二、重点建设任务与举措",
  "三、预期建设成效与主要成果",
  "四、建设资金预算安排",
  "五、保障措施",
] as const;

/** "一、", "一.", "(一)", "1." or "第一部分" before a heading's words. */
const NUMBERING =
  /^(?:第?[一二三四五六七八九十]+(?:部分|章)?[、.．:]?|\(?[一二三四五六七八九十]+\)|\d+[、.．])/u;

const titleOf = (heading: string) => heading.replace(/^[一二三四五]、/, "");

/**
 * Where each heading first appears: the index of the first line (over all pages read) that is the heading's words,
 * after any numbering; a line may run on after them ("五、保障措施（略）"). -1 when absent.
 */
export function headingPositions(text: TextLayerFacts): number[] {
  const lines = text.pageTexts.flatMap((page) => normalizedLines(page));
  return PLAN_HEADINGS.map((heading) => {
    const words = titleOf(heading);
    return lines.findIndex((line) => line.replace(NUMBERING, "").startsWith(words));
  });
}

/**
 * A 建设方案 has 附件2's five headings, in order. A table of contents that lists them counts as their first
 * appearance, which is in order too. Silent about a missing heading when some pages have no text layer or were not
 * read (scanned-pages.ts names this check among those not made).
 */
export const planOutline: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "plan");
  if (!text) return [];
  const positions = headingPositions(text);
  const missing = PLAN_HEADINGS.filter((_, i) => positions[i] === -1);
  const findings: Finding[] = [];
  const complete = text.pagesWithoutText.length === 0 && !text.truncated;
  if (missing.length > 0 && complete) {
    findings.push(...finding(ctx, "PLAN_HEADING_MISSING", "file", { missing: [...missing] }));
  }
  const found = PLAN_HEADINGS.map((heading, i) => ({ heading, at: positions[i] as number })).filter(
    (h) => h.at >= 0,
  );
  const inOrder = [...found].sort((a, b) => a.at - b.at).map((h) => h.heading);
  if (inOrder.some((heading, i) => heading !== found[i]?.heading)) {
    findings.push(...finding(ctx, "PLAN_HEADINGS_OUT_OF_ORDER", "file", { found: inOrder }));
  }
  return findings;
};

export function planOutlineComplete(text: TextLayerFacts): boolean {
  return headingPositions(text).every((at) => at >= 0);
}
