import { z } from "zod";
import { checkCreditCode } from "../checks/credit-code.ts";
import { FORM_MESSAGES as M } from "../messages/form.ts";
import { parseFigure } from "./figures.ts";
import { parsePageRefs } from "./page-refs.ts";

/**
 * The 申报书 (通知附件1) as data: one zod schema for the server, the CLI and the upload page. Every field is
 * optional, so a school may save a draft at any time; `missingFields` (form-complete.ts) lists what a finished form
 * still needs. Input is forgiving (figures as "15,000" or "1.5万", page references as "第12-14页", full-width
 * characters); the parsed form is normalised. The `supplement` section holds what the notice's conditions ask and
 * 附件1 has no field for (see docs/prescreen.md).
 */

const text = (max: number) => z.string().trim().max(max, M.tooLong(max));

/** A page reference as typed, stored as sorted unique page numbers. */
export const PageRefs = z.union([z.string(), z.number(), z.array(z.number())]).transform((input, ctx) => {
  const parsed = parsePageRefs(input);
  if (parsed.ok) return parsed.pages;
  ctx.addIssue({ code: "custom", message: M.pageRef(parsed.problem) });
  return z.NEVER;
});

/** A non-negative figure as typed; `integer` for counts of people and things. */
function figure(options: { integer?: boolean; percent?: boolean } = {}) {
  return z.union([z.number(), z.string()]).transform((input, ctx) => {
    const value = parseFigure(input);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: M.notANumber });
      return z.NEVER;
    }
    if (value < 0) {
      ctx.addIssue({ code: "custom", message: M.negative });
      return z.NEVER;
    }
    if (options.integer && !Number.isInteger(value)) {
      ctx.addIssue({ code: "custom", message: M.notAnInteger });
      return z.NEVER;
    }
    if (options.percent && value > 100) {
      ctx.addIssue({ code: "custom", message: M.percentOutOfRange });
      return z.NEVER;
    }
    return value;
  });
}
const count = () => figure({ integer: true }).optional();
const amount = () => figure().optional();
const percent = () => figure({ percent: true }).optional();

const YES = new Set(["是", "yes", "y", "true", "1", "有"]);
const NO = new Set(["否", "no", "n", "false", "0", "无"]);
const yesNo = () =>
  z
    .union([z.boolean(), z.string()])
    .transform((input, ctx) => {
      if (typeof input === "boolean") return input;
      const t = input.normalize("NFKC").trim().toLowerCase();
      if (YES.has(t)) return true;
      if (NO.has(t)) return false;
      ctx.addIssue({ code: "custom", message: M.notYesNo });
      return z.NEVER;
    })
    .optional();

const DATE = /^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?)?年?$/u;
/** 建校时间 / 成立时间 / 开始合作时间: a year, a month or a day, stored as "2010", "2010-09" or "2010-09-01". */
const partialDate = () =>
  z
    .union([z.string(), z.number()])
    .transform((input, ctx) => {
      const m = DATE.exec(String(input).normalize("NFKC").replace(/\s/g, ""));
      const month = m?.[2] === undefined ? undefined : Number(m[2]);
      const day = m?.[3] === undefined ? undefined : Number(m[3]);
      if (
        !m ||
        (month !== undefined && (month < 1 || month > 12)) ||
        (day !== undefined && (day < 1 || day > 31))
      ) {
        ctx.addIssue({ code: "custom", message: M.badDate });
        return z.NEVER;
      }
      const pad = (n: number) => String(n).padStart(2, "0");
      return [m[1], month && pad(month), day && pad(day)].filter(Boolean).join("-");
    })
    .optional();

const year = z
  .union([z.string(), z.number()])
  .transform((input, ctx) => {
    const t = String(input)
      .normalize("NFKC")
      .trim()
      .replace(/年(度)?$/u, "");
    if (!/^\d{4}$/.test(t)) {
      ctx.addIssue({ code: "custom", message: M.badYear });
      return z.NEVER;
    }
    return Number(t);
  })
  .optional();

const creditCode = () =>
  z
    .string()
    .transform((input, ctx) => {
      const check = checkCreditCode(input);
      if (check.ok) return check.code;
      ctx.addIssue({
        code: "custom",
        message:
          check.reason === "format"
            ? M.creditCodeFormat(check.code)
            : M.creditCodeCheck(check.code, check.expectedCharacter),
      });
      return z.NEVER;
    })
    .optional();

const phone = () =>
  z
    .string()
    .transform((input, ctx) => {
      const t = input.normalize("NFKC").replace(/[\s()（）]/g, "");
      if (!/^\+?[\d-]{7,20}(转\d{1,6})?$/u.test(t)) {
        ctx.addIssue({ code: "custom", message: M.badPhone });
        return z.NEVER;
      }
      return t;
    })
    .optional();

const email = () => z.string().trim().email(M.badEmail).optional();

const Person = z
  .object({
    name: text(30).optional(),
    title: text(50).optional(),
    officePhone: phone(),
    fax: phone(),
    mobile: phone(),
    email: email(),
  })
  .strict();

export const SCHOOL_NATURES = ["公办", "民办"] as const;
export const LEVELS = ["专科", "本科"] as const;

/** What the form asks of the school and of each partner company alike, after their own fields. */
const registeredBody = () => ({
  address: text(200).optional(),
  creditCode: creditCode(),
  pages: PageRefs.optional(),
  legalRep: Person.optional(),
  contact: Person.optional(),
});

/** 一、基本情况: the school. */
const School = z
  .object({
    name: text(100).optional(),
    affiliation: text(100).optional(),
    founded: partialDate(),
    nature: z.enum(SCHOOL_NATURES, M.badChoice(SCHOOL_NATURES)).optional(),
    ...registeredBody(),
  })
  .strict();

/** 一、基本情况: 实训中心合作企业（1）/（2）. `titles` are the call's listed titles the company holds. */
const Partner = z
  .object({
    name: text(100).optional(),
    titles: z.array(text(60)).max(20).optional(),
    honours: text(500).optional(),
    founded: partialDate(),
    nature: text(50).optional(),
    ...registeredBody(),
  })
  .strict();

const Basic = z
  .object({
    /** 申报实训中心名称: "河南省职业教育高水平专业化产教融合实训中心建设（XX专业）" */
    centreName: text(100).optional(),
    level: z.enum(LEVELS, M.badChoice(LEVELS)).optional(),
    /** 申报专业, named as in the catalog; its 专业大类 decides the engineering thresholds. */
    major: text(50).optional(),
    servedMajorGroup: text(100).optional(),
    school: School.optional(),
    partners: z.array(Partner).max(2, M.tooManyPartners).optional(),
  })
  .strict();

/** 二、申报条件: 实训中心合作企业（n）情况. */
const PartnerSituation = z
  .object({
    pages: PageRefs.optional(),
    industryEducationEnterprise: yesNo(),
    industryLeader: yesNo(),
    specialisedTitle: yesNo(),
    cooperationSince: partialDate(),
    content: text(2000).optional(),
    results: text(2000).optional(),
  })
  .strict();

const Conditions = z
  .object({
    pages: PageRefs.optional(),
    schoolFullTimeStudents: count(),
    appliedMajorStudents: count(),
    groupMajors: z
      .array(z.object({ name: text(50).optional(), students: count() }).strict())
      .max(5, M.tooManyGroupMajors)
      .optional(),
    initialEmploymentRate: percent(),
    matchedEmploymentRate: percent(),
    partners: z.array(PartnerSituation).max(2, M.tooManyPartners).optional(),
  })
  .strict();

/** 现有实训中心基础情况. Money in 万元, rates in %. */
const Centre = z
  .object({
    pages: PageRefs.optional(),
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
  })
  .strict();

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

const Competitions = z
  .object({
    pages: PageRefs.optional(),
    awards: z
      .array(
        z
          .object({
            year,
            level: z.enum(AWARD_LEVELS, M.badChoice(AWARD_LEVELS)).optional(),
            major: text(50).optional(),
            event: text(100).optional(),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict();

const OnePlusX = z
  .object({
    pages: PageRefs.optional(),
    assigned: count(),
    certified: count(),
    related: z
      .array(
        z
          .object({ certificate: text(100).optional(), holders: count(), pages: PageRefs.optional() })
          .strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();

const Task = z.object({ assigned: count(), completed: count() }).strict();
const SkillsForAll = z
  .object({
    pages: PageRefs.optional(),
    training: Task.optional(),
    certification: Task.optional(),
    seniorCertification: Task.optional(),
  })
  .strict();

const YearKey = z.string().regex(/^\d{4}$/, M.badYear);

const SocialTraining = z
  .object({ pages: PageRefs.optional(), perYear: z.record(YearKey, figure({ integer: true })).optional() })
  .strict();

const FundingYear = z
  .object({ fiscal: amount(), operatingIncome: amount(), enterprise: amount(), donation: amount() })
  .strict();
const Funding = z.object({ years: z.record(YearKey, FundingYear).optional() }).strict();

const PlanYear = z
  .object({ localFiscal: amount(), schoolOwn: amount(), enterprise: amount(), donation: amount() })
  .strict();
const Plan = z
  .object({ investment: z.record(YearKey, PlanYear).optional(), expectedResults: text(3000).optional() })
  .strict();

/** What the notice's conditions ask and 附件1 has no field for. */
const Supplement = z
  .object({
    pages: PageRefs.optional(),
    coreMajorYears: count(),
    coreMajorContinuousEnrolment: yesNo(),
    coreMajorGraduatedCohorts: count(),
    provincialKeyGroup: yesNo(),
    usableAreaM2: amount(),
    jointTrainingAgreements: z
      .array(z.object({ organisation: text(100).optional(), graduatedCohorts: count() }).strict())
      .max(50)
      .optional(),
    teachingCommittee: yesNo(),
    leaders: z
      .array(z.object({ name: text(30).optional(), enterpriseYears: amount() }).strict())
      .max(20)
      .optional(),
    coreTeachers: count(),
    enterpriseCoreTeachers: count(),
    instructorSeniorWorkerRatio: percent(),
    enterpriseTeachingShare: percent(),
    hostedCompetition: yesNo(),
  })
  .strict();

export const ApplicationForm = z
  .object({
    basic: Basic.optional(),
    conditions: Conditions.optional(),
    centre: Centre.optional(),
    competitions: Competitions.optional(),
    onePlusX: OnePlusX.optional(),
    skillsForAll: SkillsForAll.optional(),
    socialTraining: SocialTraining.optional(),
    funding: Funding.optional(),
    plan: Plan.optional(),
    supplement: Supplement.optional(),
  })
  .strict();

/** The form as stored: normalised. */
export type ApplicationForm = z.output<typeof ApplicationForm>;
/** The form as typed by a school or an operator. */
export type ApplicationFormInput = z.input<typeof ApplicationForm>;
