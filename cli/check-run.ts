import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { loadCallFiles } from "../shared/call/load-call-files.ts";
import { createMajorCatalog } from "../shared/call/major-catalog.ts";
import type { SchoolLevel } from "../shared/call/schema.ts";
import type { CheckContext } from "../shared/checks/context.ts";
import {
  type BytesInspector,
  type Examination,
  type ExaminationInput,
  examineFile,
} from "../shared/examination/examine.ts";
import { CLI_TEXT } from "../shared/messages/cli.ts";
import { renderReport } from "./render-report.ts";
import { UsageError } from "./usage-error.ts";

export interface CheckOptions {
  school?: string;
  level?: SchoolLevel;
  type: string;
  json?: boolean;
  progress: boolean;
}

export interface CheckedFile {
  file: string;
  examination: Examination;
}

export interface Output {
  write(text: string): void;
}

export interface CheckCommandOptions {
  school?: string;
  level?: SchoolLevel;
  type?: string;
  json?: boolean;
  progress: boolean;
}

/**
 * `shenbao check`'s run: the call in force, the options checked against it, every file readable, then the report.
 * Returns the exit code; a usage error is thrown as UsageError.
 */
export async function checkCommand(
  files: readonly string[],
  opts: CheckCommandOptions,
  inspector: BytesInspector,
): Promise<number> {
  const sounds = soundsOnDemand();
  const { call, catalog } = loadCallFiles(process.env, { soundKey: sounds.probe });
  const type = opts.type ?? call.defaultDocumentType;
  if (!call.documentTypes.some((d) => d.id === type)) {
    throw new UsageError(
      CLI_TEXT.unknownType(type, call.documentTypes.map((d) => `${d.id}（${d.label}）`).join("、")),
    );
  }
  for (const file of files) {
    await access(file).catch((cause: NodeJS.ErrnoException) => {
      throw new UsageError(CLI_TEXT.unreadable(file, cause.code ?? cause.message), { cause });
    });
  }
  return runCheck(
    files,
    { ...opts, type, progress: opts.progress && files.length > 1 && Boolean(process.stderr.isTTY) },
    {
      ctx: { call, catalog },
      inspector,
      redoWithSounds: sounds.redo,
      stdout: process.stdout,
      stderr: process.stderr,
    },
  );
}

/**
 * The catalog's pronunciation key (pinyin-pro: a large dictionary, there only to suggest the catalog's name for a
 * major typed with a homophone), loaded only when a rule asks for a suggestion. Until then the catalog's key is a
 * probe that notes the request; an examination during which it did is done again, from the same inspection, with a
 * catalog that has the real key (and every later file uses that one), so every finding is the pipeline's.
 */
function soundsOnDemand() {
  let asked = false;
  return {
    probe(name: string): string {
      asked = true;
      return name;
    },
    /** The context to examine the file again with, when its rules asked for a suggestion; else undefined. */
    async redo(ctx: CheckContext): Promise<CheckContext | undefined> {
      if (!asked) return undefined;
      asked = false;
      const { pinyinSoundKey } = await import("../shared/call/pinyin-sound.ts");
      return { ...ctx, catalog: createMajorCatalog(ctx.catalog.entries, { soundKey: pinyinSoundKey }) };
    },
  };
}

/** Checks each file as the pipeline would, prints a report, and returns the exit code (0 all accepted, 1 otherwise). */
export async function runCheck(
  paths: readonly string[],
  options: CheckOptions,
  deps: {
    ctx: CheckContext;
    inspector: BytesInspector;
    /** A context to examine a file again with (the same inspection), when the first one lacked what it needed. */
    redoWithSounds?: (ctx: CheckContext) => Promise<CheckContext | undefined>;
    stdout: Output;
    stderr: Output & { isTTY?: boolean };
  },
): Promise<number> {
  const results: CheckedFile[] = [];
  let { ctx } = deps;
  for (const [index, path] of paths.entries()) {
    if (options.progress)
      deps.stderr.write(`\r\x1b[K${CLI_TEXT.progress(index + 1, paths.length, basename(path))}`);
    const checked = await examineLocalFile(path, options, { ...deps, ctx });
    ctx = checked.ctx;
    results.push({ file: path, examination: checked.examination });
  }
  if (options.progress) deps.stderr.write("\r\x1b[K");
  deps.stdout.write(options.json ? `${JSON.stringify(toJson(results), null, 2)}\n` : renderReport(results));
  return results.every((r) => r.examination.verdict === "accepted") ? 0 : 1;
}

/**
 * One file examined as the pipeline would (without the evidence text only the pipeline keeps); again from the same
 * inspection when its rules asked for a suggestion the context could not yet give. Returns the context to go on with.
 */
async function examineLocalFile(
  path: string,
  options: CheckOptions,
  deps: {
    ctx: CheckContext;
    inspector: BytesInspector;
    redoWithSounds?: (ctx: CheckContext) => Promise<CheckContext | undefined>;
  },
): Promise<{ examination: Examination; ctx: CheckContext }> {
  const input = {
    fileName: basename(path),
    documentType: options.type,
    ...(options.school
      ? { school: { name: options.school, ...(options.level ? { level: options.level } : {}) } }
      : {}),
    content: await contentOf(path, deps.ctx.call.maxFileBytes),
  };
  // The 佐证材料's text is kept by the pipeline for the pre-screen, never checked: here it would only cost time.
  const first = await examineFile(input, deps.inspector, deps.ctx, { keepText: false });
  const fuller = await deps.redoWithSounds?.(deps.ctx);
  if (!fuller) return { examination: first, ctx: deps.ctx };
  const sameInspection: BytesInspector = { inspectBytes: async () => first.inspection };
  const again = await examineFile(input, sameInspection, fuller, { keepText: false });
  // The inspector took the bytes (their buffer is detached): their size and hash are the first examination's. The
  // rules see the size only to refuse a file over the limit, which never reaches the inspector.
  return { examination: { ...again, size: first.size, sha256: first.sha256 }, ctx: fuller };
}

/**
 * Never read a file the call would refuse anyway: hash it as a stream and let the size rule speak. The inspector is
 * given no more than the call allows (checkCommand starts it before the call is known, without a size bound of its
 * own): a file that grew between stat and read is measured again.
 */
async function contentOf(path: string, max: number): Promise<ExaminationInput["content"]> {
  const { size } = await stat(path);
  const bytes = size > max ? undefined : await readFile(path);
  return bytes && bytes.byteLength <= max
    ? { bytes }
    : { size: bytes?.byteLength ?? size, sha256: bytes ? sha256Of(bytes) : await hashStream(path) };
}

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function hashStream(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function toJson(results: readonly CheckedFile[]) {
  return {
    files: results.map(({ file, examination: e }) => ({
      file,
      verdict: e.verdict,
      pageCount: e.pageCount,
      sha256: e.sha256,
      size: e.size,
      findings: e.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        field: f.field,
        message: f.message,
        fix: f.fix,
        ...(f.expected === undefined ? {} : { expected: f.expected }),
        ...(f.actual === undefined ? {} : { actual: f.actual }),
      })),
    })),
  };
}
