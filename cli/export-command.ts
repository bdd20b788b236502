import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { type Command, InvalidArgumentError } from "commander";
import { currentDetails } from "../shared/application/save-details.ts";
import { EXPORT_TEXT } from "../shared/messages/operator.ts";
import { PRESCREEN_EXPORT_TEXT } from "../shared/messages/prescreen-export.ts";
import { SUMMARY_TEXT } from "../shared/messages/summary.ts";
import { prescreenCsv, prescreenWorkbook } from "../shared/prescreen/prescreen-workbook.ts";
import { s3VersionIdOf } from "../shared/processing/uploaded-object.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import {
  type BundleEntry,
  bundleEntries,
  type ManifestFile,
  manifestJson,
  sha256sums,
} from "../shared/summary/bundle-manifest.ts";
import { type CurrentApplication, currentApplications } from "../shared/summary/current-applications.ts";
import { type SummaryRow, summaryRows } from "../shared/summary/summary-rows.ts";
import { summaryCsv, summaryWorkbook } from "../shared/summary/summary-workbook.ts";
import { type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { buildPrescreenExport, formStore } from "./prescreen-export.ts";
import { err, json, out } from "./table.ts";
import { UsageError } from "./usage-error.ts";

type Format = "xlsx" | "csv";

/** `shenbao export summary|prescreen|bundle`: the notice's 附件3, the 资格初审表 and the reviewers' bundle. */
export function registerExportCommand(program: Command, setExitCode: (code: number) => void): void {
  const exportCommand = program
    .command("export")
    .description("Export the summary table (附件3) and the reviewers' bundle");

  withTarget(
    fileExport(
      exportCommand.command("summary"),
      "The notice's 附件3 (申报汇总表) from each college's current accepted application",
      "汇总表.xlsx",
    ),
  ).action(async (opts: TargetOptions & { out: string; format?: Format }) => {
    const op = await operator(opts.endpoint);
    const format = exportFormat(opts);
    const summary = await buildSummary(op);
    await writeExport(
      opts.out,
      format === "csv" ? summaryCsv(summary.rows) : await summaryWorkbook(summary.rows),
    );
    report(opts, summary, { file: opts.out, format });
  });

  withTarget(
    fileExport(
      exportCommand.command("prescreen"),
      "The eligibility pre-screen (资格初审表): a row per college, a column per condition of the call, each cited " +
        "page linked to the bundle's evidence PDF at that page",
      "资格初审表.xlsx",
    ),
  ).action(async (opts: TargetOptions & { out: string; format?: Format }) => {
    const op = await operator(opts.endpoint);
    const format = exportFormat(opts);
    const built = await buildPrescreenExport(op);
    if (!built) throw new UsageError(PRESCREEN_EXPORT_TEXT.noEligibility);
    await writeExport(
      opts.out,
      format === "csv" ? prescreenCsv(built.table) : await prescreenWorkbook(built.table),
    );
    const withoutForm = built.withoutForm.map((s) => ({ schoolId: s.schoolId, name: s.name }));
    if (opts.json) {
      json({ file: opts.out, format, rows: built.table.rows.length, withoutForm });
      return;
    }
    out(PRESCREEN_EXPORT_TEXT.written(built.table.rows.length, opts.out));
    if (built.table.rows.length === 0) out(PRESCREEN_EXPORT_TEXT.none);
    if (withoutForm.length > 0) out(PRESCREEN_EXPORT_TEXT.withoutForm(withoutForm.map((s) => s.name)));
    if (format === "xlsx") out(PRESCREEN_EXPORT_TEXT.linksNote);
  });

  withTarget(
    exportCommand
      .command("bundle")
      .description(
        "Every current accepted PDF under its official name (a folder per document type), the summary workbook, " +
          "the pre-screen workbook (资格初审表, when the call defines eligibility conditions), " +
          "manifest.json and SHA256SUMS; each file's SHA-256 is checked against the one recorded when it was accepted",
      )
      .requiredOption("--out <target>", "a new (or empty) directory, or a .zip file"),
  ).action(async (opts: TargetOptions & { out: string }) => {
    const op = await operator(opts.endpoint);
    const objects = op.objects();
    const target = resolve(opts.out);
    const zip = extname(target).toLowerCase() === ".zip";
    if (!zip) await ensureEmptyDirectory(target);
    const documentTypes = op.ctx.call.documentTypes.map((d) => d.id);
    const { applications, schools } = await currentApplications(op, documentTypes);
    const summary = await summaryFrom(op, applications, schools);
    const entries = bundleEntries(applications, op.ctx);
    const prescreen = await buildPrescreenExport(op, { applications, schools });

    await mkdir(dirname(target), { recursive: true });
    // Staged beside the target (same file system, so the final rename is atomic): a failed check leaves nothing.
    const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
    try {
      const { files, problems } = await downloadVerified(
        entries,
        objects,
        staging,
        Boolean(process.stderr.isTTY && !opts.json),
      );
      if (problems.length > 0) {
        if (opts.json) json({ ok: false, problems });
        else out([EXPORT_TEXT.bundleFailed(problems.length), ...problems.map((p) => `  ${p}`)].join("\n"));
        setExitCode(1);
        return;
      }
      const workbook = await summaryWorkbook(summary.rows);
      await writeFile(join(staging, SUMMARY_TEXT.workbookFile), workbook);
      const all: ManifestFile[] = [
        ...files,
        { path: SUMMARY_TEXT.workbookFile, sha256: sha256(workbook), size: workbook.byteLength },
      ];
      if (prescreen) {
        const table = await prescreenWorkbook(prescreen.table);
        await writeFile(join(staging, PRESCREEN_EXPORT_TEXT.workbookFile), table);
        all.push({ path: PRESCREEN_EXPORT_TEXT.workbookFile, sha256: sha256(table), size: table.byteLength });
      }
      await writeFile(join(staging, "manifest.json"), manifestJson(op.ctx.call, new Date(), all));
      await writeFile(join(staging, "SHA256SUMS"), sha256sums(all));
      if (zip) await zipDirectory(staging, target);
      else {
        await rm(target, { recursive: true, force: true });
        await rename(staging, target);
      }
      if (opts.json) json({ ok: true, target, files: all, ...reportFields(summary) });
      else {
        out(EXPORT_TEXT.bundleWritten(files.length, target));
        if (prescreen) out(PRESCREEN_EXPORT_TEXT.bundleIncludes(prescreen.table.rows.length));
        reportWarnings(summary);
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  });
}

function parseFormat(value: string): Format {
  if (value !== "xlsx" && value !== "csv") throw new InvalidArgumentError(EXPORT_TEXT.unknownFormat(value));
  return value;
}

interface Summary {
  rows: SummaryRow[];
  /** Registered schools with no current accepted application. */
  withoutApplication: number;
}

async function buildSummary(op: Operator): Promise<Summary> {
  const { applications, schools } = await currentApplications(op, [op.ctx.call.defaultDocumentType]);
  return summaryFrom(op, applications, schools);
}

/** The table lists each school's application of the call's main document type (the one the file name names). */
async function summaryFrom(
  op: Operator,
  applications: readonly CurrentApplication[],
  schools: readonly SchoolRecord[],
): Promise<Summary> {
  const main = applications.filter((a) => a.documentType === op.ctx.call.defaultDocumentType);
  const forms = formStore(op);
  const details = await Promise.all(
    main.map((a) => currentDetails(a.school, { forms, details: op.details })),
  );
  const rows = summaryRows(
    main.map((a, i) => ({
      school: a.school,
      submission: a.submission,
      ...(details[i] ? { details: details[i] } : {}),
    })),
    op.ctx,
  );
  return { rows, withoutApplication: schools.length - rows.length };
}

function reportFields(summary: Summary) {
  return {
    rows: summary.rows.length,
    missingDetails: summary.rows
      .filter((r) => r.missingDetails)
      .map((r) => ({ schoolId: r.schoolId, name: r.schoolName })),
    majorNotInCatalog: summary.rows
      .filter((r) => r.majorNotInCatalog)
      .map((r) => ({ schoolId: r.schoolId, name: r.schoolName })),
    withoutApplication: summary.withoutApplication,
  };
}

function report(opts: TargetOptions, summary: Summary, written: { file: string; format: Format }): void {
  if (opts.json) {
    json({ ...written, ...reportFields(summary) });
    return;
  }
  out(EXPORT_TEXT.summaryWritten(summary.rows.length, written.file));
  reportWarnings(summary);
}

function reportWarnings(summary: Summary): void {
  if (summary.rows.length === 0) out(EXPORT_TEXT.noApplications);
  const missing = summary.rows.filter((r) => r.missingDetails).map((r) => r.schoolName);
  if (missing.length > 0) out(EXPORT_TEXT.missingDetails(missing));
  const unknown = summary.rows.filter((r) => r.majorNotInCatalog).map((r) => r.schoolName);
  if (unknown.length > 0) out(EXPORT_TEXT.majorNotInCatalog(unknown));
  if (summary.withoutApplication > 0) out(EXPORT_TEXT.withoutApplication(summary.withoutApplication));
}

async function ensureEmptyDirectory(target: string): Promise<void> {
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    if (error.code === "ENOTDIR") return ["(file)"];
    throw error;
  });
  if (entries.length > 0) throw new UsageError(EXPORT_TEXT.bundleTargetExists(target));
}

/**
 * Downloads each file of the exact version that was checked and compares its SHA-256 with the one recorded in its
 * verdict (and quoted on its receipt): the bundle holds what the school was told was accepted, or nothing.
 */
async function downloadVerified(
  entries: readonly BundleEntry[],
  objects: ReturnType<Operator["objects"]>,
  dir: string,
  progress: boolean,
): Promise<{ files: ManifestFile[]; problems: string[] }> {
  const files: ManifestFile[] = [];
  const problems: string[] = [];
  for (const [i, { path, application }] of entries.entries()) {
    if (progress) process.stderr.write(`\r${EXPORT_TEXT.downloading(i + 1, entries.length)}`);
    const { school, submission, documentType } = application;
    const verdict = submission.verdict;
    const bytes = await objects.read(submission.objectKey, s3VersionIdOf(submission.objectVersion));
    if (!bytes) {
      problems.push(EXPORT_TEXT.objectMissing(path, submission.objectKey));
      continue;
    }
    const actual = sha256(bytes);
    if (actual !== verdict?.sha256) {
      problems.push(EXPORT_TEXT.hashMismatch(path, verdict?.sha256 ?? "", actual));
      continue;
    }
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
    files.push({
      path,
      sha256: actual,
      size: bytes.byteLength,
      schoolId: school.schoolId,
      schoolName: school.name,
      documentType,
      submissionId: submission.submissionId,
      receiptNumber: verdict.receiptNumber,
      pageCount: verdict.pageCount,
      ...(submission.uploadedAt ? { uploadedAt: submission.uploadedAt } : {}),
    });
  }
  if (progress) err("");
  return { files, problems };
}

/** Stored, not deflated: PDFs are compressed already. Names are UTF-8 (the zip's language-encoding flag is set). */
async function zipDirectory(dir: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  const { default: archiver } = await import("archiver");
  const archive = archiver("zip", { store: true });
  const written = pipeline(archive, createWriteStream(partial, { mode: 0o644 }));
  archive.directory(dir, false);
  await archive.finalize();
  await written;
  await rename(partial, target);
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The format asked for, else the one the file's extension names (.csv), else xlsx. */
function exportFormat(opts: { out: string; format?: Format }): Format {
  return opts.format ?? (extname(opts.out).toLowerCase() === ".csv" ? "csv" : "xlsx");
}

/** Writes an export where the operator asked; a place that cannot be written is the operator's to correct. */
async function writeExport(out: string, content: string | Uint8Array): Promise<void> {
  await writeFile(out, content).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(EXPORT_TEXT.unwritable(out, error.code ?? error.message), { cause: error });
  });
}

/** A table export's command: where to write it (--out) and, when its extension does not say, in which format. */
function fileExport(command: Command, description: string, example: string): Command {
  return command
    .description(description)
    .requiredOption("--out <file>", `where to write it, e.g. ${example}`)
    .option("--format <format>", "xlsx or csv (default: from the file's extension, else xlsx)", parseFormat);
}
