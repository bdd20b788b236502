import type { Eligibility } from "../call/eligibility.ts";
import { PRESCREEN_EXPORT_TEXT as T } from "../messages/prescreen-export.ts";
import { bySchoolName } from "../summary/summary-rows.ts";
import type { ConditionResult, Outcome, PrescreenResult, Tri } from "./types.ts";

/**
 * The reviewers' 资格初审表 as cells: one row per school (pinyin order, as the summary), one column per condition of
 * the call (titles from its eligibility data, so another call's conditions need no code), the overall verdict, and
 * an index of every cited page. Each cited page links to the school's evidence PDF in the bundle at that page
 * (`佐证材料/<official name>.pdf#page=N`). Pure: the workbook and the CSV render these cells.
 */

export interface PrescreenSource {
  schoolId: string;
  schoolName: string;
  major?: string;
  /** Undefined when the school has not filled its 申报书 yet. */
  result?: PrescreenResult;
  /** The school's current accepted evidence PDF inside the bundle, "/"-separated; undefined when none. */
  evidencePath?: string;
}

export interface CellLink {
  /** Relative to the workbook: "佐证材料/….pdf#page=12". */
  target: string;
  tooltip: string;
}

export interface TableCell {
  value: string | number;
  /** The colour of the cell: a condition's status (or an overall verdict mapped onto one). */
  status?: Outcome;
  link?: CellLink;
}

export interface PrescreenTable {
  headers: string[];
  /** How many leading columns identify the school (frozen beside the conditions). */
  keyColumns: number;
  /** Indexes (0-based) of the condition columns. */
  conditionColumns: number[];
  rows: TableCell[][];
  /** The index sheet: every cited page of every school, one link per page. */
  pageHeaders: string[];
  pageRows: TableCell[][];
}

const TRI_STATUS: Record<Tri, Outcome> = { yes: "met", no: "not-met", incomplete: "incomplete" };

export function pageLink(evidencePath: string, page: number): CellLink {
  return { target: `${evidencePath}#page=${page}`, tooltip: T.linkTooltip(page) };
}

export function prescreenTable(
  sources: readonly PrescreenSource[],
  eligibility: Pick<Eligibility, "conditions" | "rule">,
): PrescreenTable {
  const sorted = [...sources].sort((a, b) =>
    bySchoolName({ name: a.schoolName, schoolId: a.schoolId }, { name: b.schoolName, schoolId: b.schoolId }),
  );
  const { rule } = eligibility;
  const headers = [
    T.headIndex,
    T.headSchool,
    T.headMajor,
    ...eligibility.conditions.map((c) => T.condition(c.number, c.title, c.mandatory)),
    T.headBasic(rule.mandatory),
    T.headOptional(rule.optional.from, rule.optional.atLeast),
    T.headRule,
    T.headExpert,
    T.headEvidence,
    T.headEvidenceFile,
  ];
  const keyColumns = 3;
  const conditionColumns = eligibility.conditions.map((_, i) => keyColumns + i);
  const rows = sorted.map((source, i) => [
    { value: i + 1 },
    { value: source.schoolName },
    { value: source.major ?? "" },
    ...eligibility.conditions.map((c) => conditionCell(source, c.number)),
    ...overallCells(source),
    evidenceFileCell(source),
  ]);
  const pageRows = sorted.flatMap(pageIndexRows);
  return {
    headers,
    keyColumns,
    conditionColumns,
    rows,
    pageHeaders: [...T.pagesHeaders],
    pageRows,
  };
}

function conditionCell(source: PrescreenSource, number: number): TableCell {
  const condition = source.result?.conditions.find((c) => c.number === number);
  if (!condition) return { value: T.noForm, status: "incomplete" };
  const value = [condition.statusLabel, ...condition.criteria.map((c) => criterionLine(c))].join("\n");
  const first = firstPage(condition);
  return {
    value,
    status: condition.status,
    ...(source.evidencePath && first !== undefined ? { link: pageLink(source.evidencePath, first) } : {}),
  };
}

function criterionLine(c: ConditionResult["criteria"][number]): string {
  return T.criterionLine({
    id: c.id,
    text: c.text,
    status: T.statusLabels[c.outcome],
    machine: c.machine,
    expected: c.expected,
    found: c.found,
    pages: c.pages,
  });
}

function firstPage(condition: ConditionResult): number | undefined {
  const pages = condition.criteria.flatMap((c) => c.pages);
  return pages.length > 0 ? Math.min(...pages) : undefined;
}

function overallCells(source: PrescreenSource): TableCell[] {
  const result = source.result;
  if (!result) {
    const blank: TableCell = { value: T.noForm, status: "incomplete" };
    return [blank, blank, blank, { value: "" }, { value: "" }];
  }
  const o = result.overall;
  const optionalStatus: Outcome =
    o.optionalMet >= o.optionalAtLeast ? "met" : o.ruleSatisfied === "no" ? "not-met" : "incomplete";
  return [
    { value: T.ruleLabels[o.basicConditionsMet], status: TRI_STATUS[o.basicConditionsMet] },
    { value: T.optionalCount(o.optionalMet, o.optionalFrom), status: optionalStatus },
    { value: `${T.ruleLabels[o.ruleSatisfied]}\n${o.summary}`, status: TRI_STATUS[o.ruleSatisfied] },
    { value: o.expertPending },
    evidenceCell(result, source.evidencePath !== undefined),
  ];
}

/** What needs someone's attention: gaps, warnings and pages to check by hand (confirmations are in the index). */
function evidenceCell(result: PrescreenResult, accepted: boolean): TableCell {
  const shown = result.evidence.filter((f) => f.severity !== "info");
  if (shown.length === 0 && accepted) return { value: T.evidenceOk, status: "met" };
  return {
    value: [...(accepted ? [] : [T.evidenceNotChecked]), ...shown.map((f) => f.message)].join("\n"),
    status: !accepted || shown.some((f) => f.severity === "gap") ? "incomplete" : "expert",
  };
}

function evidenceFileCell(source: PrescreenSource): TableCell {
  if (!source.evidencePath) return { value: T.noEvidence };
  return { value: source.evidencePath, link: { target: source.evidencePath, tooltip: T.fileTooltip } };
}

function pageCells(source: PrescreenSource, pages: readonly number[]): TableCell[] {
  return pages.map((page) => ({
    value: T.page(page),
    ...(source.evidencePath ? { link: pageLink(source.evidencePath, page) } : {}),
  }));
}

function pageIndexRows(source: PrescreenSource): TableCell[][] {
  const result = source.result;
  if (!result) return [];
  const name = { value: source.schoolName };
  const criteria = result.conditions.flatMap((condition) =>
    condition.criteria
      .filter((c) => c.pages.length > 0)
      .map((c) => [
        name,
        { value: T.pagesCriterion(condition.number, c.id, c.text) },
        { value: criterionLine(c), status: c.outcome },
        ...pageCells(source, c.pages),
      ]),
  );
  const findings = result.evidence
    .filter((f) => f.pages.length > 0)
    .map((f) => [
      name,
      { value: T.pagesSection(f.sectionLabel) },
      {
        value: f.message,
        ...(f.severity === "gap" ? { status: "incomplete" as const } : {}),
        ...(f.severity === "warning" || f.severity === "manual" ? { status: "expert" as const } : {}),
      },
      ...pageCells(source, f.pages),
    ]);
  return [...criteria, ...findings];
}
