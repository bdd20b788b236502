/**
 * What the security suites share: shenbao on the embedded stack in a fresh data directory, schools with valid
 * credit codes, raw HTTP from a chosen loopback address (the API rate-limits bad tokens per client address), and
 * the assertions every refusal must meet.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { type ShenbaoLocal, startShenbao } from "../../infra/local/shenbao-local.ts";
import { computeCheckCharacter } from "../../shared/checks/credit-code.ts";
import type { SchoolIdentityInput } from "../../shared/checks/school-identity.ts";

export const MAJOR = "数控技术";
const DAY_MS = 86_400_000;

export interface SecurityStack extends ShenbaoLocal {
  dataDir: string;
}

/** shenbao on a fresh data directory, the deadline a week ahead unless given. Stop it to remove everything. */
export async function startSecurityStack(
  options: { deadline?: string; reviewers?: string[]; logLevel?: string } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), "shenbao-security-"));
  const shenbao = await startShenbao({
    dataDir,
    staticDir: dataDir,
    deadline: options.deadline ?? new Date(Date.now() + 7 * DAY_MS).toISOString(),
    ...(options.reviewers ? { reviewers: options.reviewers } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  return {
    ...shenbao,
    dataDir,
    async stop() {
      await shenbao.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  } satisfies SecurityStack;
}

/** A school with a credit code that passes GB 32100-2015's check, distinct per `n`. */
export function schoolIdentity(n: number, name: string): SchoolIdentityInput {
  const first17 = `12410000MC${String(n).padStart(7, "0")}`;
  return {
    name,
    level: "专科",
    creditCode: first17 + computeCheckCharacter(first17),
    contactName: "李明",
    email: `office${n}@security${n}.edu.cn`,
    phone: "0371-69691995",
  };
}

/** The call's official file name for a school and major. */
export function officialName(schoolName: string, major = MAJOR): string {
  return `${schoolName}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;
}

export async function submissionCount(stack: SecurityStack, schoolId: string): Promise<number> {
  return (await stack.repositories.submissions.listSchoolSubmissions(schoolId)).length;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/**
 * One HTTP request through node:http, from `from` (a 127.0.0.0/8 address) when given, so that a suite can act as
 * several clients; the API counts failed token presentations per client address.
 */
export function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; from?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers ?? {},
        ...(init.from ? { localAddress: init.from } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * Bytes written straight to the socket, for requests no HTTP client will send (a bare CR in a header, obsolete
 * line folding). Resolves to the status line's code and what followed.
 */
export function sendRaw(baseUrl: string, raw: string | Buffer): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("close", finish);
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // The server may close its side as soon as it has answered.
      if ((error.code === "ECONNRESET" || error.code === "EPIPE") && chunks.length > 0) finish();
      else reject(error);
    });
    socket.on("end", finish);
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString("utf8");
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The API's one error shape, `{ error: { code, message } }`, with a message in Chinese. */
export function expectApiError(response: RawResponse, status: number | number[], code?: string): void {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `status ${response.status}: ${response.text.slice(0, 300)}`).toContain(response.status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const error = (response.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  expect(error, response.text.slice(0, 300)).toMatchObject({
    code: expect.any(String),
    message: expect.any(String),
  });
  if (code !== undefined) expect(error?.code).toBe(code);
  expect(String(error?.message)).toMatch(/\p{Script=Han}/u);
}

/** The response headers the API may send: none of them carries request input. */
export const API_RESPONSE_HEADERS = new Set([
  "content-type",
  "content-length",
  "cache-control",
  "x-content-type-options",
  "www-authenticate",
  "retry-after",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "vary",
  "access-control-allow-origin",
]);
