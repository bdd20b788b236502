/**
 * The operator's tests: a whole shenbao on the embedded stack (temp data directory, deadline ahead), a stack file
 * that points the `shenbao` CLI at it (SHENBAO_STACK_FILE), the CLI run as a child process as an operator runs it,
 * and a school's side (upload link, presigned POST) over real HTTP.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  postFile,
  requestUploadLink,
  type StoredEmail,
  sentEmails,
} from "../../../infra/local/school-client.ts";
import {
  runningStackOf,
  type ShenbaoLocal,
  type ShenbaoLocalOptions,
  startShenbao,
} from "../../../infra/local/shenbao-local.ts";
import { computeCheckCharacter } from "../../../shared/checks/credit-code.ts";
import type { SchoolIdentityInput } from "../../../shared/checks/school-identity.ts";
import { writeJson } from "../../../shared/config/local-stack-file.ts";

const BIN = new URL("../../../bin/shenbao.js", import.meta.url).pathname;
export const DAY_MS = 86_400_000;

export interface OperatorStack extends ShenbaoLocal {
  dir: string;
  stackFile: string;
  deadline: string;
  /** Runs `shenbao …` in a child process against this stack. */
  cli(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  emails(): Promise<StoredEmail[]>;
  idle(): Promise<void>;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function startOperatorStack(
  options: Omit<ShenbaoLocalOptions, "dataDir"> = {},
): Promise<OperatorStack> {
  const dir = await mkdtemp(join(tmpdir(), "shenbao-operator-"));
  const deadline = options.deadline ?? new Date(Date.now() + 7 * DAY_MS).toISOString();
  const shenbao = await startShenbao({
    staticDir: dir,
    ...options,
    logLevel: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
    deadline,
    dataDir: join(dir, "data"),
  });
  const stackFile = join(dir, "stack.json");
  // This test process runs the stack, so it is the pid the CLI checks for liveness.
  const running = {
    ...runningStackOf(shenbao, deadline),
    sender: process.env.SHENBAO_SENDER ?? "noreply@shenbao.local",
  };

  await writeJson(stackFile, running);
  return {
    ...shenbao,
    // Read through: routeThrough rebuilds the dependencies, and a spread would keep the first ones.
    get dependencies() {
      return shenbao.dependencies;
    },
    dir,
    stackFile,
    deadline,
    cli: (args, env = {}) => runCli(args, { SHENBAO_STACK_FILE: stackFile, ...env }, dir),
    emails: () => sentEmails(shenbao.mailStoreUrl),
    idle: () => shenbao.stack.eventDelivery.whenIdle(),
    async stop() {
      await shenbao.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The CLI as an operator's shell starts it: none of the stack's own variables (AWS endpoints, SHENBAO_TABLE …) that
 * this test process carries, only what `env` gives.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|SHENBAO_)/.test(name)),
  ) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(
      "node",
      [BIN, ...args],
      {
        env: {
          ...inherited,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          NO_COLOR: "1",
          ...env,
        },
        ...(cwd ? { cwd } : {}),
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A college with a credit code valid under GB 32100-2015, distinct per `n`. */
export function college(n: number, overrides: Partial<SchoolIdentityInput> = {}): SchoolIdentityInput {
  const first17 = `12410000MB${String(n).padStart(7, "0")}`;
  return {
    name: `河南第${chineseNumber(n)}职业技术学院`,
    level: "专科",
    creditCode: first17 + computeCheckCharacter(first17),
    contactName: "李明",
    email: `office${n}@college${n}.edu.cn`,
    phone: `0371-6969${String(1000 + n).slice(-4)}`,
    ...overrides,
  };
}

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 一零 … : distinct Chinese names without digits (digits are allowed, but names rarely have them). */
function chineseNumber(n: number): string {
  return [...String(n)].map((d) => DIGITS[Number(d)]).join("");
}

export function officialName(schoolName: string, major: string): string {
  return `${schoolName}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;
}

/** Requests a link and POSTs the bytes through it, as a school's browser does. */
export async function submit(
  stack: ShenbaoLocal,
  token: string,
  fileName: string,
  bytes: Uint8Array,
  documentType?: string,
): Promise<string> {
  const link = await requestUploadLink(stack.baseUrl, token, {
    fileName,
    size: bytes.byteLength,
    ...(documentType ? { documentType } : {}),
  });
  if (!link.ok)
    throw new Error(`link refused: ${link.error.status} ${link.error.code} ${link.error.message}`);
  const posted = await postFile(link.link.upload, bytes, fileName);
  if (posted.status !== 204) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);
  return link.link.submissionId;
}

/** Comma-separated CSV text from rows (no quoting needed for the values the tests use). */
export function csv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `${rows.map((r) => r.join(",")).join("\n")}\n`;
}
