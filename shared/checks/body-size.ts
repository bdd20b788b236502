import { complianceOf, fails, percent } from "./body-text.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";
import { textLayerFor } from "./text-documents.ts";

/** 小四 is 12 pt; sizes are measured to 0.5 pt, and Word's and WPS's exports land within half a point. */
export const XIAOSI_PT = 12;
const TOLERANCE_PT = 0.5;

/** 申报书 body text is 小四 (填写要求 四). */
export const bodySize: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "application");
  if (!text) return [];
  const result = complianceOf(text.sizes, (value) => Math.abs(Number(value) - XIAOSI_PT) <= TOLERANCE_PT);
  if (!fails(result)) return [];
  return finding(
    ctx,
    "BODY_SIZE_NOT_XIAOSI",
    "file",
    { percent: percent(result.share), dominant: Number(result.dominant) },
    { expected: `${XIAOSI_PT} pt`, actual: `${result.dominant} pt` },
  );
};
