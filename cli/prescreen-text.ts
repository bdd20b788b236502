import type { StoredForm } from "../shared/application/form-store.ts";
import { readPrescreen } from "../shared/application/prescreen-read.ts";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { PRESCREEN_EXPORT_TEXT as T } from "../shared/messages/prescreen-export.ts";
import type { Operator } from "./operator-context.ts";
import { prescreenReadDeps } from "./prescreen-export.ts";

/** `submissions show`'s pre-screen section: the school's form's pre-screen, against its current evidence. */
export async function schoolPrescreenText(op: Operator, schoolId: string): Promise<string> {
  if (!op.ctx.call.eligibility) return "";
  return prescreenText((await readPrescreen(schoolId, prescreenReadDeps(op))).stored);
}

/**
 * Each condition with its status; under it, each criterion not met or lacking data with expected vs found and how
 * to close the gap, then the expert items left; the overall verdict; the evidence findings that need someone.
 */
export function prescreenText(stored: StoredForm | undefined): string {
  const lines = ["", `${T.showHeading}`];
  const result = stored?.prescreen;
  if (!stored || !result) {
    lines.push(`  ${T.showNoForm}`);
    return lines.join("\n");
  }
  lines[1] += stored.prescreenAt ? T.showComputedAt(formatBeijingTime(new Date(stored.prescreenAt))) : "";
  lines.push(`  ${result.overall.summary}`);
  for (const c of result.conditions) {
    lines.push(`  ${T.showCondition(c.number, c.title, c.mandatory, c.statusLabel)}`);
    for (const k of c.criteria.filter((k) => k.outcome === "not-met" || k.outcome === "incomplete")) {
      lines.push(`    ${T.showGap(k.id, k.text, T.statusLabels[k.outcome], k.expected, k.found)}`);
      if (k.fix) lines.push(`      ${T.showFix(k.fix)}`);
    }
    const expert = c.criteria.filter((k) => k.outcome === "expert").map((k) => k.id);
    if (expert.length > 0) lines.push(`    ${T.showExpertItems(expert)}`);
  }
  const evidence = result.evidence.filter((f) => f.severity !== "info");
  if (evidence.length > 0) {
    lines.push(`  ${T.showEvidence}`);
    for (const f of evidence) lines.push(`    ${f.message}`);
  }
  return lines.join("\n");
}
