import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/** The PDF runs nothing when a reviewer opens it: no JavaScript, no actions that launch programs. */
export const activeContent: Rule = ({ inspection }, ctx) => {
  if (!inspection?.ok) return [];
  const { javaScript, launchAction } = inspection.facts.activeContent;
  if (!javaScript && !launchAction) return [];
  return finding(
    ctx,
    "PDF_ACTIVE_CONTENT",
    "file",
    { javaScript, launchAction },
    { expected: FINDING_VALUES.noActiveContent },
  );
};
