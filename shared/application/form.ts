import * as z from "zod/mini";
import { checkCreditCode } from "../checks/credit-code.ts";
import { FORM_MESSAGES as M } from "../messages/form.ts";
import { parseFigure } from "./figures.ts";
import { parsePageRefs } from "./page-refs.ts";

/**
 * The 申报书 (通知附件1) as data: one zod schema for the server, the CLI and the upload page. Every field is
 * optional, so a school may save a draft at any time; `missingFields` (form-complete.ts) lists what a finished form
 * still needs. Input is forgiving (figures as "15,000" or "1.5万", page references as "第12-14页", full-width
 * characters); the parsed form is normalised. The `supplement` section holds what the notice's conditions ask and
 * 附件1 has no field for (see docs/prescreen.md). Written with zod/mini, whose functions tree-shake, so that the page
 * runs these very rules at a fraction of classic zod's weight (web/script-size.ts); every message is the form's own.
 */

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, M.tooLong(max)));

/** Rejects a value as typed with a field-level message (a transform's way to fail). */
function reject(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: "custom", message, input: ctx.value });
  return z.NEVER;
}

/** A page reference as typed, stored as sorted unique page numbers. */
export const PageRefs = z.pipe(
  z.union([z.string(), z.number(), z.array(z.number())]),
  z.transform((input, ctx) => {
    const parsed = parsePageRefs(input);
    if (parsed.ok) return parsed.pages;
    return reject(ctx, M.pageRef(parsed.problem));
  }),
);

/** A non-negative figure as typed; `integer` for counts of people and things. */
function figure(options: { integer?: boolean; percent?: boolean } = {}) {
  return z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((input, ctx) => {
      const value = parseFigure(input);
      if (value === undefined) return reject(ctx, M.notANumber);
      if (value < 0) return reject(ctx, M.negative);
      if (options.integer && !Number.isInteger(value)) return reject(ctx, M.notAnInteger);
      if (options.percent && value > 100) return reject(ctx, M.percentOutOfRange);
      return value;
    }),
  );
}
const count = () => z.optional(figure({ integer: true }));
const amount = () => z.optional(figure());
const percent = () => z.optional(figure({ percent: true }));

const YES = new Set(["是", "yes", "y", "true", "1", "有"]);
const NO = new Set(["否", "no", "n", "false", "0", "无"]);
const yesNo = () =>
  z.optional(
    z.pipe(
      z.union([z.boolean(), z.string()]),
      z.transform((input, ctx) => {
        if (typeof input === "boolean") return input;
        const t = input.normalize("NFKC").trim().toLowerCase();
        if (YES.has(t)) return true;
        if (NO.has(t)) return false;
        return reject(ctx, M.notYesNo);
      }),
    ),
  );

const DATE = /^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?)?年?$/u;
/** 建校时间 / 成立时间 / 开始合作时间: a year, a month or a day, stored as "2010", "2010-09" or "2010-09-01". */
const partialDate = () =>
  z.optional(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((input, ctx) => {
        const m = DATE.exec(String(input).normalize("NFKC").replace(/\s/g, ""));
        const month = m?.[2] === undefined ? undefined : Number(m[2]);
        const day = m?.[3] === undefined ? undefined : Number(m[3]);
        if (
          !m ||
          (month !== undefined && (month < 1 || month > 12)) ||
          (day !== undefined && (day < 1 || day > 31))
        ) {
          return reject(ctx, M.badDate);
        }
        const pad = (n: number) => String(n).padStart(2, "0");
        return [m[1], month && pad(month), day && pad(day)].filter(Boolean).join("-");
      }),
    ),
  );

const year = z.optional(
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((input, ctx) => {
      const t = String(input)
        .normalize("NFKC")
        .trim()
        .replace(/年(度)?$/u, "");
      if (!/^\d{4}$/.test(t)) return reject(ctx, M.badYear);
      return Number(t);
    }),
  ),
);

const creditCode = () =>
  z.optional(
    z.pipe(
      z.string(),
      z.transform((input, ctx) => {
        const check = checkCreditCode(input);
        if (check.ok) return check.code;
        return reject(
          ctx,
          check.reason === "format"
            ? M.creditCodeFormat(check.code)
            : M.creditCodeCheck(check.code, check.expectedCharacter),
        );
      }),
    ),
  );

const phone = () =>
  z.optional(
    z.pipe(
      z.string(),
      z.transform((input, ctx) => {
        const t = input.normalize("NFKC").replace(/[\s()（）]/g, "");
        if (!/^\+?[\d-]{7,20}(转\d{1,6})?$/u.test(t)) return reject(ctx, M.badPhone);
        return t;
      }),
    ),
  );

/** A list of rows (partners, awards…), at most `max` of them. */
const rows = <T extends z.core.SomeType>(row: T, max: number, message: string = M.tooManyRows(max)) =>
  z.optional(z.array(row).check(z.maxLength(max, message)));

const email = () => z.optional(z.string().check(z.trim(), z.email(M.badEmail)));

const Person = z.strictObject({
  name: z.optional(text(30)),
  title: z.optional(text(50)),
  officePhone: phone(),
  fax: phone(),
  mobile: phone(),
  email: email(),
});

export const SCHOOL_NATURES = ["公办", "民办"] as const;
export const LEVELS = ["专科", "本科"] as const;

/** What the form asks of the school and of each partner company alike, after their own fields. */
const registeredBody = () => ({
  address: z.optional(text(200)),
  creditCode: creditCode(),
  pages: z.optional(PageRefs),
  legalRep: z.optional(Person),
  contact: z.optional(Person),
});

/** 一、基本情况: the school. */
const School = z.strictObject({
  name: z.optional(text(100)),
  affiliation: z.optional(text(100)),
  founded: partialDate(),
  nature: z.optional(z.enum(SCHOOL_NATURES, M.badChoice(SCHOOL_NATURES))),
  ...registeredBody(),
});

/** 一、基本情况: 实训中心合作企业（1）/（2）. `titles` are the call's listed titles the company holds. */
const Partner = z.strictObject({
  name: z.optional(text(100)),
  titles: rows(text(60), 20),
  honours: z.optional(text(500)),
  founded: partialDate(),
  nature: z.optional(text(50)),
  ...registeredBody(),
});

const Basic = z.strictObject({
  /** 申报实训中心名称: "河南省职业教育高水平专业化产教融合实训中心建设（XX专业）" */
  centreName: z.optional(text(100)),
  level: z.optional(z.enum(LEVELS, M.badChoice(LEVELS))),
  /** 申报专业, named as in the catalog; its 专业大类 decides the engineering thresholds. */
  major: z.optional(text(50)),
  servedMajorGroup: z.optional(text(100)),
  school: z.optional(School),
  partners: rows(Partner, 2, M.tooManyPartners),
});

/** 二、申报条件: 实训中心合作企业（n）情况. */
const PartnerSituation = z.strictObject({
  pages: z.optional(PageRefs),
  industryEducationEnterprise: yesNo(),
  industryLeader: yesNo(),
  specialisedTitle: yesNo(),
  cooperationSince: partialDate(),
  content: z.optional(text(2000)),
  results: z.optional(text(2000)),
});

const Conditions = z.strictObject({
  pages: z.optional(PageRefs),
  schoolFullTimeStudents: count(),
  appliedMajorStudents: count(),
  groupMajors: rows(
    z.strictObject({ name: z.optional(text(50)), students: count() }),
    5,
    M.tooManyGroupMajors,
  ),
  initialEmploymentRate: percent(),
  matchedEmploymentRate: percent(),
  partners: rows(PartnerSituation, 2, M.tooManyPartners),
});

/** 现有实训中心基础情况. Money in 万元, rates in %. */
const Centre = z.strictObject({
  pages: z.optional(PageRefs),
  buildingAreaM2: amount(),
  workstations: count(),
  simulationRooms: count(),
  digitalResourcesTB: amount(),
  equipmentValue: amount(),
  equipmentUnits: count(),
  trainingProjects: count(),
  openingRate: percent(),
  teachingTeam: count(),
  doubleQualifiedRatio: percent(),
  seniorTitleRatio: percent(),
  fullTimeManagers: count(),
  managementRules: count(),
  trainingGuides: count(),
  studentsPerYear: count(),
  certificateTrainees: count(),
  serviceIncome: amount(),
  provincialProjects: count(),
});

/** 获奖等级: the levels a prize can have; the call lists which count. */
export const AWARD_LEVELS = [
  "国家级一等奖",
  "国家级二等奖",
  "国家级三等奖",
  "国家级优秀奖",
  "省级一等奖",
  "省级二等奖",
  "省级三等奖",
  "其他",
] as const;

const Competitions = z.strictObject({
  pages: z.optional(PageRefs),
  awards: rows(
    z.strictObject({
      year,
      level: z.optional(z.enum(AWARD_LEVELS, M.badChoice(AWARD_LEVELS))),
      major: z.optional(text(50)),
      event: z.optional(text(100)),
    }),
    100,
  ),
});

const OnePlusX = z.strictObject({
  pages: z.optional(PageRefs),
  assigned: count(),
  certified: count(),
  related: rows(
    z.strictObject({ certificate: z.optional(text(100)), holders: count(), pages: z.optional(PageRefs) }),
    20,
  ),
});

const Task = z.strictObject({ assigned: count(), completed: count() });
const SkillsForAll = z.strictObject({
  pages: z.optional(PageRefs),
  training: z.optional(Task),
  certification: z.optional(Task),
  seniorCertification: z.optional(Task),
});

const YearKey = z.string().check(z.regex(/^\d{4}$/, M.badYear));

const SocialTraining = z.strictObject({
  pages: z.optional(PageRefs),
  perYear: z.optional(z.record(YearKey, figure({ integer: true }))),
});

const FundingYear = z.strictObject({
  fiscal: amount(),
  operatingIncome: amount(),
  enterprise: amount(),
  donation: amount(),
});
const Funding = z.strictObject({ years: z.optional(z.record(YearKey, FundingYear)) });

const PlanYear = z.strictObject({
  localFiscal: amount(),
  schoolOwn: amount(),
  enterprise: amount(),
  donation: amount(),
});
const Plan = z.strictObject({
  investment: z.optional(z.record(YearKey, PlanYear)),
  expectedResults: z.optional(text(3000)),
});

/** What the notice's conditions ask and 附件1 has no field for. */
const Supplement = z.strictObject({
  pages: z.optional(PageRefs),
  coreMajorYears: count(),
  coreMajorContinuousEnrolment: yesNo(),
  coreMajorGraduatedCohorts: count(),
  provincialKeyGroup: yesNo(),
  usableAreaM2: amount(),
  jointTrainingAgreements: rows(
    z.strictObject({ organisation: z.optional(text(100)), graduatedCohorts: count() }),
    50,
  ),
  teachingCommittee: yesNo(),
  leaders: rows(z.strictObject({ name: z.optional(text(30)), enterpriseYears: amount() }), 20),
  coreTeachers: count(),
  enterpriseCoreTeachers: count(),
  instructorSeniorWorkerRatio: percent(),
  enterpriseTeachingShare: percent(),
  hostedCompetition: yesNo(),
});

export const ApplicationForm = z.strictObject({
  basic: z.optional(Basic),
  conditions: z.optional(Conditions),
  centre: z.optional(Centre),
  competitions: z.optional(Competitions),
  onePlusX: z.optional(OnePlusX),
  skillsForAll: z.optional(SkillsForAll),
  socialTraining: z.optional(SocialTraining),
  funding: z.optional(Funding),
  plan: z.optional(Plan),
  supplement: z.optional(Supplement),
});

/** The form as stored: normalised. */
export type ApplicationForm = z.output<typeof ApplicationForm>;
/** The form as typed by a school or an operator. */
export type ApplicationFormInput = z.input<typeof ApplicationForm>;
