import type { ApplicationForm } from "../application/form.ts";
import { valueAt, valuesAt } from "../application/form-paths.ts";
import type { Comparison, CountFilter, Criterion } from "../call/eligibility.ts";
import { fieldLabel } from "../messages/form.ts";
import { PRESCREEN_TEXT as T } from "../messages/prescreen.ts";
import type { CriterionResult, Outcome } from "./types.ts";

/** Whether the applied major is 工科: known from its 专业大类 in the catalog, or undefined when it cannot be. */
export interface MajorFacts {
  major: string;
  category: string;
  engineering: boolean;
}

type Evaluation = Omit<CriterionResult, "id" | "kind" | "machine" | "text" | "pages">;

const compare = (value: number, op: Comparison, threshold: number): boolean =>
  op === ">=" ? value >= threshold : op === "<=" ? value <= threshold : value > threshold;

const asNumber = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;

const label = (path: string): string =>
  fieldLabel(path.split(".").map((s) => (/^\d+$/.test(s) && !/^\d{4}$/.test(s) ? Number(s) : s)));

function result(outcome: Outcome, expected: string, found: string, missing: string[] = []): Evaluation {
  const fix = outcome === "incomplete" ? T.fixIncomplete : outcome === "not-met" ? T.fixNotMet : undefined;
  return { outcome, expected, found, missing, ...(fix ? { fix } : {}) };
}

/** Decides one criterion from the form. Expert items are never decided. */
export function evaluateCriterion(
  criterion: Criterion,
  form: ApplicationForm,
  major: MajorFacts | undefined,
): Evaluation {
  switch (criterion.kind) {
    case "expert":
      return result("expert", T.expertExpected, T.expertFound);
    case "figure":
      return figure(criterion, form, major);
    case "yesNo": {
      const value = valueAt(form, criterion.field);
      const expected = T.yesNoExpected(criterion.expected);
      if (typeof value !== "boolean") {
        return result("incomplete", expected, T.notFilled([label(criterion.field)]), [criterion.field]);
      }
      return result(value === criterion.expected ? "met" : "not-met", expected, value ? T.yes : T.no);
    }
    case "count": {
      const list = valueAt(form, criterion.field);
      const expected = T.countExpected(criterion.atLeast, criterion.unit);
      if (!Array.isArray(list)) {
        return result("incomplete", expected, T.notFilled([label(criterion.field)]), [criterion.field]);
      }
      const verdicts = list.map((element) => criterion.where.map((f) => passes(element, f)));
      const counted = verdicts.filter((v) => v.every((p) => p === true)).length;
      // An element whose filter fields are blank (an award without its year) might still count.
      const open = verdicts.filter((v) => !v.includes(false) && v.includes(undefined)).length;
      const found = T.countFound(counted, criterion.unit, list.length);
      if (counted >= criterion.atLeast) return result("met", expected, found);
      if (counted + open >= criterion.atLeast) {
        const missing = list.flatMap((element, i) =>
          criterion.where
            .filter((f) => passes(element, f) === undefined)
            .map((f) => `${criterion.field}.${i}.${f.field}`),
        );
        return result("incomplete", expected, found, missing);
      }
      return result("not-met", expected, found);
    }
    case "compare": {
      const value = asNumber(valueAt(form, criterion.field));
      const other = asNumber(valueAt(form, criterion.other));
      const expected = T.compareExpected(criterion.op, criterion.otherLabel, other, criterion.unit);
      const missing = [
        ...(value === undefined ? [criterion.field] : []),
        ...(other === undefined ? [criterion.other] : []),
      ];
      if (value === undefined || other === undefined) {
        return result("incomplete", expected, T.notFilled(missing.map(label)), missing);
      }
      const found = T.found(value, criterion.unit);
      return result(compare(value, criterion.op, other) ? "met" : "not-met", expected, found);
    }
    case "member": {
      const subjects = valuesAt(form, criterion.field).map((v, i) => ({
        n: i + 1,
        titles: Array.isArray(v.value) ? (v.value as string[]) : undefined,
      }));
      const expected = T.memberExpected(criterion.subject, criterion.list);
      if (subjects.length === 0) {
        return result("incomplete", expected, T.noSubjects(criterion.subject), [criterion.field]);
      }
      const listed = new Set(criterion.list.map(normalizeTitle));
      const outcomes: Outcome[] = subjects.map((s) => {
        if (!s.titles?.length) return "incomplete";
        if (s.titles.some((t) => listed.has(normalizeTitle(t)))) return "met";
        return criterion.openList ? "expert" : "not-met";
      });
      const found = T.memberFound(subjects, criterion.subject);
      const outcome = combine(outcomes);
      const missing = subjects
        .filter((s) => !s.titles?.length)
        .map((s) => criterion.field.replace("[]", `.${s.n - 1}`));
      const r = result(outcome, expected, found, missing);
      return outcome === "expert" ? { ...r, found: `${found}。${T.memberUnlisted}` } : r;
    }
  }
}

function figure(
  criterion: Extract<Criterion, { kind: "figure" }>,
  form: ApplicationForm,
  major: MajorFacts | undefined,
): Evaluation {
  const { op, unit } = criterion;
  const engineering = criterion.engineeringThreshold;
  const expected =
    engineering === undefined
      ? T.expected(op, criterion.threshold, unit)
      : T.expectedEngineering(op, criterion.threshold, unit, engineering, major);
  // The thresholds that may apply: one when the major's category is known or no engineering threshold exists.
  const candidates =
    engineering === undefined
      ? [criterion.threshold]
      : major
        ? [major.engineering ? engineering : criterion.threshold]
        : [criterion.threshold, engineering];
  const values = criterion.fields.flatMap((f) =>
    f.includes("[]") ? valuesAt(form, f) : [{ path: f, value: valueAt(form, f) }],
  );
  const known = values.map((v) => ({ ...v, n: asNumber(v.value) }));
  const missing = known.filter((v) => v.n === undefined).map((v) => v.path);

  const decide = (check: (threshold: number) => boolean): Outcome => {
    const passes = candidates.map(check);
    if (passes.every(Boolean)) return "met";
    if (passes.every((p) => !p)) return "not-met";
    return "incomplete"; // meets one possible threshold and not the other: the major decides
  };

  if (criterion.aggregate === "sum") {
    const present = known.filter((v) => v.n !== undefined);
    if (present.length === 0) return result("incomplete", expected, T.notFilled(missing.map(label)), missing);
    const sum = present.reduce((s, v) => s + (v.n as number), 0);
    let outcome = decide((t) => compare(sum, op, t));
    // Blank parts might still add up to the threshold.
    if (outcome === "not-met" && missing.length > 0 && op !== "<=") outcome = "incomplete";
    const r = result(
      outcome,
      expected,
      T.foundSum(sum, unit, present.length),
      outcome === "met" ? [] : missing,
    );
    return withEngineeringNote(r, engineering, major, outcome);
  }
  if (known.length === 0)
    return result("incomplete", expected, T.notFilled(criterion.fields.map(label)), [...criterion.fields]);
  const found =
    known.length === 1
      ? known[0]?.n === undefined
        ? T.notFilled([label(known[0]?.path ?? "")])
        : T.found(known[0].n, unit)
      : T.foundEach(
          known.map((v) => ({ label: label(v.path), value: v.n })),
          unit,
        );
  const perValue = known
    .filter((v) => v.n !== undefined)
    .map((v) => decide((t) => compare(v.n as number, op, t)));
  let outcome: Outcome;
  if (perValue.includes("not-met")) outcome = "not-met";
  else if (missing.length > 0 || perValue.includes("incomplete")) outcome = "incomplete";
  else outcome = "met";
  return withEngineeringNote(result(outcome, expected, found, missing), engineering, major, outcome);
}

function withEngineeringNote(
  r: Evaluation,
  engineering: number | undefined,
  major: MajorFacts | undefined,
  outcome: Outcome,
): Evaluation {
  if (engineering === undefined || major || outcome !== "incomplete") return r;
  return { ...r, found: `${r.found}。${T.engineeringUnknown}`, missing: [...r.missing, "basic.major"] };
}

/** Whether a list element passes a filter; undefined when the element leaves the filtered field blank. */
function passes(element: unknown, filter: CountFilter): boolean | undefined {
  const value =
    typeof element === "object" && element !== null
      ? (element as Record<string, unknown>)[filter.field]
      : undefined;
  if (value === undefined) return undefined;
  if ("in" in filter) return typeof value === "string" && filter.in.includes(value);
  return typeof value === "number" && value >= filter.min;
}

function combine(outcomes: Outcome[]): Outcome {
  if (outcomes.includes("not-met")) return "not-met";
  if (outcomes.includes("incomplete")) return "incomplete";
  if (outcomes.includes("expert")) return "expert";
  return "met";
}

/** Titles compared without the quotes' style and spaces: “小巨人” and "小巨人" are the same title. */
function normalizeTitle(title: string): string {
  return title.normalize("NFKC").replace(/[\s“”"「」『』]/gu, "");
}

export { combine as combineOutcomes };
