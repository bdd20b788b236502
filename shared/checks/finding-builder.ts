import type { FindingParams, FindingText } from "../messages/findings.ts";
import { DEFAULT_SEVERITY, type FindingCode } from "./codes.ts";
import type { CheckContext } from "./context.ts";
import type { Finding, FindingField } from "./finding.ts";

/** The Chinese text of each finding code a set of rules may report. */
export type FindingTexts<C extends FindingCode> = { [K in C]: (p: FindingParams[K]) => FindingText };

/**
 * A `finding` function for rules whose codes have their texts in `texts`: it builds a finding with the severity the
 * call gives its code, and its Chinese text. Returns an empty list when the call switches the rule off, so that a
 * rule can `return finding(...)` directly.
 */
export function findingBuilder<C extends FindingCode>(texts: FindingTexts<C>) {
  return function finding<K extends C>(
    ctx: Pick<CheckContext, "call">,
    code: K,
    field: FindingField,
    params: FindingParams[K],
    values: { expected?: string; actual?: string } = {},
  ): Finding[] {
    const severity = ctx.call.rules[code] ?? DEFAULT_SEVERITY[code];
    if (severity === "off") return [];
    const text = texts[code](params);
    return [{ code, severity, field, ...text, ...values }];
  };
}
