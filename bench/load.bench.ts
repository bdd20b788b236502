/**
 * Deadline-day load: `npm run bench:load` (N=300 schools by default; `N=50 npm run bench:load` for a quick run).
 *
 * The embedded local stack as `npm start` runs it (the real handlers, the local queue and isolated inspection workers,
 * one per core but one, in this process; s3rver, dynalite and the SES emulator in the emulator process, emulator-process.ts)
 * takes one submission from each of N registered schools, all at once: every school
 * requests its link and POSTs a realistic evidence file (20–50 A4 pages with bookmarks, Chinese text and scanned
 * pages, 100 KB–1 MB) in the same instant. The schools are a child process (this file with `--client`), as their
 * machines are not the server's: in the server's process their HTTP work took about a tenth of its main thread.
 * The benchmark then waits until every receipt is in the mailbox and audits the result: every upload has exactly
 * one DynamoDB record with a verdict, exactly one receipt e-mail (counted by recipient and by submission id), each
 * reviewer exactly one notice per upload, and nothing was dead-lettered.
 *
 * Reported: throughput, time from upload completion (S3's 204) to the receipt in the mailbox (p50/p95/p99; the
 * mailbox is read every POLL_MS), the function's own time per upload (from its "upload processed" log lines), its
 * AWS calls per upload, the main thread's event-loop delay, and the peak resident memory of the server's process
 * (the inspection workers are threads of it; the emulator process is not counted), each against issue 15's target
 * where it has one (receipt/upload throughput ≥ 1, upload → receipt p50 ≤ 1.5 s, p99 ≤ 3 s, audit clean). Prints a
 * table and writes bench/out/load.json, plus
 * test-artifacts/security/load.json for SECURITY.md's results table. Profile with
 * `node --cpu-prof --import tsx bench/load.bench.ts`: the burst's window is printed in the profile's clock; the
 * emulator process writes a profile of its own.
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
import { postFile, requestUploadLink, sentEmails } from "../infra/local/school-client.ts";
import { DEADLINE_DAY_QUEUE, startShenbao } from "../infra/local/shenbao-local.ts";
import type { EvidenceTextStore } from "../shared/application/evidence-text.ts";
import type { AwsClients } from "../shared/aws/clients.ts";
import { computeCheckCharacter } from "../shared/checks/credit-code.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import type { SubmissionRepository } from "../shared/submissions/repository.ts";
import { chineseApplicationPdf, scannedPdf } from "../test/fixtures/pdf/make-fixtures.ts";
import { writeArtifact } from "../test/security/results.ts";

const N = Number(process.env.N ?? 300);
const POLL_MS = 25;
const RECEIPT_TIMEOUT_MS = Number(process.env.RECEIPT_TIMEOUT_MS ?? 10 * 60_000);
const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];
/** Files schools send: pages in all, of which scanned, and the scanned pages' total bytes (~ the file's size). */
const VARIANTS = [
  { pages: 20, scanned: 2, scanBytes: 80_000 },
  { pages: 26, scanned: 4, scanBytes: 220_000 },
  { pages: 32, scanned: 6, scanBytes: 380_000 },
  { pages: 38, scanned: 8, scanBytes: 560_000 },
  { pages: 44, scanned: 10, scanBytes: 760_000 },
  { pages: 50, scanned: 12, scanBytes: 960_000 },
];
/**
 * Issue 15's targets for the burst: receipts keep pace with uploads; and at most 10 DynamoDB/S3 calls per accepted
 * upload, link request and processing together (SES sends, one per e-mail, not counted).
 */
const TARGETS = {
  receiptToUploadThroughput: 1,
  uploadToReceiptP50Ms: 1500,
  uploadToReceiptP99Ms: 3000,
  dynamoS3CallsPerUpload: 10,
};
const OUT = fileURLToPath(new URL("./out/load.json", import.meta.url));

interface School {
  record: SchoolRecord;
  token: string;
  variant: number;
}

interface Upload {
  school: School;
  submissionId: string;
  linkMs: number;
  uploadMs: number;
  /** When S3 answered the POST, on `clock()`. */
  uploadedAt: number;
}

/** What the client process is told, and what it answers. */
type ToClient =
  | { type: "plan"; baseUrl: string; schools: Array<{ token: string; fileName: string; variant: number }> }
  | { type: "go" };
type FromClient =
  | { type: "ready"; sizes: number[] }
  | {
      type: "done";
      uploads: Array<Omit<Upload, "school"> & { index: number }>;
      startedAt: number;
      /** The schools' own CPU time from "go" to their last upload (user + system), ms. */
      cpuMs: number;
    }
  | { type: "failed"; message: string };

/** Milliseconds on a clock both processes share (the epoch, at the monotonic clock's resolution). */
const clock = () => performance.timeOrigin + performance.now();

/** Chinese text pages with bookmarks (as WPS exports them), then scanned pages. */
async function evidenceFile(variant: (typeof VARIANTS)[number]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await chineseApplicationPdf(variant.pages - variant.scanned));
  const scans = await PDFDocument.load(
    await scannedPdf(variant.scanned, variant.scanBytes / variant.scanned),
  );
  for (const page of await doc.copyPages(scans, scans.getPageIndices())) doc.addPage(page);
  return doc.save();
}

/**
 * Receipts by submission id ("提交编号：…" in the body), with the moment each was first seen in the mailbox. The SES
 * emulator runs in the emulator process, so its mailbox is read through its HTTP API: the mail of the last few
 * seconds (GET /store?since=, whole seconds) every POLL_MS, each e-mail counted once by its message id.
 */
function watchReceipts(mailStoreUrl: string) {
  const seenAt = new Map<string, number>();
  const read = new Set<string>();
  let since = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      // Whatever is stored from now on is stamped (in whole seconds) no earlier than this second.
      const next = Math.floor(Date.now() / 1000) - 1;
      const emails = await sentEmails(`${mailStoreUrl}?since=${since}`);
      const at = clock();
      for (const email of emails) {
        // The emulator's message ids are 9 random digits: with the recipient and subject they are unique here.
        const key = `${email.messageId} ${email.destination.to.join(",")} ${email.subject}`;
        if (read.has(key)) continue;
        read.add(key);
        if (!email.subject.startsWith("【申报回执】")) continue;
        const id = /提交编号：([0-9A-Z]{26})/.exec(email.body.text ?? "")?.[1];
        if (id && !seenAt.has(id)) seenAt.set(id, at);
      }
      since = next;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return {
    seenAt,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** The functions' "upload processed" lines (INFO, JSON on stdout): the function's own time per upload. */
function captureProcessingTimes(): { elapsedMs: number[]; restore(): void } {
  const elapsedMs: number[] = [];
  const original = process.stdout.write;
  process.stdout.write = function write(
    this: NodeJS.WriteStream,
    chunk: unknown,
    ...rest: unknown[]
  ): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    if (text.startsWith("{")) {
      for (const line of text.split("\n")) {
        const match = /"message":"upload processed".*"elapsedMs":(\d+)/.exec(line);
        if (match) elapsedMs.push(Number(match[1]));
      }
      if (/"level":"(DEBUG|INFO)"/.test(text)) return true;
    }
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;
  return {
    elapsedMs,
    restore() {
      process.stdout.write = original;
    },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "shenbao-load-"));
  const logs = captureProcessingTimes();
  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const shenbao = await startShenbao({
    dataDir,
    staticDir: dataDir,
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    reviewers: REVIEWERS,
    // captureProcessingTimes reads the "upload processed" lines the functions log at INFO.
    logLevel: "INFO",
    // As `npm start` runs: the emulators in a process of their own, an inspection worker per core but one.
    emulatorProcess: true,
    inspectors: Math.max(1, availableParallelism() - 1),
    // As `npm start` runs its queue: a batch waiting for its evidence text holds back no other school's receipt.
    queue: DEADLINE_DAY_QUEUE,
  });
  const receipts = watchReceipts(shenbao.mailStoreUrl);
  const client = startClient();
  try {
    process.stderr.write(
      `registering ${N} schools; the client process generates ${VARIANTS.length} files…\n`,
    );
    const schools: School[] = [];
    for (let n = 1; n <= N; n++) {
      const first17 = `12410000MD${String(n).padStart(7, "0")}`;
      const { school, token } = await shenbao.registerSchool({
        name: `河南负载测试第${chineseNumber(n)}职业技术学院`,
        level: "专科",
        creditCode: first17 + computeCheckCharacter(first17),
        contactName: "李明",
        email: `office${n}@load${n}.edu.cn`,
        phone: "0371-69691995",
      });
      schools.push({ record: school, token, variant: n % VARIANTS.length });
    }
    client.send({
      type: "plan",
      baseUrl: shenbao.baseUrl,
      schools: schools.map((s) => ({
        token: s.token,
        fileName: officialName(s.record.name),
        variant: s.variant,
      })),
    } satisfies ToClient);
    const { sizes } = await client.next("ready");
    // The queue's test event is handled; the inspection worker starts with the first file, as in a cold container.
    await shenbao.stack.eventDelivery.whenIdle();

    const calls = countAwsCalls(shenbao.dependencies.clients);
    process.stderr.write(`burst: ${N} schools request links and upload at once…\n`);
    const profiling = process.execArgv.some((flag) => flag.startsWith("--cpu-prof"));
    if (profiling) process.stderr.write(`profile window starts at ${process.hrtime.bigint() / 1000n} µs\n`);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const rssBeforeBurst = process.memoryUsage.rss();
    const cpuBefore = cpuByProcess();
    client.send({ type: "go" } satisfies ToClient);
    const done = await client.next("done");
    const burstStart = done.startedAt;
    const uploads: Upload[] = done.uploads.map(({ index, ...upload }) => ({
      ...upload,
      school: schools[index] as School,
    }));
    const lastUpload = Math.max(...uploads.map((u) => u.uploadedAt));
    const until = clock() + RECEIPT_TIMEOUT_MS;
    while (uploads.some((u) => !receipts.seenAt.has(u.submissionId))) {
      if (clock() > until) throw new Error(`not every receipt within ${RECEIPT_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const lastReceipt = Math.max(...uploads.map((u) => receipts.seenAt.get(u.submissionId) ?? 0));
    if (profiling) process.stderr.write(`profile window ends at ${process.hrtime.bigint() / 1000n} µs\n`);
    loop.disable();
    const cpuAfter = cpuByProcess();
    await shenbao.stack.eventDelivery.whenIdle();
    // The evidence texts are read after the receipts: the queue is idle once every one is kept.
    const allDone = clock();
    const cpuIdle = cpuByProcess();
    // Before the audit (whose queries go through the stack's own clients, not the handlers').
    const burstCalls = [...calls];

    const audit = await auditRun(
      shenbao.mailStoreUrl,
      uploads,
      shenbao.stack.eventDelivery.listDeadLetters().length,
      shenbao.repositories.submissions,
      shenbao.dependencies.evidenceText,
    );
    const toReceipt = uploads.map((u) => (receipts.seenAt.get(u.submissionId) ?? 0) - u.uploadedAt);
    const fileSizes = schools.map((s) => sizes[s.variant] ?? 0);
    const report = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: availableParallelism(), model: cpus()[0]?.model ?? "" },
      n: N,
      files: {
        pages: VARIANTS.map((v) => v.pages),
        bytes: {
          min: Math.min(...fileSizes),
          max: Math.max(...fileSizes),
          total: fileSizes.reduce((a, b) => a + b, 0),
        },
      },
      reviewers: REVIEWERS.length,
      pollMs: POLL_MS,
      burst: {
        uploadsCompleteMs: Math.round(lastUpload - burstStart),
        allReceiptsMs: Math.round(lastReceipt - burstStart),
        uploadsPerSecond: round1(N / ((lastUpload - burstStart) / 1000)),
        receiptsPerSecond: round1(N / ((lastReceipt - burstStart) / 1000)),
        receiptToUploadThroughput:
          Math.round(((lastUpload - burstStart) / (lastReceipt - burstStart)) * 100) / 100,
        allTextsKeptMs: Math.round(allDone - burstStart),
      },
      targets: TARGETS,
      latencyMs: {
        link: stats(uploads.map((u) => u.linkMs)),
        upload: stats(uploads.map((u) => u.uploadMs)),
        uploadToReceipt: stats(toReceipt),
        // What a school waits in all: from asking for its link to its receipt in the mailbox.
        linkToReceipt: stats(
          uploads.map(
            (u) => (receipts.seenAt.get(u.submissionId) ?? 0) - (u.uploadedAt - u.uploadMs - u.linkMs),
          ),
        ),
        functionPerUpload: stats(logs.elapsedMs),
      },
      awsCallsPerUpload: Object.fromEntries(
        burstCalls.sort((x, y) => y[1] - x[1]).map(([name, count]) => [name, round1(count / N)]),
      ),
      eventLoopDelayMs: {
        p50: round1(loop.percentile(50) / 1e6),
        p99: round1(loop.percentile(99) / 1e6),
        max: round1(loop.max / 1e6),
      },
      // CPU time spent during the burst (until the last receipt), per upload: what two cores must supply.
      cpuMsPerUpload: Object.fromEntries(
        Object.entries(cpuAfter).map(([name, ms]) => [name, Math.round((ms - (cpuBefore[name] ?? 0)) / N)]),
      ),
      // The schools' client, which on deadline day runs on their machines, not ours: here it takes from the same cores.
      schoolsCpuMsPerUpload: Math.round(done.cpuMs / N),
      // And until the queue is idle: the evidence texts read after the receipts included.
      cpuMsPerUploadInAll: Object.fromEntries(
        Object.entries(cpuIdle).map(([name, ms]) => [name, Math.round((ms - (cpuBefore[name] ?? 0)) / N)]),
      ),
      memory: {
        // The server's process: the stack, the functions and the inspection worker; the schools are elsewhere.
        peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20),
        rssBeforeBurstMb: Math.round(rssBeforeBurst / 2 ** 20),
      },
      audit,
    };
    printTable(report);
    await mkdir(join(OUT, ".."), { recursive: true });
    await writeFile(OUT, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwritten: ${OUT}\n`);
    await recordForSecurityDoc(report);
    if (!audit.ok) process.exitCode = 1;
  } finally {
    client.stop();
    clearInterval(rssSampler);
    await receipts.stop();
    await shenbao.stop();
    logs.restore();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The functions' AWS calls during the burst, by service and command: the SDK clients the handlers were built with,
 * counted by a middleware (the document client shares the DynamoDB client's stack). The local upload gateway's
 * PutObject into s3rver goes through a client of its own, not counted.
 */
function countAwsCalls(handlerClients: AwsClients): Map<string, number> {
  const counts = new Map<string, number>();
  const clients = { DynamoDB: handlerClients.dynamodb, S3: handlerClients.s3, SES: handlerClients.ses };
  for (const [service, client] of Object.entries(clients)) {
    (client.middlewareStack as unknown as CountableStack).add(
      (next, context) => (args) => {
        const name = `${service} ${context.commandName ?? "?"}`;
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: "initialize", name: "shenbaoLoadCount" },
    );
  }
  return counts;
}

/** The one shape of the SDK's middleware stack used here: the three clients' own types do not unite. */
interface CountableStack {
  add(
    middleware: (
      next: (args: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: "initialize"; name: string },
  ): void;
}

/** What every upload must have left behind: one record with a verdict, one receipt, one notice per reviewer. */
async function auditRun(
  storeUrl: string,
  uploads: Upload[],
  deadLetters: number,
  submissions: SubmissionRepository,
  texts: Pick<EvidenceTextStore, "readEvidenceText">,
) {
  const emails = await sentEmails(storeUrl);
  const receiptsBySubmission = new Map<string, number>();
  const receiptsByRecipient = new Map<string, number>();
  const noticesByReceiptNumber = new Map<string, number>();
  for (const email of emails) {
    if (email.subject.startsWith("【申报回执】")) {
      const id = /提交编号：([0-9A-Z]{26})/.exec(email.body.text ?? "")?.[1] ?? "?";
      receiptsBySubmission.set(id, (receiptsBySubmission.get(id) ?? 0) + 1);
      for (const to of email.destination.to)
        receiptsByRecipient.set(to, (receiptsByRecipient.get(to) ?? 0) + 1);
    } else if (email.subject.startsWith("【待评审】")) {
      for (const to of email.destination.to) {
        const key = `${to} ${email.subject.split(" ").at(-1)}`;
        noticesByReceiptNumber.set(key, (noticesByReceiptNumber.get(key) ?? 0) + 1);
      }
    }
  }
  let oneRecordWithVerdict = 0;
  let accepted = 0;
  let receiptMarked = 0;
  const receiptNumbers: string[] = [];
  let textKept = 0;
  let textRead = 0;
  for (const upload of uploads) {
    const records = await submissions.listSchoolSubmissions(upload.school.record.schoolId);
    const record = records[0];
    if (records.length === 1 && record?.submissionId === upload.submissionId && record.verdict) {
      oneRecordWithVerdict += 1;
      receiptNumbers.push(record.verdict.receiptNumber);
      if (record.state === "ACCEPTED") accepted += 1;
      if (record.receiptSentAt) receiptMarked += 1;
    }
    // Read after the receipt, but kept before the queue let the message go.
    const text = await texts.readEvidenceText(upload.school.record.schoolId, upload.submissionId);
    if (text) textKept += 1;
    if (text?.pages.some((page) => page.kind === "text")) textRead += 1;
  }
  const exactlyOneReceipt = uploads.filter(
    (u) =>
      receiptsBySubmission.get(u.submissionId) === 1 && receiptsByRecipient.get(u.school.record.email) === 1,
  ).length;
  const exactlyOneNoticeEach = receiptNumbers.filter((number) =>
    REVIEWERS.every((reviewer) => noticesByReceiptNumber.get(`${reviewer} ${number}`) === 1),
  ).length;
  const n = uploads.length;
  const audit = {
    uploads: n,
    oneRecordWithVerdict,
    accepted,
    receiptMarkedSent: receiptMarked,
    exactlyOneReceipt,
    receiptsSent: [...receiptsBySubmission.values()].reduce((a, b) => a + b, 0),
    exactlyOneNoticePerReviewer: exactlyOneNoticeEach,
    reviewerNoticesSent: [...noticesByReceiptNumber.values()].reduce((a, b) => a + b, 0),
    deadLetters,
    evidenceTextKept: textKept,
    /** Of those, how many with the text read (not every page kept as without text after a failed read). */
    evidenceTextRead: textRead,
    ok: false,
  };
  audit.ok =
    oneRecordWithVerdict === n &&
    accepted === n &&
    receiptMarked === n &&
    exactlyOneReceipt === n &&
    audit.receiptsSent === n &&
    exactlyOneNoticeEach === n &&
    audit.reviewerNoticesSent === n * REVIEWERS.length &&
    textKept === n &&
    deadLetters === 0;
  return audit;
}

type Report = {
  n: number;
  machine: { cpus: number };
  files: { pages: number[]; bytes: { min: number; max: number; total: number } };
  burst: {
    uploadsCompleteMs: number;
    allReceiptsMs: number;
    uploadsPerSecond: number;
    receiptsPerSecond: number;
    receiptToUploadThroughput: number;
    allTextsKeptMs: number;
  };
  targets: typeof TARGETS;
  latencyMs: Record<
    "link" | "upload" | "uploadToReceipt" | "linkToReceipt" | "functionPerUpload",
    ReturnType<typeof stats>
  >;
  awsCallsPerUpload: Record<string, number>;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  cpuMsPerUpload: Record<string, number>;
  schoolsCpuMsPerUpload: number;
  cpuMsPerUploadInAll: Record<string, number>;
  memory: { peakRssMb: number; rssBeforeBurstMb: number };
  audit: Awaited<ReturnType<typeof auditRun>>;
};

async function recordForSecurityDoc(report: Report): Promise<void> {
  const { audit, burst, latencyMs } = report;
  const lost = report.n - Math.min(audit.oneRecordWithVerdict, audit.exactlyOneReceipt) + audit.deadLetters;
  await writeArtifact({
    suite: "load",
    source: "bench/load.bench.ts",
    configuration: { n: report.n },
    standard: report.n === 300,
    passed: audit.ok,
    recordedAt: new Date().toISOString(),
    node: process.version,
    rows: [
      {
        id: "load.burst",
        area: "Load",
        tried:
          `${report.n} schools request a link and upload a ${report.files.pages[0]}–${report.files.pages.at(-1)}-page ` +
          "evidence file with bookmarks at the same instant (npm run bench:load, embedded stack as npm start runs it: emulators in a process of their own, an inspection worker per core but one)",
        cases: report.n,
        outcome:
          `${burst.receiptsPerSecond} receipts/s; upload → receipt p50 ${latencyMs.uploadToReceipt.p50} ms, ` +
          `p95 ${latencyMs.uploadToReceipt.p95} ms, p99 ${latencyMs.uploadToReceipt.p99} ms; link request → ` +
          `receipt p50 ${latencyMs.linkToReceipt.p50} ms; peak RSS ` +
          `${report.memory.peakRssMb} MB; audit: ${audit.oneRecordWithVerdict} records with a verdict, ` +
          `${audit.exactlyOneReceipt} exactly-one receipts, ${audit.reviewerNoticesSent} reviewer notices, ` +
          `${audit.deadLetters} dead letters`,
        lost,
      },
    ],
  });
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN);
  return {
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: Math.round(sorted.at(-1) ?? Number.NaN),
    n: sorted.length,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function printTable(report: Report): void {
  const { burst, latencyMs, audit, targets } = report;
  const dynamoS3Calls = round1(
    Object.entries(report.awsCallsPerUpload)
      .filter(([name]) => !name.startsWith("SES "))
      .reduce((sum, [, n]) => sum + n, 0),
  );
  const met = (ok: boolean) => (ok ? "met" : "NOT MET");
  const systemCpu = Object.values(report.cpuMsPerUpload).reduce((a, b) => a + b, 0);
  const capacity = (report.machine.cpus * 1000) / Math.max(1, systemCpu + report.schoolsCpuMsPerUpload);
  // The CPU one upload may take for the cores to serve uploads at the rate they arrived, the schools' share aside.
  const keepPaceBudget =
    (report.machine.cpus * 1000) / Math.max(0.1, burst.uploadsPerSecond) - report.schoolsCpuMsPerUpload;
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
  const row = (label: string, s: ReturnType<typeof stats>) =>
    `${label.padEnd(34)}${String(s.p50).padStart(8)}${String(s.p95).padStart(8)}${String(s.p99).padStart(8)}${String(s.max).padStart(8)}`;
  const lines = [
    `shenbao deadline-day burst on the local stack: N=${report.n} schools at once, ` +
      `${report.files.pages[0]}–${report.files.pages.at(-1)} pages, ${mb(report.files.bytes.min)}–${mb(report.files.bytes.max)} MB ` +
      `(${mb(report.files.bytes.total)} MB in all)`,
    "",
    `${"ms".padEnd(34)}${"p50".padStart(8)}${"p95".padStart(8)}${"p99".padStart(8)}${"max".padStart(8)}`,
    row("link request", latencyMs.link),
    row("upload (POST until S3's 204)", latencyMs.upload),
    row("upload done → receipt in mailbox", latencyMs.uploadToReceipt),
    row("link request → receipt (in all)", latencyMs.linkToReceipt),
    row("process-upload's own time per file", latencyMs.functionPerUpload),
    "",
    `AWS calls per upload (functions; GetObject includes presigning the reviewers' link): ${Object.entries(
      report.awsCallsPerUpload,
    )
      .map(([name, n]) => `${name} ${n}`)
      .join(", ")}`,
    `all uploads done ${burst.uploadsCompleteMs} ms after the burst began (${burst.uploadsPerSecond} uploads/s); ` +
      `all receipts ${burst.allReceiptsMs} ms (${burst.receiptsPerSecond} receipts/s)`,
    "",
    "targets (issue 15: receipts keep pace with uploads):",
    `  receipt/upload throughput ${burst.receiptToUploadThroughput} (target ≥ ${targets.receiptToUploadThroughput}): ${met(burst.receiptToUploadThroughput >= targets.receiptToUploadThroughput)}`,
    `  upload done → receipt p50 ${latencyMs.uploadToReceipt.p50} ms (target ≤ ${targets.uploadToReceiptP50Ms}): ${met(latencyMs.uploadToReceipt.p50 <= targets.uploadToReceiptP50Ms)}`,
    `  upload done → receipt p99 ${latencyMs.uploadToReceipt.p99} ms (target ≤ ${targets.uploadToReceiptP99Ms}): ${met(latencyMs.uploadToReceipt.p99 <= targets.uploadToReceiptP99Ms)}`,
    `  audit ${audit.ok ? "ok" : "FAILED"} (target: ok): ${met(audit.ok)}`,
    `  DynamoDB/S3 calls per accepted upload (link request and processing) ${dynamoS3Calls} (target ≤ ${targets.dynamoS3CallsPerUpload}): ${met(dynamoS3Calls <= targets.dynamoS3CallsPerUpload)}`,
    "",
    `CPU per upload during the burst (ms): ${Object.entries(report.cpuMsPerUpload)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(
        ", ",
      )}; in all ${systemCpu} ms, and the schools' client ${report.schoolsCpuMsPerUpload} ms more ` +
      "(their machines on deadline day, this machine's cores here)",
    `why (CPU): ${report.machine.cpus} cores can take at most ${round1(capacity)} uploads/s from link to receipt at ` +
      `${systemCpu + report.schoolsCpuMsPerUpload} ms each; uploads arrived at ${burst.uploadsPerSecond}/s, so receipts ` +
      `keep pace only at ≤ ${Math.round(keepPaceBudget)} ms of the stack's CPU per upload (this run: ${systemCpu} ms)`,
    `CPU per upload until every evidence text is kept (${burst.allTextsKeptMs} ms after the burst began): ${Object.entries(
      report.cpuMsPerUploadInAll,
    )
      .map(([name, ms]) => `${name} ${ms}`)
      .join(", ")}; in all ${Object.values(report.cpuMsPerUploadInAll).reduce((a, b) => a + b, 0)} ms`,
    `main thread event-loop delay: p50 ${report.eventLoopDelayMs.p50} ms, p99 ${report.eventLoopDelayMs.p99} ms, ` +
      `max ${report.eventLoopDelayMs.max} ms; peak RSS ${report.memory.peakRssMb} MB ` +
      `(${report.memory.rssBeforeBurstMb} MB before the burst)`,
    `audit: ${audit.oneRecordWithVerdict}/${audit.uploads} one record with a verdict (${audit.accepted} accepted, ` +
      `${audit.receiptMarkedSent} marked receipted), ${audit.exactlyOneReceipt}/${audit.uploads} exactly one receipt ` +
      `(${audit.receiptsSent} sent), ${audit.exactlyOneNoticePerReviewer}/${audit.uploads} one notice per reviewer ` +
      `(${audit.reviewerNoticesSent} sent), ${audit.evidenceTextKept}/${audit.uploads} evidence text kept ` +
      `(${audit.evidenceTextRead} with text read), ${audit.deadLetters} dead letters: ${audit.ok ? "ok" : "FAILED"}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** 1 → 一, 23 → 二十三, 300 → 三百: school names must be Chinese. */
function chineseNumber(n: number): string {
  const digits = "零一二三四五六七八九";
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let text = hundreds > 0 ? `${digits[hundreds]}百` : "";
  if (tens > 0) text += `${hundreds === 0 && tens === 1 ? "" : digits[tens]}十`;
  else if (hundreds > 0 && ones > 0) text += "零";
  if (ones > 0) text += digits[ones];
  return text;
}

/**
 * CPU time (user + system, ms) of this process and, from /proc on Linux, of the emulator process. On Linux this
 * process's time is split between its main thread (HTTP, the queue, the handlers, the SDK) and its other threads
 * (the inspection workers, libuv's pool, V8's GC helpers). Elsewhere only this process is counted, undivided. The
 * schools' client reports its own (it has ended by the time the last receipt arrives).
 */
function cpuByProcess(): Record<string, number> {
  const { user, system } = process.cpuUsage();
  const server = (user + system) / 1000;
  try {
    const tickMs = 10; // USER_HZ is 100 on Linux
    const mainThread = procCpuMs(`/proc/${process.pid}/task/${process.pid}/stat`, tickMs);
    const times: Record<string, number> = {
      "server main thread": mainThread,
      "server other threads": Math.max(0, server - mainThread),
    };
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8").split(" ");
    for (const pid of children.filter((p) => p.trim() !== "")) {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("emulator-child"))
        times.emulators = procCpuMs(`/proc/${pid}/stat`, tickMs);
    }
    return times;
  } catch {
    // No /proc: this process only.
    return { server };
  }
}

/** utime + stime of a /proc stat file (fields 14 and 15; 12 and 13 after the command name), in ms. */
function procCpuMs(statFile: string, tickMs: number): number {
  const fields = readFileSync(statFile, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * tickMs;
}

/** The schools' process: this file run with `--client`, spoken to over IPC. */
function startClient() {
  const child = fork(fileURLToPath(import.meta.url), ["--client"], { execArgv: ["--import", "tsx"] });
  const inbox: FromClient[] = [];
  let waiting: (() => void) | undefined;
  let exited: Error | undefined;
  child.on("message", (message: FromClient) => {
    inbox.push(message);
    waiting?.();
  });
  child.on("exit", (code) => {
    exited = new Error(`the client process exited with code ${code}`);
    waiting?.();
  });
  return {
    send(message: ToClient) {
      child.send(message);
    },
    async next<T extends FromClient["type"]>(type: T): Promise<Extract<FromClient, { type: T }>> {
      for (;;) {
        const message = inbox.shift();
        if (message?.type === "failed") throw new Error(`client: ${message.message}`);
        if (message?.type === type) return message as Extract<FromClient, { type: T }>;
        if (message) continue;
        if (exited) throw exited;
        await new Promise<void>((resolve) => {
          waiting = resolve;
        });
      }
    },
    stop() {
      if (child.exitCode === null) child.kill();
    },
  };
}

/** In the client process: make the files, then, on "go", every school requests its link and uploads at once. */
async function runClient(): Promise<void> {
  const files = await Promise.all(VARIANTS.map(evidenceFile));
  const reply = (message: FromClient) => process.send?.(message);
  let plan: Extract<ToClient, { type: "plan" }> | undefined;
  process.on("message", async (message: ToClient) => {
    if (message.type === "plan") {
      plan = message;
      reply({ type: "ready", sizes: files.map((f) => f.byteLength) });
      return;
    }
    if (!plan) return;
    const { baseUrl, schools } = plan;
    try {
      const startedAt = clock();
      const cpuAtGo = process.cpuUsage();
      const uploads = await Promise.all(
        schools.map(async (school, index) => {
          const file = files[school.variant] as Uint8Array;
          const started = clock();
          const link = await requestUploadLink(baseUrl, school.token, {
            fileName: school.fileName,
            size: file.byteLength,
          });
          if (!link.ok) throw new Error(`link refused: ${link.error.status} ${link.error.code}`);
          const linked = clock();
          const posted = await postFile(link.link.upload, file, school.fileName);
          if (posted.status !== 204) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);
          const uploadedAt = clock();
          const { submissionId } = link.link;
          return { index, submissionId, linkMs: linked - started, uploadMs: uploadedAt - linked, uploadedAt };
        }),
      );
      const cpu = process.cpuUsage(cpuAtGo);
      reply({ type: "done", uploads, startedAt, cpuMs: (cpu.user + cpu.system) / 1000 });
    } catch (error) {
      reply({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    }
    process.disconnect?.();
  });
}

function officialName(schoolName: string): string {
  return `${schoolName}职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf`;
}

if (process.argv.includes("--client")) await runClient();
else await main();
