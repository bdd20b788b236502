import { complianceOf, fails, percent } from "./body-text.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";
import { textLayerFor } from "./text-documents.ts";

/** "行距为固定值16磅": the distance between consecutive baselines, measured to 0.5 pt. */
export const LEADING_PT = 16;
const TOLERANCE_PT = 0.5;

/** 申报书 body lines are 16 pt apart (填写要求 四); 1.5 or double spacing, or "single" at 12 pt, are not. */
export const bodyLeading: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "application");
  if (!text) return [];
  const result = complianceOf(text.leadings, (value) => Math.abs(Number(value) - LEADING_PT) <= TOLERANCE_PT);
  if (!fails(result)) return [];
  return finding(
    ctx,
    "BODY_LEADING_NOT_16PT",
    "file",
    { percent: percent(result.share), dominant: Number(result.dominant) },
    { expected: `${LEADING_PT} pt`, actual: `${result.dominant} pt` },
  );
};
