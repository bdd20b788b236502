import { activeContent } from "./active-content.ts";
import { bodyFont } from "./body-font.ts";
import { bodyLeading } from "./body-leading.ts";
import { bodySize } from "./body-size.ts";
import { bookmarks } from "./bookmarks.ts";
import type { CheckContext, Rule, SubmissionFacts } from "./context.ts";
import { coverCatalog } from "./cover-catalog.ts";
import { coverIdentity } from "./cover-identity.ts";
import { type Finding, isAccepted } from "./finding.ts";
import { metadataDates } from "./metadata-dates.ts";
import { metadataSchool } from "./metadata-school.ts";
import { pageCount } from "./page-count.ts";
import { pageLimit } from "./page-limit.ts";
import { pageSize } from "./page-size.ts";
import { pdfRestrictions } from "./pdf-restrictions.ts";
import { planOutline } from "./plan-outline.ts";
import { responsibilityDeclaration } from "./responsibility-declaration.ts";
import { scannedPages } from "./scanned-pages.ts";
import { titleGeneric } from "./title-generic.ts";
import { UPLOAD_RULES } from "./upload-rules.ts";

/**
 * Every rule of a call, in the order an applicant should read their findings: when and what was submitted, its
 * name, then its content. Each rule stays silent about facts it is not given, so the same list serves the check
 * before upload (name, type, declared size, time) and the full check after it.
 */
export const RULES: readonly Rule[] = [
  ...UPLOAD_RULES,
  pdfRestrictions,
  pageCount,
  pageLimit,
  pageSize,
  bookmarks,
  activeContent,
  metadataSchool,
  titleGeneric,
  metadataDates,
  scannedPages,
  coverIdentity,
  coverCatalog,
  responsibilityDeclaration,
  bodyFont,
  bodySize,
  bodyLeading,
  planOutline,
];

export function checkSubmission(facts: SubmissionFacts, ctx: CheckContext): Finding[] {
  return RULES.flatMap((rule) => rule(facts, ctx));
}

/** What a set of findings decides: late beats everything (the deadline rule's error), then any error rejects. */
export type Verdict = "ACCEPTED" | "REJECTED" | "LATE";

/** The one place a verdict is derived from findings. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.code === "DEADLINE_PASSED" && f.severity === "error")) return "LATE";
  return isAccepted(findings) ? "ACCEPTED" : "REJECTED";
}
