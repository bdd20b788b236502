import type { ApplicationForm } from "../application/form.ts";
import type { MajorCatalog } from "../call/catalog.ts";
import type { Eligibility } from "../call/eligibility.ts";
import type { CallDefinition } from "../call/schema.ts";
import { CONDITION_STATUS_LABELS, PRESCREEN_TEXT } from "../messages/prescreen.ts";
import { combineOutcomes, evaluateCriterion, type MajorFacts } from "./criteria.ts";
import { checkEvidence } from "./evidence-check.ts";
import { evidenceSections } from "./evidence-sections.ts";
import type { ConditionResult, EvidenceFacts, PrescreenResult, Tri } from "./types.ts";

/** The call has no eligibility conditions to pre-screen against. */
export class NoEligibilityError extends Error {
  override readonly name = "NoEligibilityError";
  constructor(callId: string, options?: ErrorOptions) {
    super(`Call ${callId} defines no eligibility conditions`, options);
  }
}

/**
 * The eligibility pre-screen (资格初审): the form against the call's conditions, condition by condition, and the
 * form's evidence references against the accepted evidence (undefined when none is accepted yet). Pure: decides only
 * what the data can decide, names the rest for experts, and never rejects anything.
 */
export function prescreen(
  call: Pick<CallDefinition, "id" | "eligibility">,
  form: ApplicationForm,
  catalog: MajorCatalog,
  evidence: EvidenceFacts | undefined,
): PrescreenResult {
  const eligibility = call.eligibility;
  if (!eligibility) throw new NoEligibilityError(call.id);
  const major = majorFacts(form, catalog, eligibility);
  const sections = evidenceSections(form);
  const pagesOf = (id: string | undefined): number[] =>
    id === undefined
      ? []
      : [
          ...new Set(
            sections.filter((s) => s.id === id || s.id.startsWith(`${id}.`)).flatMap((s) => s.pages ?? []),
          ),
        ].sort((a, b) => a - b);

  const conditions: ConditionResult[] = eligibility.conditions.map((condition) => {
    const criteria = condition.criteria.map((criterion) => ({
      id: criterion.id,
      kind: criterion.kind,
      machine: criterion.kind !== "expert",
      text: criterion.text,
      pages: pagesOf(criterion.evidence),
      ...evaluateCriterion(criterion, form, major),
    }));
    const status = combineOutcomes(criteria.map((c) => c.outcome));
    return {
      number: condition.number,
      title: condition.title,
      mandatory: condition.mandatory,
      status,
      statusLabel: CONDITION_STATUS_LABELS[status],
      criteria,
    };
  });

  const byNumber = new Map(conditions.map((c) => [c.number, c]));
  const passed = (n: number) => ["met", "expert"].includes(byNumber.get(n)?.status ?? "");
  const { mandatory, optional } = eligibility.rule;
  const basicConditionsMet: Tri = mandatory.every(passed)
    ? "yes"
    : mandatory.some((n) => byNumber.get(n)?.status === "not-met")
      ? "no"
      : "incomplete";
  const optionalMet = optional.from.filter(passed).length;
  const optionalOpen = optional.from.filter((n) => byNumber.get(n)?.status === "incomplete").length;
  const ruleSatisfied: Tri =
    basicConditionsMet === "yes" && optionalMet >= optional.atLeast
      ? "yes"
      : basicConditionsMet === "no" || optionalMet + optionalOpen < optional.atLeast
        ? "no"
        : "incomplete";
  const expertPending = conditions.flatMap((c) => c.criteria).filter((c) => c.outcome === "expert").length;
  return {
    callId: call.id,
    conditions,
    overall: {
      basicConditionsMet,
      optionalMet,
      optionalFrom: optional.from.length,
      optionalAtLeast: optional.atLeast,
      ruleSatisfied,
      expertPending,
      summary: PRESCREEN_TEXT.overall({
        basic: basicConditionsMet,
        optionalMet,
        optionalFrom: optional.from.length,
        atLeast: optional.atLeast,
        rule: ruleSatisfied,
        expertPending,
      }),
    },
    evidence: checkEvidence(sections, evidence),
  };
}

/** The applied major's 专业大类 from the catalog, at the form's level (or any level if the form gives none). */
function majorFacts(
  form: ApplicationForm,
  catalog: MajorCatalog,
  eligibility: Eligibility,
): MajorFacts | undefined {
  const name = form.basic?.major;
  if (!name) return undefined;
  const level = form.basic?.level;
  const entry = level ? catalog.find(name, level) : catalog.findAnyLevel(name)[0];
  if (!entry) return undefined;
  return {
    major: entry.name,
    category: entry.category,
    engineering: eligibility.engineeringCategories.includes(entry.category),
  };
}
