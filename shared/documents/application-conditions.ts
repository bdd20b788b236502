import type { Table } from "docx";
import type { ApplicationForm } from "../application/form.ts";
import { APPLICATION_LABELS as L, APPLICATION_TEXT as T } from "../messages/documents.ts";
import { type CellInput, formTable } from "./docx-kit.ts";
import { fig, pages, partialDate, sum, yearsOf, yesNo } from "./format.ts";

// label | sub-label | value | 佐证材料页码
const WIDTHS = [30, 26, 24, 20];
const GROUP_MAJOR_ROWS = 5;
const AWARD_ROWS = 6;
const CERTIFICATE_ROWS = 5;
const SOCIAL_YEARS = ["2021", "2022", "2023"];
const FUNDING_YEARS = ["2021", "2022", "2023"];

const left = (text: string, span = 1): CellInput => ({ text, span, align: "left" });
const head = (text: string, span = 1): CellInput => ({ text, span, bold: true });
const pageCell = (list: readonly number[] | undefined, rowSpan: number): CellInput => ({
  text: pages(list),
  rowSpan,
});

/** 全日制在校生规模 and the employment rates. */
function studentRows(form: ApplicationForm): CellInput[][] {
  const c = form.conditions;
  const majors = c?.groupMajors ?? [];
  const count = Math.max(GROUP_MAJOR_ROWS, majors.length);
  const rows: CellInput[][] = [
    [head(L.students, 3), head(T.pagesHead)],
    [
      L.studentsSchool,
      { text: fig(c?.schoolFullTimeStudents, L.personUnit), span: 2 },
      pageCell(c?.pages, count + 4),
    ],
    [L.appliedMajor, form.basic?.major ?? "", fig(c?.appliedMajorStudents, L.personUnit)],
  ];
  for (let i = 0; i < count; i++) {
    const major = majors[i];
    rows.push([
      ...(i === 0 ? [{ text: L.groupMajors, rowSpan: count }] : []),
      left(major?.name ? `${i + 1}. ${major.name}` : `${i + 1}.`),
      fig(major?.students, L.personUnit),
    ]);
  }
  rows.push([L.initialEmployment, { text: fig(c?.initialEmploymentRate, "%"), span: 2 }]);
  rows.push([L.matchedEmployment, { text: fig(c?.matchedEmploymentRate, "%"), span: 2 }]);
  return rows;
}

function partnerRows(form: ApplicationForm, index: number): CellInput[][] {
  const p = form.conditions?.partners?.[index];
  return [
    [head(L.partnerSituation(index + 1), 3), head(T.pagesHead)],
    [{ text: L.industryEducation, span: 2 }, yesNo(p?.industryEducationEnterprise), pageCell(p?.pages, 6)],
    [{ text: L.industryLeader, span: 2 }, yesNo(p?.industryLeader)],
    [{ text: L.specialised, span: 2 }, yesNo(p?.specialisedTitle)],
    [{ text: L.cooperationSince, span: 2 }, partialDate(p?.cooperationSince)],
    [L.content, left(p?.content ?? "", 2)],
    [L.results, left(p?.results ?? "", 2)],
  ];
}

type Centre = NonNullable<ApplicationForm["centre"]>;

function centreRows(form: ApplicationForm): CellInput[][] {
  const c: Centre = form.centre ?? {};
  const rows: CellInput[][] = [[head(L.centre, 3), head(T.pagesHead)]];
  L.centreRows.forEach(([key, label, unit], i) => {
    const value =
      key === "ratios"
        ? c.doubleQualifiedRatio === undefined && c.seniorTitleRatio === undefined
          ? ""
          : `${fig(c.doubleQualifiedRatio, unit)} / ${fig(c.seniorTitleRatio, unit)}`
        : fig(c[key as keyof Centre] as number | undefined, unit);
    rows.push([
      { text: label, span: 2 },
      value,
      ...(i === 0 ? [pageCell(c.pages, L.centreRows.length)] : []),
    ]);
  });
  return rows;
}

function competitionRows(form: ApplicationForm): CellInput[][] {
  const awards = form.competitions?.awards ?? [];
  const count = Math.max(AWARD_ROWS, awards.length);
  const rows: CellInput[][] = [
    [head(L.competitions, 3), head(L.competitionsPages)],
    [head(L.year), head(L.awardLevel), head(L.awardMajor), pageCell(form.competitions?.pages, count + 1)],
  ];
  for (let i = 0; i < count; i++) {
    const a = awards[i];
    const level = a?.level ? `${a.level}${a.event ? `（${a.event}）` : ""}` : (a?.event ?? "");
    rows.push([a?.year === undefined ? "" : `${a.year}${L.yearSuffix}`, level, a?.major ?? ""]);
  }
  return rows;
}

function onePlusXRows(form: ApplicationForm): CellInput[][] {
  const o = form.onePlusX;
  const related = o?.related ?? [];
  const count = Math.max(CERTIFICATE_ROWS, related.length);
  const rows: CellInput[][] = [
    [head(L.onePlusX, 3), head(T.pagesHead)],
    [
      { text: L.studentsSchool, rowSpan: 2 },
      L.assigned,
      fig(o?.assigned, L.personUnit),
      pageCell(o?.pages, 2),
    ],
    [L.certified, fig(o?.certified, L.personUnit)],
    [{ text: L.related, rowSpan: count + 1 }, head(L.certificate), head(L.holders), head(T.pagesHead)],
  ];
  for (let i = 0; i < count; i++) {
    const r = related[i];
    rows.push([left(r?.certificate ?? ""), fig(r?.holders, L.personUnit), pages(r?.pages)]);
  }
  return rows;
}

function skillsRows(form: ApplicationForm): CellInput[][] {
  const s = form.skillsForAll;
  const rows: CellInput[][] = [
    [head(L.skills, 4)],
    [head(L.taskKind), head(L.taskAssigned), head(L.taskCompleted), head(T.pagesHead)],
  ];
  L.tasks.forEach(([key, label, unit], i) => {
    const task = s?.[key as "training"];
    rows.push([
      label,
      fig(task?.assigned, unit),
      fig(task?.completed, unit),
      ...(i === 0 ? [pageCell(s?.pages, L.tasks.length)] : []),
    ]);
  });
  return rows;
}

function socialRows(form: ApplicationForm): CellInput[][] {
  const t = form.socialTraining;
  const years = yearsOf(SOCIAL_YEARS, t?.perYear);
  const rows: CellInput[][] = [[head(L.social, 3), head(T.pagesHead)]];
  years.forEach((year, i) => {
    rows.push([
      `${year}${L.yearSuffix}`,
      { text: fig(t?.perYear?.[year], L.timesUnit), span: 2 },
      ...(i === 0 ? [pageCell(t?.pages, years.length)] : []),
    ]);
  });
  return rows;
}

function fundingRows(form: ApplicationForm): CellInput[][] {
  const perYear = form.funding?.years;
  const years = yearsOf(FUNDING_YEARS, perYear);
  const rows: CellInput[][] = [
    [head(L.funding, 4)],
    [head(L.year), head(L.channel), head(L.amount), head(L.total)],
  ];
  for (const year of years) {
    const y = perYear?.[year];
    const total = sum(L.fundingChannels.map(([key]) => y?.[key as "fiscal"]));
    L.fundingChannels.forEach(([key, label], i) => {
      rows.push([
        ...(i === 0 ? [{ text: `${year}${L.yearSuffix}`, rowSpan: L.fundingChannels.length }] : []),
        label,
        fig(y?.[key as "fiscal"]),
        ...(i === 0 ? [{ text: fig(total), rowSpan: L.fundingChannels.length }] : []),
      ]);
    });
  }
  return rows;
}

/** 二、申报条件: every table of the section, one after the other in one grid. */
export function conditionsTable(form: ApplicationForm): Table {
  return formTable(WIDTHS, [
    ...studentRows(form),
    ...partnerRows(form, 0),
    ...partnerRows(form, 1),
    ...centreRows(form),
    ...competitionRows(form),
    ...onePlusXRows(form),
    ...skillsRows(form),
    ...socialRows(form),
    ...fundingRows(form),
  ]);
}
