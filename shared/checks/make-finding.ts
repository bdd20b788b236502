import { FINDING_TEXT, type FindingParams } from "../messages/findings.ts";
import { DEFAULT_SEVERITY, type FindingCode } from "./codes.ts";
import type { CheckContext } from "./context.ts";
import type { Finding, FindingField } from "./finding.ts";

/**
 * Builds a finding with the severity the call gives its code, and its Chinese text. Returns an empty list when the
 * call switches the rule off, so that a rule can `return finding(...)` directly.
 */
export function finding<C extends FindingCode>(
  ctx: Pick<CheckContext, "call">,
  code: C,
  field: FindingField,
  params: FindingParams[C],
  values: { expected?: string; actual?: string } = {},
): Finding[] {
  const severity = ctx.call.rules[code] ?? DEFAULT_SEVERITY[code];
  if (severity === "off") return [];
  const text = FINDING_TEXT[code](params);
  return [{ code, severity, field, ...text, ...values }];
}
