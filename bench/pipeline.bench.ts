/**
 * Pipeline benchmark: `npx tsx bench/pipeline.bench.ts`. Prints a table and writes bench/out/pipeline.json.
 *
 * The embedded local stack (the real handlers, s3rver, dynalite, the SES emulator, the local queue) takes N
 * submissions of a realistic 20-page evidence file (Chinese text with bookmarks, then scanned pages; about 3 MB),
 * first one after another, then all at once from N schools, as on deadline day. Each submission is timed as a school
 * sees it: the link request, the upload (until S3 answers the POST), and from that answer until the receipt e-mail
 * is in the mailbox (polled through the emulator's store API every POLL_MS, so figures carry up to that much slack).
 * One submission before the runs starts the PDF inspection worker; its time is reported as the cold start.
 * Everything shares this machine's cores, the benchmark's own HTTP clients included.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
import { postFile, requestUploadLink, type StoredEmail } from "../infra/local/school-client.ts";
import { startShenbao } from "../infra/local/shenbao-local.ts";
import { computeCheckCharacter } from "../shared/checks/credit-code.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { chineseApplicationPdf, scannedPdf } from "../test/fixtures/pdf/make-fixtures.ts";

const N = 30;
const POLL_MS = 20;
const TEXT_PAGES = 8;
const SCANNED_PAGES = 12;
const SCAN_BYTES_PER_PAGE = 250_000;
const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];
const OUT = fileURLToPath(new URL("./out/pipeline.json", import.meta.url));

interface Sample {
  linkMs: number;
  uploadMs: number;
  uploadToReceiptMs: number;
  totalMs: number;
}

interface School {
  record: SchoolRecord;
  token: string;
}

/** Chinese text pages with bookmarks (as WPS exports them), then scanned pages: a typical evidence file. */
async function realisticPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await chineseApplicationPdf(TEXT_PAGES));
  const scans = await PDFDocument.load(await scannedPdf(SCANNED_PAGES, SCAN_BYTES_PER_PAGE));
  for (const page of await doc.copyPages(scans, scans.getPageIndices())) doc.addPage(page);
  return doc.save();
}

/**
 * Watches the mailbox for receipts: each receipt names its submission ("提交编号：…"); the time a receipt is first
 * seen is its arrival. Asks only for the last seconds' mail, so a poll stays small however much mail piles up.
 */
function watchReceipts(storeUrl: string) {
  const seenAt = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const since = Math.floor(Date.now() / 1000) - 2;
      const response = await fetch(`${storeUrl}?since=${since}`);
      const at = performance.now();
      const { emails } = (await response.json()) as { emails: StoredEmail[] };
      for (const email of emails) {
        const id = /提交编号：([0-9A-Z]{26})/.exec(email.body.text ?? "")?.[1];
        if (!id || seenAt.has(id)) continue;
        seenAt.set(id, at);
        waiting.get(id)?.(at);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return {
    receiptOf(submissionId: string): Promise<number> {
      const at = seenAt.get(submissionId);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => waiting.set(submissionId, resolve));
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "shenbao-bench-"));
  const shenbao = await startShenbao({
    dataDir,
    staticDir: dataDir,
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    reviewers: REVIEWERS,
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? "ERROR",
  });
  const receipts = watchReceipts(shenbao.mailStoreUrl);
  try {
    const pdf = await realisticPdf();
    const schools: School[] = [];
    for (let n = 1; n <= 2 * N + 1; n++) {
      const first17 = `12410000MB${String(1000 + n).padStart(7, "0")}`;
      const { school, token } = await shenbao.registerSchool({
        name: `河南基准测试第${chineseNumber(n)}职业技术学院`,
        level: "专科",
        creditCode: first17 + computeCheckCharacter(first17),
        contactName: "李明",
        email: `office${n}@bench${n}.edu.cn`,
        phone: "0371-69691995",
      });
      schools.push({ record: school, token });
    }

    const submitOne = async (school: School): Promise<Sample> => {
      const fileName = `${school.record.name}职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf`;
      const started = performance.now();
      const link = await requestUploadLink(shenbao.baseUrl, school.token, { fileName, size: pdf.byteLength });
      if (!link.ok) throw new Error(`link refused: ${link.error.status} ${link.error.code}`);
      const linked = performance.now();
      const posted = await postFile(link.link.upload, pdf, fileName);
      if (posted.status !== 204) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);
      const uploaded = performance.now();
      const received = await receipts.receiptOf(link.link.submissionId);
      return {
        linkMs: linked - started,
        uploadMs: uploaded - linked,
        uploadToReceiptMs: received - uploaded,
        totalMs: received - started,
      };
    };

    const [coldSchool, ...rest] = schools;
    const sequentialSchools = rest.slice(0, N);
    const concurrentSchools = rest.slice(N);
    const cold = await submitOne(coldSchool as School);

    const sequential: Sample[] = [];
    for (const school of sequentialSchools) sequential.push(await submitOne(school));

    const burstStarted = performance.now();
    const concurrent = await Promise.all(concurrentSchools.map(submitOne));
    const burstMs = performance.now() - burstStarted;
    await shenbao.stack.eventDelivery.whenIdle();

    const check = await verify(
      shenbao.mailStoreUrl,
      schools,
      shenbao.stack.eventDelivery.listDeadLetters().length,
    );
    const report = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: availableParallelism(), model: cpus()[0]?.model ?? "" },
      file: { pages: TEXT_PAGES + SCANNED_PAGES, bytes: pdf.byteLength, reviewers: REVIEWERS.length },
      n: N,
      pollMs: POLL_MS,
      coldStart: round(cold),
      sequential: summary(sequential),
      concurrent: { ...summary(concurrent), burstMs: Math.round(burstMs) },
      check,
      samples: { sequential: sequential.map(round), concurrent: concurrent.map(round) },
    };
    printTable(report);
    await mkdir(join(OUT, ".."), { recursive: true });
    await writeFile(OUT, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwritten: ${OUT}\n`);
    if (!check.ok) process.exitCode = 1;
  } finally {
    await receipts.stop();
    await shenbao.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Every submission got exactly one receipt, accepted, and nothing was dead-lettered. */
async function verify(storeUrl: string, schools: School[], deadLetters: number) {
  const { emails } = (await (await fetch(storeUrl)).json()) as { emails: StoredEmail[] };
  const receiptsPerSchool = schools.map(
    (s) => emails.filter((m) => m.destination.to.includes(s.record.email)).length,
  );
  const accepted = emails.filter((m) => m.subject.startsWith("【申报回执】") && m.subject.endsWith("已受理"));
  const notices = emails.filter((m) => m.subject.startsWith("【待评审】")).length;
  const ok =
    receiptsPerSchool.every((count) => count === 1) &&
    accepted.length === schools.length &&
    notices === schools.length * REVIEWERS.length &&
    deadLetters === 0;
  return { ok, receipts: accepted.length, reviewerNotices: notices, deadLetters };
}

function summary(samples: Sample[]) {
  const of = (key: keyof Sample) => {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b);
    return {
      median: Math.round(quantile(values, 0.5)),
      p95: Math.round(quantile(values, 0.95)),
      min: Math.round(values[0] ?? Number.NaN),
      max: Math.round(values.at(-1) ?? Number.NaN),
    };
  };
  return {
    link: of("linkMs"),
    upload: of("uploadMs"),
    uploadToReceipt: of("uploadToReceiptMs"),
    total: of("totalMs"),
  };
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function round(sample: Sample): Sample {
  return {
    linkMs: Math.round(sample.linkMs),
    uploadMs: Math.round(sample.uploadMs),
    uploadToReceiptMs: Math.round(sample.uploadToReceiptMs),
    totalMs: Math.round(sample.totalMs),
  };
}

function printTable(report: {
  file: { pages: number; bytes: number };
  n: number;
  coldStart: Sample;
  sequential: ReturnType<typeof summary>;
  concurrent: ReturnType<typeof summary> & { burstMs: number };
  check: { ok: boolean; receipts: number; reviewerNotices: number; deadLetters: number };
}): void {
  const mb = (report.file.bytes / 1024 / 1024).toFixed(1);
  const lines = [
    `shenbao pipeline on the local stack: ${report.file.pages}-page PDF (${mb} MB), N=${report.n} each way, ms`,
    "",
    `${"run".padEnd(12)}${"step".padEnd(20)}${"median".padStart(8)}${"p95".padStart(8)}${"min".padStart(8)}${"max".padStart(8)}`,
  ];
  const steps: Array<[keyof ReturnType<typeof summary>, string]> = [
    ["link", "link request"],
    ["upload", "upload (POST)"],
    ["uploadToReceipt", "upload → receipt"],
    ["total", "total"],
  ];
  for (const [run, figures] of [
    ["sequential", report.sequential],
    ["concurrent", report.concurrent],
  ] as const) {
    for (const [key, label] of steps) {
      const f = figures[key];
      lines.push(
        `${run.padEnd(12)}${label.padEnd(20)}${String(f.median).padStart(8)}${String(f.p95).padStart(8)}` +
          `${String(f.min).padStart(8)}${String(f.max).padStart(8)}`,
      );
    }
  }
  const c = report.coldStart;
  lines.push(
    "",
    `cold start (first submission): link ${Math.round(c.linkMs)}, upload ${Math.round(c.uploadMs)}, ` +
      `upload → receipt ${Math.round(c.uploadToReceiptMs)}`,
    `concurrent burst: all ${report.n} receipts within ${report.concurrent.burstMs} ms of the first link request`,
    `check: ${report.check.receipts} accepted receipts, ${report.check.reviewerNotices} reviewer notices, ` +
      `${report.check.deadLetters} dead letters: ${report.check.ok ? "ok" : "FAILED"}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** 1 → 一, 23 → 二十三: school names must be Chinese. */
function chineseNumber(n: number): string {
  const digits = "零一二三四五六七八九";
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tenPart = tens === 0 ? "" : `${tens === 1 ? "" : digits[tens]}十`;
  return `${tenPart}${ones === 0 && tens > 0 ? "" : digits[ones]}`;
}

await main();
