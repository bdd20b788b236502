import type { SchoolIdentityInput } from "../checks/school-identity.ts";

/**
 * An operator's roster of colleges as a table (from CSV or a workbook): which column holds which field, found by the
 * headers operators actually write (Chinese as on the notice's forms, or English), and each data row with the line
 * number the operator sees in Excel or an editor. No I/O here: cli/roster-file.ts reads the file.
 */

export type RosterField = keyof SchoolIdentityInput;

/** The cells of one line of the file; `line` is 1-based, as Excel and editors number lines. */
export interface RosterLine {
  line: number;
  cells: string[];
}

/** One data row, its cells already assigned to fields (absent column or empty cell: ""). */
export interface RosterRow {
  line: number;
  input: SchoolIdentityInput;
}

export type RosterReading =
  | { ok: true; headerLine: number; rows: RosterRow[]; ignoredColumns: string[] }
  | { ok: false; problem: RosterHeaderProblem };

export type RosterHeaderProblem =
  | { kind: "empty" }
  /** No line looks like a header; `missing` lists the fields that were not found on the best candidate. */
  | { kind: "missing-columns"; line: number; missing: RosterField[] }
  | { kind: "duplicate-column"; line: number; field: RosterField; columns: string[] };

/** The header names accepted for each field, compared after normalizeHeader. The first is the canonical one. */
export const ROSTER_HEADERS: Readonly<Record<RosterField, readonly string[]>> = {
  name: ["学校名称", "学校全称", "单位名称", "学校", "name", "schoolname", "school"],
  creditCode: ["统一社会信用代码", "社会信用代码", "信用代码", "creditcode", "unifiedsocialcreditcode"],
  level: ["办学层次", "层次", "学校层次", "level"],
  contactName: ["联系人", "联系人姓名", "contact", "contactname"],
  email: ["电子邮箱", "邮箱", "电子信箱", "电子邮件", "email", "e-mail", "mail"],
  phone: ["联系电话", "电话", "手机", "手机号码", "联系方式", "phone", "telephone", "tel", "mobile"],
};

export const ROSTER_FIELDS = Object.keys(ROSTER_HEADERS) as RosterField[];

/** How far down a title or notes above the header may reach ("2024年申报学校名单" in row 1 is common). */
const HEADER_SEARCH_LINES = 10;

/**
 * "电子邮箱（必填）", "* 学校名称", " Credit Code ", "E-mail": full-width forms folded, spaces, asterisks, a bracketed
 * remark and "_"/"-" separators dropped, lower case ("E-mail" → "email").
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[(（][^)）]*[)）]\s*$/u, "")
    .replace(/[\s\p{Cf}*_-]/gu, "")
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((field) => ROSTER_HEADERS[field].map((h) => [normalizeHeader(h), field] as const)),
);

/** Finds the header line and reads every line below it. Lines whose cells are all blank are left out. */
export function readRoster(lines: readonly RosterLine[]): RosterReading {
  const filled = lines.filter((l) => l.cells.some((c) => c.trim() !== ""));
  if (filled.length === 0) return { ok: false, problem: { kind: "empty" } };

  let best: { line: RosterLine; found: Map<RosterField, number[]> } | undefined;
  for (const line of filled.slice(0, HEADER_SEARCH_LINES)) {
    const found = new Map<RosterField, number[]>();
    line.cells.forEach((cell, index) => {
      const field = FIELD_BY_HEADER.get(normalizeHeader(cell));
      if (field) found.set(field, [...(found.get(field) ?? []), index]);
    });
    if (!best || found.size > best.found.size) best = { line, found };
    if (found.size === ROSTER_FIELDS.length) break;
  }
  if (!best || best.found.size < ROSTER_FIELDS.length) {
    const line = best?.line.line ?? filled[0]?.line ?? 1;
    const missing = ROSTER_FIELDS.filter((f) => !best?.found.has(f));
    return { ok: false, problem: { kind: "missing-columns", line, missing } };
  }
  const header = best.line;
  const columns = {} as Record<RosterField, number>;
  for (const field of ROSTER_FIELDS) {
    const indexes = best.found.get(field) ?? [];
    if (indexes.length > 1) {
      return {
        ok: false,
        problem: {
          kind: "duplicate-column",
          line: header.line,
          field,
          columns: indexes.map((i) => header.cells[i] ?? ""),
        },
      };
    }
    columns[field] = indexes[0] ?? 0;
  }
  const used = new Set(Object.values(columns));
  const ignoredColumns = header.cells.filter((cell, i) => !used.has(i) && cell.trim() !== "");
  const rows = filled
    .filter((l) => l.line > header.line)
    .map((l) => ({
      line: l.line,
      input: Object.fromEntries(
        ROSTER_FIELDS.map((field) => [field, (l.cells[columns[field]] ?? "").trim()]),
      ) as unknown as SchoolIdentityInput,
    }));
  return { ok: true, headerLine: header.line, rows, ignoredColumns };
}
