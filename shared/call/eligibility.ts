import * as z from "zod/mini";

/**
 * The call's eligibility conditions (申报条件) as data: which conditions exist, which are mandatory, how many of
 * the others an applicant must meet, and each condition's criteria. A criterion is either decided by a machine from
 * the application form (a figure against a threshold, a yes/no, a count, a comparison of two figures, membership in
 * a list) or an expert-judgement item the pre-screen lists but never decides.
 *
 * Fields of the form are named by paths: dot-separated keys, with `[]` to take every element of an array, e.g.
 * "conditions.groupMajors[].students" or "socialTraining.perYear.2021".
 */

const FormPath = z
  .string()
  .check(z.regex(/^[A-Za-z0-9]+(\[\])?(\.[A-Za-z0-9]+(\[\])?)*$/, "a form path like a.b[].c"));

const Base = {
  /** Stable id within the call, e.g. "3.3". */
  id: z.string().check(z.minLength(1)),
  /** The criterion as the notice states it, in Chinese. */
  text: z.string().check(z.minLength(1)),
  /** The evidence section whose 佐证材料页码 proves it (see shared/application/evidence-sections.ts). */
  evidence: z.optional(z.string()),
};

const Comparison = z.enum([">=", "<=", ">"]);
export type Comparison = z.infer<typeof Comparison>;

/**
 * A figure of the form against a threshold. With several fields, `aggregate` says whether each one must meet the
 * threshold ("each") or their sum must ("sum"). `engineeringThreshold` replaces `threshold` when the applied major's
 * 专业大类 is one of the call's engineering categories.
 */
export const FigureCriterion = z.object({
  ...Base,
  kind: z.literal("figure"),
  fields: z.array(FormPath).check(z.minLength(1)),
  aggregate: z._default(z.enum(["each", "sum"]), "each"),
  op: Comparison,
  threshold: z.number(),
  engineeringThreshold: z.optional(z.number()),
  /** Unit as printed in messages: "人", "%", "万元", "平方米"… */
  unit: z.string(),
});

/** A yes/no of the form that must have the expected answer. */
export const YesNoCriterion = z.object({
  ...Base,
  kind: z.literal("yesNo"),
  field: FormPath,
  expected: z.boolean(),
});

/** A condition on an element of a counted list: a text field among values, or a figure at least a minimum. */
export const CountFilter = z.union([
  z.object({ field: z.string().check(z.minLength(1)), in: z.array(z.string()).check(z.minLength(1)) }),
  z.object({ field: z.string().check(z.minLength(1)), min: z.number() }),
]);
export type CountFilter = z.infer<typeof CountFilter>;

/** At least `atLeast` elements of a list of the form, counting only those that pass every filter. */
export const CountCriterion = z.object({
  ...Base,
  kind: z.literal("count"),
  field: FormPath,
  where: z._default(z.array(CountFilter), []),
  atLeast: z.number().check(z.int(), z.nonnegative()),
  /** What is counted, as printed in messages: "项", "家", "人". */
  unit: z.string(),
});

/** One figure of the form compared with another: e.g. 实际取证人数 ≥ 下达任务数. */
export const CompareCriterion = z.object({
  ...Base,
  kind: z.literal("compare"),
  field: FormPath,
  op: Comparison,
  other: FormPath,
  otherLabel: z.string(),
  unit: z.string(),
});

/**
 * Values of the form that must be on a list. `field` names a list of values per subject (e.g. each partner's titles,
 * "basic.partners[].titles"): each subject must hold at least one listed value. With `openList` (the notice ends
 * the list with "等"), a subject holding only unlisted values is left to the experts instead of failing.
 */
export const MemberCriterion = z.object({
  ...Base,
  kind: z.literal("member"),
  field: FormPath,
  list: z.array(z.string()).check(z.minLength(1)),
  openList: z._default(z.boolean(), false),
  /** Whom each subject is, in messages: "合作企业". */
  subject: z.string(),
});

/** A judgement for the experts; the pre-screen lists it and never decides it. */
export const ExpertCriterion = z.object({
  ...Base,
  kind: z.literal("expert"),
});

export const Criterion = z.discriminatedUnion("kind", [
  FigureCriterion,
  YesNoCriterion,
  CountCriterion,
  CompareCriterion,
  MemberCriterion,
  ExpertCriterion,
]);
export type Criterion = z.infer<typeof Criterion>;
export type CriterionKind = Criterion["kind"];

export const Condition = z.object({
  number: z.number().check(z.int(), z.positive()),
  title: z.string().check(z.minLength(1)),
  mandatory: z.boolean(),
  criteria: z.array(Criterion).check(z.minLength(1)),
});
export type Condition = z.infer<typeof Condition>;

/** "All of `mandatory` and at least `optional.atLeast` of `optional.from`." */
export const SelectionRule = z.object({
  mandatory: z.array(z.number().check(z.int(), z.positive())),
  optional: z.object({
    from: z.array(z.number().check(z.int(), z.positive())),
    atLeast: z.number().check(z.int(), z.nonnegative()),
  }),
});
export type SelectionRule = z.infer<typeof SelectionRule>;

export const Eligibility = z
  .object({
    /** Where the conditions come from, e.g. "通知 三（一） 申报条件". */
    source: z.string(),
    conditions: z.array(Condition).check(z.minLength(1)),
    rule: SelectionRule,
    /** 专业大类 whose majors count as 工科类 for `engineeringThreshold`. */
    engineeringCategories: z.array(z.string()),
  })
  .check(
    z.superRefine((e, ctx) => {
      const numbers = e.conditions.map((c) => c.number);
      const known = new Set(numbers);
      if (known.size !== numbers.length)
        ctx.addIssue({ code: "custom", message: "condition numbers must be unique" });
      for (const n of [...e.rule.mandatory, ...e.rule.optional.from]) {
        if (!known.has(n))
          ctx.addIssue({ code: "custom", message: `rule names condition ${n}, which is not defined` });
      }
      if (e.rule.optional.atLeast > e.rule.optional.from.length) {
        ctx.addIssue({ code: "custom", message: "rule asks for more optional conditions than it lists" });
      }
      for (const c of e.conditions) {
        const mandatory = e.rule.mandatory.includes(c.number);
        if (mandatory !== c.mandatory) {
          ctx.addIssue({
            code: "custom",
            message: `condition ${c.number}: mandatory disagrees with the rule`,
          });
        }
        const ids = c.criteria.map((k) => k.id);
        if (new Set(ids).size !== ids.length) {
          ctx.addIssue({ code: "custom", message: `condition ${c.number}: criterion ids must be unique` });
        }
      }
    }),
  );
export type Eligibility = z.infer<typeof Eligibility>;
export type EligibilityInput = z.input<typeof Eligibility>;
