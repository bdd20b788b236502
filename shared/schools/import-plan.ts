import type { CheckContext } from "../checks/context.ts";
import { normalizeCreditCode } from "../checks/credit-code.ts";
import { normalizeSchoolName, validateSchoolIdentity } from "../checks/school-identity.ts";
import { IMPORT_TEXT } from "../messages/operator.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { RosterField, RosterRow } from "./roster.ts";

/**
 * What importing a roster would do, decided before anything is written: every row is checked with the rules of
 * `schools add`, against the other rows (a college listed twice) and against the register (a college already
 * there). The import goes ahead only when no row has a problem, so a roster is never half-imported because of
 * its own mistakes.
 */

export interface RowProblem {
  line: number;
  /** The field at fault; absent when the row as a whole is (a duplicate). */
  field?: RosterField;
  /** A finding code for field rules, or one of the roster's own: DUPLICATE_IN_FILE, ALREADY_REGISTERED … */
  code: string;
  message: string;
}

export interface ImportPlan {
  /** Rows to register, in file order. */
  register: RosterRow[];
  /** Rows naming a college already registered, left alone under `skipExisting`. */
  skipped: Array<{ line: number; schoolId: string; name: string }>;
  problems: RowProblem[];
}

export function planImport(
  rows: readonly RosterRow[],
  deps: {
    ctx: Pick<CheckContext, "call">;
    /** The register as it stands. */
    registered: readonly SchoolRecord[];
    skipExisting: boolean;
  },
): ImportPlan {
  const plan: ImportPlan = { register: [], skipped: [], problems: [] };
  const byId = new Map(deps.registered.map((s) => [s.schoolId, s]));
  const byName = new Map(deps.registered.map((s) => [s.name, s]));
  const firstLineOfCode = new Map<string, number>();
  const firstLineOfName = new Map<string, number>();

  for (const row of rows) {
    const problems: RowProblem[] = validateSchoolIdentity(row.input, deps.ctx).map((f) => ({
      line: row.line,
      field: FIELD_OF_FINDING[f.field] ?? "name",
      code: f.code,
      message: f.message,
    }));
    const code = normalizeCreditCode(row.input.creditCode);
    const name = normalizeSchoolName(row.input.name);
    const sameCode = code === "" ? undefined : firstLineOfCode.get(code);
    const sameName = name === "" ? undefined : firstLineOfName.get(name);
    if (sameCode !== undefined) {
      problems.push({
        line: row.line,
        field: "creditCode",
        code: "DUPLICATE_IN_FILE",
        message: IMPORT_TEXT.duplicateCode(code, sameCode),
      });
    } else if (sameName !== undefined) {
      problems.push({
        line: row.line,
        field: "name",
        code: "DUPLICATE_IN_FILE",
        message: IMPORT_TEXT.duplicateName(name, sameName),
      });
    }
    if (code !== "" && !firstLineOfCode.has(code)) firstLineOfCode.set(code, row.line);
    if (name !== "" && !firstLineOfName.has(name)) firstLineOfName.set(name, row.line);

    const existing = byId.get(code);
    const namesake = byName.get(name);
    if (existing && sameCode === undefined) {
      if (deps.skipExisting) {
        if (problems.length === 0) {
          plan.skipped.push({ line: row.line, schoolId: existing.schoolId, name: existing.name });
          continue;
        }
      } else
        problems.push({
          line: row.line,
          field: "creditCode",
          code: "ALREADY_REGISTERED",
          message: IMPORT_TEXT.alreadyRegistered(code, existing.name),
        });
    } else if (namesake && namesake.schoolId !== code) {
      // The same college under another code is a typo far more often than two colleges sharing a name.
      problems.push({
        line: row.line,
        field: "creditCode",
        code: "NAME_REGISTERED_WITH_OTHER_CODE",
        message: IMPORT_TEXT.nameRegisteredWithOtherCode(name, namesake.schoolId),
      });
    }
    if (problems.length > 0) plan.problems.push(...problems);
    else plan.register.push(row);
  }
  return plan;
}

const FIELD_OF_FINDING: Partial<Record<string, RosterField>> = {
  "school.name": "name",
  "school.level": "level",
  "school.creditCode": "creditCode",
  "school.contactName": "contactName",
  "school.email": "email",
  "school.phone": "phone",
};
