import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { missingFields } from "../shared/application/form-complete.ts";
import type { StoredForm } from "../shared/application/form-store.ts";
import { formatPageRefs } from "../shared/application/page-refs.ts";
import { readPrescreen } from "../shared/application/prescreen-read.ts";
import { saveApplicationForm } from "../shared/application/save-form.ts";
import { normalizeCreditCode } from "../shared/checks/credit-code.ts";
import { APPLICATION_CLI_TEXT as T } from "../shared/messages/application-cli.ts";
import { fieldLabel } from "../shared/messages/form.ts";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { OPERATOR_TEXT } from "../shared/messages/operator.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { evidenceTextStore, formStore, prescreenReadDeps } from "./prescreen-export.ts";
import { prescreenText } from "./prescreen-text.ts";
import { json, out } from "./table.ts";
import { UsageError } from "./usage-error.ts";

/**
 * `shenbao application show SCHOOL` and `shenbao application set SCHOOL --file form.json`: an operator reads a
 * school's 申报书 form with its pre-screen, or enters it from a paper form (validated by the same schema as the
 * school's page; nothing saved on any problem; allowed after the deadline, and said so).
 */
export function registerApplicationCommand(program: Command, setExitCode: (code: number) => void): void {
  const application = program
    .command("application")
    .description("A college's 申报书 form (附件1) and its eligibility pre-screen");

  withTarget(
    application
      .command("show")
      .description("Print a college's stored 申报书 form and its pre-screen")
      .argument("<school>", "the college's id (统一社会信用代码)"),
  ).action(async (id: string, opts: TargetOptions) => {
    const op = await operator(opts.endpoint);
    const school = await schoolOf(op, id);
    const { stored } = await readPrescreen(school.schoolId, prescreenReadDeps(op));
    if (opts.json) {
      json({
        schoolId: school.schoolId,
        form: stored?.form ?? null,
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
        missing: stored ? missingFields(stored.form) : [],
        prescreen: stored?.prescreen ?? null,
        prescreenAt: stored?.prescreenAt ?? null,
      });
      return;
    }
    out(showText(school, stored));
  });

  withTarget(
    application
      .command("set")
      .description(
        "Enter a college's 申报书 form from a JSON file (the form as GET /api/me/application-form has it); " +
          "replaces the stored form whole and recomputes the pre-screen; allowed after the deadline",
      )
      .argument("<school>", "the college's id (统一社会信用代码)")
      .requiredOption("--file <form.json>", "the form as JSON"),
  ).action(async (id: string, opts: TargetOptions & { file: string }) => {
    const op = await operator(opts.endpoint);
    const school = await schoolOf(op, id);
    const input = await readForm(opts.file);
    const now = new Date();
    const outcome = await saveApplicationForm(school.schoolId, input, {
      ctx: op.ctx,
      forms: formStore(op),
      schools: op.schools,
      formSaved: school.formSavedAt !== undefined,
      submissions: op.submissions,
      evidenceText: evidenceTextStore(op),
      now,
      by: "operator",
      afterDeadline: true,
    });
    const deadline = new Date(op.ctx.call.deadline);
    const late = now.getTime() > deadline.getTime();
    switch (outcome.kind) {
      case "deadline-passed":
        // Not reached: an operator is allowed after the deadline. Kept so a change there cannot pass silently.
        if (opts.json) json({ saved: false, deadlinePassed: true });
        else out(T.deadlinePassed);
        setExitCode(1);
        return;
      case "invalid":
        if (opts.json) json({ saved: false, findings: outcome.findings });
        else
          out(
            [T.invalid, ...outcome.findings.map((f) => `  - ${f.label}（${f.path}）：${f.message}`)].join(
              "\n",
            ),
          );
        setExitCode(1);
        return;
      case "saved":
        if (opts.json) {
          json({
            saved: true,
            afterDeadline: late,
            missing: outcome.missing,
            prescreen: outcome.prescreen ?? null,
          });
          return;
        }
        out(
          [
            T.saved(school.name),
            ...(late ? [T.afterDeadline(formatBeijingTime(deadline))] : []),
            missingText(outcome.missing),
            prescreenText(outcome.stored),
          ].join("\n"),
        );
    }
  });
}

async function schoolOf(op: Operator, id: string): Promise<SchoolRecord> {
  const schoolId = normalizeCreditCode(id);
  const school = await op.schools.getSchool(schoolId);
  if (!school) throw new UsageError(OPERATOR_TEXT.schoolNotFound(schoolId));
  return school;
}

/** The file's JSON: the form itself, or `{ "form": … }` as the API's request body has it. @throws UsageError */
async function readForm(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(T.unreadable(file, reason), { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UsageError(T.notJson(file), { cause: error });
  }
  const wrapped = parsed as { form?: unknown } | null;
  return wrapped && typeof wrapped === "object" && Object.keys(wrapped).length === 1 && "form" in wrapped
    ? wrapped.form
    : parsed;
}

/** The form as labelled lines, in the schema's order, then what is missing and the pre-screen. */
export function showText(school: SchoolRecord, stored: StoredForm | undefined): string {
  if (!stored) return T.noForm(school.name);
  const lines = [T.heading(school.name, formatBeijingTime(new Date(stored.updatedAt)), stored.updatedBy)];
  for (const [path, value] of leaves(stored.form, [])) lines.push(`  ${fieldLabel(path)}：${value}`);
  lines.push(missingText(missingFields(stored.form)));
  lines.push(prescreenText(stored));
  return lines.join("\n");
}

function missingText(missing: readonly { label: string }[]): string {
  return [T.missing(missing.length), ...missing.map((f) => `  - ${f.label}`)].join("\n");
}

/** Every filled field as [path, shown value]: page references as typed ("12-14、16"), yes/no in words. */
function leaves(value: unknown, path: (string | number)[]): [(string | number)[], string][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "number") && path.at(-1) === "pages") {
      return value.length > 0 ? [[path, formatPageRefs(value)]] : [];
    }
    if (value.every((v) => typeof v !== "object")) return value.length > 0 ? [[path, value.join("、")]] : [];
    return value.flatMap((v, i) => leaves(v, [...path, i]));
  }
  if (typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) => leaves(v, [...path, key]));
  }
  if (typeof value === "boolean") return [[path, value ? T.yes : T.no]];
  return [[path, String(value)]];
}
