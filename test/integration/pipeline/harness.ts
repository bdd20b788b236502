/**
 * Shared by the pipeline tests: a whole shenbao on the embedded stack (fresh data directory, deadline ahead),
 * schools with valid credit codes, submissions through the real HTTP API and the presigned POST, and the mailbox.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Event } from "aws-lambda";
import {
  getSubmission,
  postFile,
  requestUploadLink,
  type StoredEmail,
  sentEmails,
  type UploadLink,
  waitForReceipt,
} from "../../../infra/local/school-client.ts";
import {
  type ShenbaoLocal,
  type ShenbaoLocalOptions,
  startShenbao,
} from "../../../infra/local/shenbao-local.ts";
import { computeCheckCharacter } from "../../../shared/checks/credit-code.ts";
import type { SchoolIdentityInput } from "../../../shared/checks/school-identity.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";

export const MAJOR = "数控技术";
const DAY_MS = 86_400_000;

export interface Pipeline extends ShenbaoLocal {
  dataDir: string;
  /** Every S3 notification the bucket sent, as S3 sent it (keys form-URL-encoded). */
  s3Events: S3Event[];
  /** Resolves once every message has been handled (retries and dead-lettering included). */
  idle(): Promise<void>;
}

/** shenbao on a fresh data directory, the call's deadline a week ahead unless given. */
export async function startPipeline(options: Omit<ShenbaoLocalOptions, "dataDir"> = {}): Promise<Pipeline> {
  const dataDir = await mkdtemp(join(tmpdir(), "shenbao-pipeline-"));
  const shenbao = await startShenbao({
    deadline: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    staticDir: dataDir,
    // The functions log at INFO; a test report needs only their warnings.
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
    ...options,
    dataDir,
  });
  const s3Events: S3Event[] = [];
  const delivery = shenbao.stack.eventDelivery;
  const publish = delivery.publishS3Event.bind(delivery);
  // Records what the bucket sends, then sends it on unchanged.
  delivery.publishS3Event = (event) => {
    s3Events.push(structuredClone(event));
    publish(event);
  };
  return {
    ...shenbao,
    dataDir,
    s3Events,
    idle: () => delivery.whenIdle(),
    async stop() {
      await shenbao.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Points the handlers' SDK clients for one service at another endpoint (a fault proxy). Call it while the queue is
 * idle: the handlers are rebuilt, as a new container would be. Returns the undo.
 */
export function routeThrough(
  pipeline: Pipeline,
  service: "S3" | "SES" | "DYNAMODB",
  url: string,
): () => void {
  return pipeline.routeThrough(service === "DYNAMODB" ? "dynamodb" : service === "S3" ? "s3" : "ses", url);
}

/** A school with a credit code that passes GB 32100-2015's check, distinct per `n`. */
export function schoolIdentity(n: number, name: string): SchoolIdentityInput {
  const first17 = `12410000MB${String(n).padStart(7, "0")}`;
  return {
    name,
    level: "专科",
    creditCode: first17 + computeCheckCharacter(first17),
    contactName: "李明",
    email: `office${n}@school${n}.edu.cn`,
    phone: "0371-69691995",
  };
}

export async function registerSchool(
  pipeline: Pipeline,
  n: number,
  name: string,
): Promise<{ school: SchoolRecord; token: string }> {
  return pipeline.registerSchool(schoolIdentity(n, name));
}

/** The call's official file name for a school and major. */
export function officialName(schoolName: string, major = MAJOR): string {
  return `${schoolName}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The same bytes but one, in the binary comment on the PDF's second line: still a valid PDF of the same size. */
export function sameSizeVariant(pdf: Uint8Array): Uint8Array {
  const copy = new Uint8Array(pdf);
  if (copy[9] !== 0x25) throw new Error("expected a binary comment line after the PDF header");
  copy[10] = copy[10] === 0xfe ? 0xfd : 0xfe;
  return copy;
}

export interface Submitted {
  submissionId: string;
  link: UploadLink;
}

/** Requests a link for `fileName` and POSTs `bytes` through it, as a school's browser does. */
export async function submit(
  pipeline: Pipeline,
  token: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<Submitted> {
  const link = await requestUploadLink(pipeline.baseUrl, token, { fileName, size: bytes.byteLength });
  if (!link.ok)
    throw new Error(`link refused: ${link.error.status} ${link.error.code} ${link.error.message}`);
  const posted = await postFile(link.link.upload, bytes, fileName);
  if (posted.status !== 204) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);
  return { submissionId: link.link.submissionId, link: link.link };
}

/** The status once the verdict is recorded and the receipt e-mailed, after the queue has gone quiet. */
export async function decided(pipeline: Pipeline, token: string, submissionId: string) {
  await waitForReceipt(pipeline.baseUrl, token, submissionId);
  await pipeline.idle();
  return (await getSubmission(pipeline.baseUrl, token, submissionId)).body as unknown as SubmissionView;
}

/** GET /api/submissions/{id} as the school sees it. */
export interface SubmissionView {
  submissionId: string;
  state: string;
  fileName: string;
  uploadedAt: string | null;
  processedAt: string | null;
  size: number | null;
  sha256: string | null;
  pageCount: number | null;
  findings: Array<{ code: string; severity: string; message: string; fix: string }>;
  receipt: {
    receiptNumber: string;
    version: number | null;
    replaces: string | null;
    emailedAt: string | null;
  } | null;
  supersededBy: string | null;
}

export async function status(pipeline: Pipeline, token: string, submissionId: string) {
  const { status: code, body } = await getSubmission(pipeline.baseUrl, token, submissionId);
  return { code, body: body as unknown as SubmissionView };
}

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > until)
      throw new Error(`${what}: not within ${timeoutMs} ms; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Mail the SES emulator holds for one address. */
export async function mailTo(pipeline: Pipeline, address: string): Promise<StoredEmail[]> {
  return (await sentEmails(pipeline.mailStoreUrl)).filter((m) => m.destination.to.includes(address));
}

/** Receipts (to the school) that carry this receipt number. */
export async function receiptsFor(
  pipeline: Pipeline,
  school: SchoolRecord,
  receiptNumber: string,
): Promise<StoredEmail[]> {
  return (await mailTo(pipeline, school.email)).filter((m) =>
    m.subject.startsWith(`【申报回执】${receiptNumber} `),
  );
}

/** Every stored version of a school's submissions, straight from the table. */
export async function recordsOf(pipeline: Pipeline, schoolId: string) {
  return pipeline.repositories.submissions.listSchoolSubmissions(schoolId);
}

/** Which submission is the school's current application, straight from the table. */
export async function applicationOf(pipeline: Pipeline, schoolId: string) {
  return pipeline.repositories.submissions.getApplication(schoolId, "evidence");
}

export function codes(findings: ReadonlyArray<{ code: string }>): string[] {
  return findings.map((f) => f.code);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The download link on a reviewer notice's "下载链接（…前有效）：" line. */
export function downloadLinkIn(text: string | undefined): string {
  const url = /下载链接（.*?前有效）：(\S+)/.exec(text ?? "")?.[1];
  if (!url) throw new Error(`no download link in:\n${text}`);
  return url;
}

/** The file name a Content-Disposition header gives in RFC 5987 form (`filename*=UTF-8''…`). */
export function rfc5987FileName(disposition: string): string | undefined {
  const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1];
  return encoded === undefined ? undefined : decodeURIComponent(encoded);
}
