import { AWARD_LEVELS, LEVELS, SCHOOL_NATURES } from "../../shared/application/form.ts";
import { FORM_YEARS } from "../../shared/application/form-complete.ts";
import {
  type FORM_SECTION_LABELS,
  FUNDING_ROUTE_LABELS,
  PLAN_ROUTE_LABELS,
} from "../../shared/messages/form.ts";

/**
 * The 申报书 form as the page lays it out: sections of fields, each field a path of the shared schema
 * (shared/application/form.ts) and the kind of control it needs. Labels come from the form's own messages.
 */

export type FieldKind =
  | "text"
  | "textarea"
  | "figure"
  | "percent"
  | "money"
  | "pages"
  | "yesno"
  | "date"
  | "year";

export interface FieldSpec {
  /** Path in the form; inside a row list, relative to the row ("year"). */
  path: string;
  kind: FieldKind;
  choices?: readonly string[];
  /** Hint key of WEB_FORM_TEXT.hints, when the field needs more than its kind's. */
  hint?: "major";
}

/** A list the school adds rows to (awards, certificates): each row has the same fields. */
export interface RowsSpec {
  rows: string;
  fields: FieldSpec[];
  max: number;
}

/** A checkbox group of the call's listed titles, per partner. */
export interface TitlesSpec {
  titles: string;
}

/** A table of figures per year (经费投入 2021–2023). */
export interface YearTableSpec {
  table: string;
  years: readonly string[];
  /** Route keys and labels of the columns; none for one figure per year. */
  routes?: Record<string, string>;
  kind: FieldKind;
}

export type Item = FieldSpec | RowsSpec | TitlesSpec | YearTableSpec | { group: string; items: Item[] };

export interface SectionSpec {
  id: keyof typeof FORM_SECTION_LABELS;
  items: Item[];
}

const f = (path: string, kind: FieldKind = "text", choices?: readonly string[]): FieldSpec =>
  choices ? { path, kind, choices } : { path, kind };

function person(prefix: string, withContactFields: boolean): FieldSpec[] {
  const keys = withContactFields ? ["name", "title", "officePhone", "fax", "mobile", "email"] : ["name"];
  return keys.map((k) => f(`${prefix}.${k}`));
}

/** The two partner slots of 附件1. */
export const PARTNER_SLOTS = [0, 1] as const;

function partnerBasic(i: number): Item {
  const p = `basic.partners.${i}`;
  return {
    group: `partner-${i}`,
    items: [
      f(`${p}.name`),
      { titles: `${p}.titles` },
      f(`${p}.honours`, "textarea"),
      f(`${p}.founded`, "date"),
      f(`${p}.nature`),
      f(`${p}.address`),
      f(`${p}.creditCode`),
      ...person(`${p}.legalRep`, false),
      ...person(`${p}.contact`, true),
      f(`${p}.pages`, "pages"),
    ],
  };
}

function partnerConditions(i: number): Item {
  const p = `conditions.partners.${i}`;
  return {
    group: `partner-${i}`,
    items: [
      f(`${p}.industryEducationEnterprise`, "yesno"),
      f(`${p}.industryLeader`, "yesno"),
      f(`${p}.specialisedTitle`, "yesno"),
      f(`${p}.cooperationSince`, "date"),
      f(`${p}.content`, "textarea"),
      f(`${p}.results`, "textarea"),
      f(`${p}.pages`, "pages"),
    ],
  };
}

export const FORM_SECTIONS: readonly SectionSpec[] = [
  {
    id: "basic",
    items: [
      f("basic.centreName"),
      f("basic.level", "text", LEVELS),
      { ...f("basic.major"), hint: "major" },
      f("basic.servedMajorGroup"),
      {
        group: "school",
        items: [
          f("basic.school.name"),
          f("basic.school.affiliation"),
          f("basic.school.founded", "date"),
          f("basic.school.nature", "text", SCHOOL_NATURES),
          f("basic.school.address"),
          f("basic.school.creditCode"),
          ...person("basic.school.legalRep", false),
          ...person("basic.school.contact", true),
          f("basic.school.pages", "pages"),
        ],
      },
      ...PARTNER_SLOTS.map(partnerBasic),
    ],
  },
  {
    id: "conditions",
    items: [
      f("conditions.schoolFullTimeStudents", "figure"),
      f("conditions.appliedMajorStudents", "figure"),
      ...[0, 1, 2, 3, 4].map(
        (i): Item => ({
          group: `group-major-${i}`,
          items: [f(`conditions.groupMajors.${i}.name`), f(`conditions.groupMajors.${i}.students`, "figure")],
        }),
      ),
      f("conditions.initialEmploymentRate", "percent"),
      f("conditions.matchedEmploymentRate", "percent"),
      f("conditions.pages", "pages"),
      ...PARTNER_SLOTS.map(partnerConditions),
    ],
  },
  {
    id: "centre",
    items: [
      ...(
        [
          ["buildingAreaM2", "figure"],
          ["workstations", "figure"],
          ["simulationRooms", "figure"],
          ["digitalResourcesTB", "figure"],
          ["equipmentValue", "money"],
          ["equipmentUnits", "figure"],
          ["trainingProjects", "figure"],
          ["openingRate", "percent"],
          ["teachingTeam", "figure"],
          ["doubleQualifiedRatio", "percent"],
          ["seniorTitleRatio", "percent"],
          ["fullTimeManagers", "figure"],
          ["managementRules", "figure"],
          ["trainingGuides", "figure"],
          ["studentsPerYear", "figure"],
          ["certificateTrainees", "figure"],
          ["serviceIncome", "money"],
          ["provincialProjects", "figure"],
        ] as const
      ).map(([key, kind]) => f(`centre.${key}`, kind)),
      f("centre.pages", "pages"),
    ],
  },
  {
    id: "competitions",
    items: [
      {
        rows: "competitions.awards",
        max: 100,
        fields: [f("year", "year"), f("level", "text", AWARD_LEVELS), f("major"), f("event")],
      },
      f("competitions.pages", "pages"),
    ],
  },
  {
    id: "onePlusX",
    items: [
      f("onePlusX.assigned", "figure"),
      f("onePlusX.certified", "figure"),
      {
        rows: "onePlusX.related",
        max: 20,
        fields: [f("certificate"), f("holders", "figure"), f("pages", "pages")],
      },
      f("onePlusX.pages", "pages"),
    ],
  },
  {
    id: "skillsForAll",
    items: [
      ...["training", "certification", "seniorCertification"].flatMap((task) => [
        f(`skillsForAll.${task}.assigned`, "figure"),
        f(`skillsForAll.${task}.completed`, "figure"),
      ]),
      f("skillsForAll.pages", "pages"),
    ],
  },
  {
    id: "socialTraining",
    items: [
      { table: "socialTraining.perYear", years: FORM_YEARS.socialTraining, kind: "figure" },
      f("socialTraining.pages", "pages"),
    ],
  },
  {
    id: "funding",
    items: [
      { table: "funding.years", years: FORM_YEARS.funding, routes: FUNDING_ROUTE_LABELS, kind: "money" },
    ],
  },
  {
    id: "plan",
    items: [
      { table: "plan.investment", years: FORM_YEARS.plan, routes: PLAN_ROUTE_LABELS, kind: "money" },
      f("plan.expectedResults", "textarea"),
    ],
  },
  {
    id: "supplement",
    items: [
      f("supplement.coreMajorYears", "figure"),
      f("supplement.coreMajorContinuousEnrolment", "yesno"),
      f("supplement.coreMajorGraduatedCohorts", "figure"),
      f("supplement.provincialKeyGroup", "yesno"),
      f("supplement.usableAreaM2", "figure"),
      {
        rows: "supplement.jointTrainingAgreements",
        max: 50,
        fields: [f("organisation"), f("graduatedCohorts", "figure")],
      },
      f("supplement.teachingCommittee", "yesno"),
      { rows: "supplement.leaders", max: 20, fields: [f("name"), f("enterpriseYears", "figure")] },
      f("supplement.coreTeachers", "figure"),
      f("supplement.enterpriseCoreTeachers", "figure"),
      f("supplement.instructorSeniorWorkerRatio", "percent"),
      f("supplement.enterpriseTeachingShare", "percent"),
      f("supplement.hostedCompetition", "yesno"),
      f("supplement.pages", "pages"),
    ],
  },
];

/** Lists in the form whose elements are addressed by index ("basic.partners.1.name"); the rest are keyed objects. */
export const ARRAY_PATHS: ReadonlySet<string> = new Set([
  "basic.partners",
  "conditions.partners",
  "conditions.groupMajors",
  "competitions.awards",
  "onePlusX.related",
  "supplement.jointTrainingAgreements",
  "supplement.leaders",
]);

/** Lists of fixed slots on 附件1 (two partners, five group majors): the slots keep their place, only the tail is cut. */
export const SLOT_PATHS: ReadonlySet<string> = new Set([
  "basic.partners",
  "conditions.partners",
  "conditions.groupMajors",
]);

/** Every row list of the form. */
export const ROW_LISTS: readonly RowsSpec[] = FORM_SECTIONS.flatMap((s) => s.items).filter(
  (i): i is RowsSpec => "rows" in i,
);
