import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { RestrictionKey } from "../messages/findings.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/** Permissions whose denial gets in a reviewer's way, in the order the message lists them. */
const REVIEWER_NEEDS: readonly RestrictionKey[] = [
  "print",
  "copy",
  "modify",
  "annotate",
  "fillForms",
  "assemble",
];

/** The PDF carries no permission restrictions (an owner password that forbids printing, copying …). */
export const pdfRestrictions: Rule = ({ inspection }, ctx) => {
  if (!inspection?.ok || !inspection.facts.encryption?.restricted) return [];
  const { permissions } = inspection.facts.encryption;
  const denied = REVIEWER_NEEDS.filter((key) => !permissions[key]);
  if (denied.length === 0) return [];
  return finding(
    ctx,
    "PDF_RESTRICTED",
    "file",
    { restrictions: denied },
    { expected: FINDING_VALUES.noRestrictions, actual: denied.join(",") },
  );
};
