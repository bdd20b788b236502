import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { loadCallFiles } from "../shared/call/load-call-files.ts";
import type { SchoolLevel } from "../shared/call/schema.ts";
import type { CheckContext } from "../shared/checks/context.ts";
import { type BytesInspector, type Examination, examineFile } from "../shared/examination/examine.ts";
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
  const sounds = lazySoundKey();
  const { call, catalog } = loadCallFiles(process.env, { soundKey: sounds.key });
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
      inspector: sounds.afterInspecting(inspector),
      beforeRules: sounds.load,
      stdout: process.stdout,
      stderr: process.stderr,
    },
  );
}

/**
 * The catalog's pronunciation key (pinyin-pro: a large dictionary, used only to suggest a major named with a
 * homophone), loaded while the worker inspects the file instead of before: the rules run only once it is loaded, so
 * their findings are exactly the pipeline's.
 */
function lazySoundKey() {
  let loaded: ((name: string) => string) | undefined;
  let loading: Promise<void> | undefined;
  const load = (): Promise<void> => {
    loading ??= import("../shared/call/pinyin-sound.ts").then(({ pinyinSoundKey }) => {
      loaded = pinyinSoundKey;
    });
    return loading;
  };
  return {
    load,
    key(name: string): string {
      if (!loaded) throw new Error("the catalog's pronunciations were used before they were loaded");
      return loaded(name);
    },
    afterInspecting(inspector: BytesInspector): BytesInspector {
      return {
        async inspectBytes(bytes, options) {
          const inspected = inspector.inspectBytes(bytes, options);
          // The inspection's rejection is the one to report; a failed import surfaces at the next await of load().
          await load().catch(() => undefined);
          return inspected;
        },
      };
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
    /** Awaited before the rules run on a file (what they need that loads beside the inspection). */
    beforeRules?: () => Promise<void>;
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
  deps: { ctx: CheckContext; inspector: BytesInspector; beforeRules?: () => Promise<void> },
): Promise<Examination> {
  const { size } = await stat(path);
  // Never read a file the call would refuse anyway: hash it as a stream and let the size rule speak. The inspector is
  // given no more than the call allows (checkCommand starts it before the call is known, without a size bound of its
  // own): a file that grew between stat and read is measured again.
  const max = deps.ctx.call.maxFileBytes;
  const bytes = size > max ? undefined : await readFile(path);
  const content =
    bytes && bytes.byteLength <= max
      ? { bytes }
      : { size: bytes?.byteLength ?? size, sha256: bytes ? sha256Of(bytes) : await hashStream(path) };
  // A file the inspector is given waits for it there (afterInspecting); any other goes to the rules at once.
  if (!("bytes" in content)) await deps.beforeRules?.();
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
