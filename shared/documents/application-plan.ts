import type { Table } from "docx";
import type { ApplicationForm } from "../application/form.ts";
import { APPLICATION_LABELS as L, APPLICATION_TEXT as T } from "../messages/documents.ts";
import { type CellInput, formTable } from "./docx-kit.ts";
import { fig, sum, yearsOf } from "./format.ts";

const PLAN_YEARS = ["2024", "2025"];
type PlanYear = NonNullable<NonNullable<NonNullable<ApplicationForm["plan"]>["investment"]>[string]>;
type PlanKey = keyof PlanYear;

/** The 投入计划 as figures: per channel and year, with row and column totals where anything was entered. */
export function investmentGrid(form: ApplicationForm): {
  years: string[];
  rows: { label: string; values: (number | undefined)[]; total: number | undefined }[];
} {
  const investment = form.plan?.investment;
  const years = yearsOf(PLAN_YEARS, investment);
  const rows = L.planChannels.map(([key, label]) => {
    const values = years.map((y) => investment?.[y]?.[key as PlanKey]);
    return { label: label as string, values, total: sum(values) };
  });
  const totals = years.map((_, i) => sum(rows.map((r) => r.values[i])));
  return { years, rows: [...rows, { label: L.total, values: totals, total: sum(totals) }] };
}

/** 投入计划 as a table of its own (the 建设方案 repeats it). */
export function investmentRows(form: ApplicationForm, leading: CellInput[] = []): CellInput[][] {
  const grid = investmentGrid(form);
  return [
    [
      ...leading,
      { text: L.channel, bold: true },
      ...grid.years.map((y) => ({ text: `${y}${L.yearSuffix}`, bold: true })),
      { text: L.total, bold: true },
    ],
    ...grid.rows.map((r) => [r.label, ...r.values.map((v) => fig(v)), fig(r.total)]),
  ];
}

/** 三、建设规划: the 投入计划 (万元) and the 预期成效. */
export function planTable(form: ApplicationForm): Table {
  const grid = investmentGrid(form);
  const columns = grid.years.length + 2;
  const rows = investmentRows(form, [{ text: L.planInvestment, rowSpan: grid.rows.length + 1 }]);
  return formTable(
    [12, 22, ...grid.years.map(() => 66 / (grid.years.length + 1)), 66 / (grid.years.length + 1)],
    [...rows, [L.expected, { text: form.plan?.expectedResults ?? "", span: columns, align: "left" }]],
  );
}

/** 四、推荐意见: four blank opinions with their signature, seal and date lines. */
export function opinionTable(): Table {
  const blank = ["", "", "", ""];
  const signed = [
    ...blank,
    `${L.signature}                    ${L.seal}`,
    `                    ${T.dateLine}`,
  ];
  const partners = [
    ...blank,
    `${L.partnerSignature(1)}          ${L.partnerSignature(2)}`,
    `${L.seal}                              ${L.seal}`,
    `                    ${T.dateLine}`,
  ];
  return formTable(
    [22, 78],
    L.opinions.map((label, i) => [label, { text: i === 1 ? partners : signed, align: "left" }]),
  );
}
