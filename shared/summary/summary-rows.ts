import type { ApplicationDetails } from "../application/details.ts";
import type { MajorCatalog } from "../call/catalog.ts";
import type { CallDefinition } from "../call/schema.ts";
import { parseSubmissionName } from "../checks/name-template.ts";
import type { SchoolRecord, SubmissionRecord } from "../submissions/records.ts";

/**
 * The notice's 附件3, 河南省职业教育高水平专业化产教融合实训中心申报汇总表, one row per school with a current
 * accepted application. Every cell comes from the record: 申报专业 from the accepted file's name (the name the
 * checks passed), 专业大类/专业类 from the catalog, the rest from the school's details. Pure: the caller reads.
 */

/** A school's current accepted application, with what the table needs beside it. */
export interface SummarySource {
  school: SchoolRecord;
  submission: SubmissionRecord;
  details?: ApplicationDetails;
}

export interface SummaryRow {
  index: number;
  schoolName: string;
  major: string;
  servedMajorGroup: string;
  category: string;
  class: string;
  partner1: string;
  partner2: string;
  contactName: string;
  contactPhone: string;
  /** Not columns of the table: for the operator's report and the bundle's manifest. */
  schoolId: string;
  submissionId: string;
  /** Cells the school has yet to fill (its details are missing). */
  missingDetails: boolean;
  /** The major as read from the file is not in the catalog at the school's level (the checks would have said). */
  majorNotInCatalog: boolean;
}

/** Schools in pinyin order of their names, as officials sort a provincial list; ties by credit code. */
const PINYIN = new Intl.Collator("zh-Hans-CN");

export function bySchoolName(
  a: { name: string; schoolId: string },
  b: { name: string; schoolId: string },
): number {
  return PINYIN.compare(a.name, b.name) || (a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0);
}

export function summaryRows(
  sources: readonly SummarySource[],
  ctx: { call: CallDefinition; catalog: MajorCatalog },
): SummaryRow[] {
  return [...sources]
    .sort((a, b) => bySchoolName(a.school, b.school))
    .map(({ school, submission, details }, i) => {
      const parsed = parseSubmissionName(submission.fileName, ctx.call.nameTemplate);
      const majorAsNamed = parsed.ok ? parsed.major : "";
      const entry = majorAsNamed ? ctx.catalog.find(majorAsNamed, school.level) : undefined;
      return {
        index: i + 1,
        schoolName: school.name,
        // The catalog's own spelling, so that "数控技术" typed with a full-width space reads as the catalog has it.
        major: entry?.name ?? majorAsNamed,
        servedMajorGroup: details?.servedMajorGroup ?? "",
        category: entry?.category ?? "",
        class: entry?.class ?? "",
        partner1: details?.partner1 ?? "",
        partner2: details?.partner2 ?? "",
        contactName: details?.contactName ?? school.contactName,
        contactPhone: details?.contactPhone ?? school.phone,
        schoolId: school.schoolId,
        submissionId: submission.submissionId,
        missingDetails: details === undefined,
        majorNotInCatalog: entry === undefined,
      };
    });
}

/** The cells of one row, in the table's column order. */
export function summaryCells(row: SummaryRow): [number, ...string[]] {
  return [
    row.index,
    row.schoolName,
    row.major,
    row.servedMajorGroup,
    row.category,
    row.class,
    row.partner1,
    row.partner2,
    row.contactName,
    row.contactPhone,
  ];
}
