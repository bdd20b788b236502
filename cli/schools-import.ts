import { access, open, unlink } from "node:fs/promises";
import type { Command } from "commander";
import { tokenLink } from "../shared/api/page-links.ts";
import { IMPORT_TEXT } from "../shared/messages/operator.ts";
import { type ImportPlan, planImport, type RowProblem } from "../shared/schools/import-plan.ts";
import { registerSchool } from "../shared/schools/register-school.ts";
import { type RosterHeaderProblem, type RosterRow, readRoster } from "../shared/schools/roster.ts";
import { SchoolAlreadyRegistered } from "../shared/submissions/errors.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { toCsv } from "../shared/tabular/csv.ts";
import { mapLimit } from "./concurrency.ts";
import { operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { RosterFileError, readRosterFile, rosterFormat } from "./roster-file.ts";
import { json, out, renderTable } from "./table.ts";
import { UsageError } from "./usage-error.ts";

interface ImportOptions extends TargetOptions {
  skipExisting?: boolean;
  tokensOut?: string;
  dryRun?: boolean;
}

/** Registrations in flight at once: DynamoDB takes far more; this keeps a 300-row roster to a few seconds. */
const CONCURRENCY = 8;

/** `shenbao schools import FILE`: a whole roster, checked row by row before a single college is registered. */
export function registerSchoolsImport(schools: Command, setExitCode: (code: number) => void): void {
  withTarget(
    schools
      .command("import")
      .description(
        "Register colleges from a roster (.csv or .xlsx; columns 学校名称, 统一社会信用代码, 办学层次, 联系人, " +
          "电子邮箱, 联系电话, or their English names). Every row is checked first: if any row is wrong, " +
          "every problem is listed with its line and nothing is imported",
      )
      .argument("<file>", "the roster: .csv (UTF-8 or GBK) or .xlsx (first worksheet)")
      .option("--skip-existing", "leave colleges already registered alone instead of refusing the roster")
      .option(
        "--tokens-out <file>",
        "write each new college's token and upload link to this CSV (created, mode 0600) instead of the screen",
      )
      .option("--dry-run", "check the roster and report; register nothing"),
  ).action(async (file: string, opts: ImportOptions) => {
    const rows = await readRows(file);
    if (!rows.ok) {
      report(opts, { ok: false, header: rows.message });
      setExitCode(1);
      return;
    }
    if (opts.tokensOut) await ensureAbsent(opts.tokensOut);
    const op = await operator(opts.endpoint);
    const plan = planImport(rows.rows, {
      ctx: op.ctx,
      registered: await op.schools.listSchools(),
      skipExisting: opts.skipExisting ?? false,
    });
    if (plan.problems.length > 0) {
      reportProblems(opts, rows.rows.length, plan.problems);
      setExitCode(1);
      return;
    }
    if (opts.dryRun || plan.register.length === 0) {
      if (opts.json) json({ ok: true, dryRun: Boolean(opts.dryRun), ...planSummary(plan) });
      else
        out(
          opts.dryRun
            ? IMPORT_TEXT.dryRun(plan.register.length, plan.skipped.length)
            : IMPORT_TEXT.nothingToImport,
        );
      return;
    }

    // Opened before the first registration, so that a token is never issued with nowhere to go.
    const tokensFile = opts.tokensOut ? await open(opts.tokensOut, "wx", 0o600) : undefined;
    const now = new Date();
    const { results, failure } = await mapLimit(plan.register, CONCURRENCY, async (row) => {
      const outcome = await registerSchool(row.input, { ctx: op.ctx, schools: op.schools, now });
      // planImport ran the same validation: an invalid outcome here means the rules changed underfoot.
      if (outcome.kind === "invalid") throw new Error(outcome.findings.map((f) => f.message).join(" "));
      return outcome;
    });
    const issued = results.map(({ result }) => ({ school: result.school, token: result.token }));
    const publicUrl = op.optionalPublicUrl();
    if (tokensFile) {
      try {
        await tokensFile.writeFile(tokensCsv(issued, publicUrl));
      } finally {
        await tokensFile.close();
      }
      if (issued.length === 0) await unlink(opts.tokensOut as string);
    }

    if (opts.json) {
      json({
        ok: failure === undefined,
        imported: issued.map(({ school, token }) => ({
          schoolId: school.schoolId,
          name: school.name,
          ...(tokensFile ? {} : { token, ...(publicUrl ? { uploadUrl: uploadUrl(publicUrl, token) } : {}) }),
        })),
        skipped: plan.skipped,
        ...(tokensFile ? { tokensFile: opts.tokensOut } : {}),
        ...(failure ? { failure: { line: failure.item.line, message: messageOf(failure.error) } } : {}),
      });
    } else {
      out(IMPORT_TEXT.imported(issued.length));
      if (plan.skipped.length > 0) out(IMPORT_TEXT.skipped(plan.skipped.length));
      if (tokensFile) out(IMPORT_TEXT.tokensWritten(opts.tokensOut as string));
      else if (issued.length > 0) {
        out(IMPORT_TEXT.tokensOnce);
        out(
          renderTable(
            ["学校名称", "统一社会信用代码", "令牌"],
            issued.map(({ school, token }) => [school.name, school.schoolId, token]),
          ),
        );
      }
      if (failure)
        out(
          IMPORT_TEXT.failedPartway(
            issued.length,
            plan.register.length,
            failure.item.input.name,
            messageOf(failure.error),
          ),
        );
    }
    if (failure) setExitCode(1);
  });
}

type Rows = { ok: true; rows: RosterRow[] } | { ok: false; message: string };

async function readRows(file: string): Promise<Rows> {
  const format = rosterFormat(file);
  if (!format) throw new UsageError(IMPORT_TEXT.unsupportedFile(file));
  let lines: Awaited<ReturnType<typeof readRosterFile>>;
  try {
    lines = await readRosterFile(file, format);
  } catch (error) {
    if (error instanceof RosterFileError)
      throw new UsageError(IMPORT_TEXT.unreadable(file, error.message), { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(IMPORT_TEXT.unreadable(file, code), { cause: error });
    throw error;
  }
  const reading = readRoster(lines);
  if (!reading.ok) return { ok: false, message: headerMessage(file, reading.problem) };
  if (reading.rows.length === 0) return { ok: false, message: IMPORT_TEXT.empty(file) };
  return { ok: true, rows: reading.rows };
}

function headerMessage(file: string, problem: RosterHeaderProblem): string {
  switch (problem.kind) {
    case "empty":
      return IMPORT_TEXT.empty(file);
    case "missing-columns":
      return IMPORT_TEXT.missingColumns(problem.line, problem.missing);
    case "duplicate-column":
      return IMPORT_TEXT.duplicateColumn(
        problem.line,
        IMPORT_TEXT.fieldLabel[problem.field],
        problem.columns,
      );
  }
}

async function ensureAbsent(file: string): Promise<void> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new UsageError(IMPORT_TEXT.tokensFileExists(file));
}

function report(opts: ImportOptions, result: { ok: false; header: string }): void {
  if (opts.json)
    json({ ok: false, problems: [{ line: null, code: "ROSTER_UNREADABLE", message: result.header }] });
  else out(result.header);
}

function reportProblems(opts: ImportOptions, rowCount: number, problems: readonly RowProblem[]): void {
  const badRows = new Set(problems.map((p) => p.line)).size;
  if (opts.json) {
    json({ ok: false, rows: rowCount, badRows, problems });
    return;
  }
  out(
    [
      IMPORT_TEXT.rejected(rowCount, badRows, problems.length),
      ...problems.map((p) =>
        IMPORT_TEXT.problemLine(p.line, p.field ? IMPORT_TEXT.fieldLabel[p.field] : undefined, p.message),
      ),
    ].join("\n"),
  );
}

function planSummary(plan: ImportPlan) {
  return {
    toRegister: plan.register.map((r) => ({
      line: r.line,
      name: r.input.name,
      creditCode: r.input.creditCode,
    })),
    skipped: plan.skipped,
  };
}

export function uploadUrl(publicUrl: string, token: string): string {
  return tokenLink(publicUrl, token);
}

function tokensCsv(
  issued: ReadonlyArray<{ school: SchoolRecord; token: string }>,
  publicUrl: string | undefined,
): string {
  return toCsv([
    [...IMPORT_TEXT.tokenColumns],
    ...issued.map(({ school, token }) => [
      school.name,
      school.schoolId,
      school.contactName,
      school.email,
      token,
      publicUrl ? uploadUrl(publicUrl, token) : "",
    ]),
  ]);
}

function messageOf(error: unknown): string {
  if (error instanceof SchoolAlreadyRegistered) return IMPORT_TEXT.raced(error.schoolId);
  return error instanceof Error ? error.message : String(error);
}
