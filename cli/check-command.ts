import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { SchoolLevel } from "../shared/call/schema.ts";
import type { CheckContext } from "../shared/checks/context.ts";
import { type BytesInspector, type Examination, examineFile } from "../shared/examination/examine.ts";
import { CLI_TEXT } from "../shared/messages/cli.ts";
import { renderReport } from "./render-report.ts";

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

/** Checks each file as the pipeline would, prints a report, and returns the exit code (0 all accepted, 1 otherwise). */
export async function runCheck(
  paths: readonly string[],
  options: CheckOptions,
  deps: {
    ctx: CheckContext;
    inspector: BytesInspector;
    stdout: Output;
    stderr: Output & { isTTY?: boolean };
  },
): Promise<number> {
  const results: CheckedFile[] = [];
  for (const [index, path] of paths.entries()) {
    if (options.progress)
      deps.stderr.write(`\r\x1b[K${CLI_TEXT.progress(index + 1, paths.length, basename(path))}`);
    results.push({ file: path, examination: await examineLocalFile(path, options, deps) });
  }
  if (options.progress) deps.stderr.write("\r\x1b[K");
  deps.stdout.write(options.json ? `${JSON.stringify(toJson(results), null, 2)}\n` : renderReport(results));
  return results.every((r) => r.examination.verdict === "accepted") ? 0 : 1;
}

async function examineLocalFile(
  path: string,
  options: CheckOptions,
  deps: { ctx: CheckContext; inspector: BytesInspector },
): Promise<Examination> {
  const { size } = await stat(path);
  // Never read a file the call would refuse anyway: hash it as a stream and let the size rule speak.
  const content =
    size > deps.ctx.call.maxFileBytes
      ? { size, sha256: await hashStream(path) }
      : { bytes: await readFile(path) };
  return examineFile(
    {
      fileName: basename(path),
      documentType: options.type,
      ...(options.school
        ? { school: { name: options.school, ...(options.level ? { level: options.level } : {}) } }
        : {}),
      content,
    },
    deps.inspector,
    deps.ctx,
  );
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
