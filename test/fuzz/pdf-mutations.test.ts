/**
 * Hostile PDFs through exactly what process-upload runs: the isolated inspector (its worker bundled by esbuild, the
 * production bounds) and the call's rules (examineFile, loadCall). fast-check mutates real files; a fixed corpus of
 * known nasties is asserted one by one. FUZZ_SEED and FUZZ_RUNS vary the run; the default is fixed, so CI is
 * reproducible, and a failure prints the seed, the case and the exact edits.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCall } from "../../shared/call/load-call.ts";
import type { CheckContext } from "../../shared/checks/context.ts";
import { type Examination, examineFile } from "../../shared/examination/examine.ts";
import { createInspector, type Inspector } from "../../shared/pdf/inspector.ts";
import { makePdf, metadataBombPdf, objectBombPdf, pageTreeBombPdf } from "../fixtures/pdf/make-fixtures.ts";
import { GOOD_NAME, SCHOOL } from "../helpers/call.ts";
import { resultsRecorder } from "../security/results.ts";
import { describeMutations, type Mutation, mutate, mutationsArbitrary } from "./mutations.ts";
import {
  cyclicParent,
  deeplyNestedInfo,
  headerThenGarbage,
  kidsListingItself,
  kidsLoopOfTwo,
  pageCountClaim,
  strayRejectionFile,
  xrefPastEof,
} from "./nasties.ts";
import { fuzzSeeds, type Seed } from "./seeds.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_115);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
/** The production bounds: process-upload passes SHENBAO_INSPECT_TIMEOUT_MS (default 4000) and the inspector's defaults. */
const TIMEOUT_MS = 4000;
const MAX_RSS_GROWTH_MB = 512;
/**
 * A case may also wait for a fresh worker after the previous one was killed (~0.2 s bundled, more on a busy CI
 * machine): the inspector's timeout starts when the worker has the file.
 */
const CASE_BOUND_MS = TIMEOUT_MS + 2500;
/** The test process's resident memory may grow by the inspector's bound plus this much (GC lag, worker restarts). */
const RSS_SLACK_MB = 256;
const MB = 1024 * 1024;

const results = resultsRecorder("fuzz", {
  source: "test/fuzz/pdf-mutations.test.ts",
  configuration: { seed: SEED, runs: RUNS },
  standard: process.env.FUZZ_SEED === undefined && process.env.FUZZ_RUNS === undefined,
});

let seeds: Seed[];
let ctx: CheckContext;
let submittedAt: Date;
let inspector: Inspector;

beforeAll(async () => {
  seeds = await fuzzSeeds();
  ctx = loadCall();
  // Before the call's deadline, whatever SHENBAO_DEADLINE says: lateness is not what is being fuzzed.
  submittedAt = new Date(Date.parse(ctx.call.deadline) - 86_400_000);
  inspector = createInspector({ timeoutMs: TIMEOUT_MS, maxBytes: ctx.call.maxFileBytes });
  await inspector.warm();
});

// biome-ignore lint/correctness/noEmptyPattern: vitest passes a hook its suite only after a destructured context.
afterAll(async ({}, file) => {
  await inspector?.close();
  await results.finish(file);
});

/** Inspection and rules for one file, as process-upload runs them for a school's upload, timed. */
async function examine(bytes: Uint8Array): Promise<{ exam: Examination; ms: number }> {
  const started = performance.now();
  const exam = await examineFile(
    { fileName: GOOD_NAME, documentType: "evidence", school: SCHOOL, submittedAt, content: { bytes } },
    inspector,
    ctx,
  );
  return { exam, ms: performance.now() - started };
}

/** Everything a verdict must satisfy whatever the file; an empty list when it is sound. */
function unsoundness(exam: Examination): string[] {
  const problems: string[] = [];
  const errors = exam.findings.filter((f) => f.severity === "error");
  if (exam.verdict !== "accepted" && exam.verdict !== "rejected")
    problems.push(`verdict ${String(exam.verdict)}`);
  if ((exam.verdict === "accepted") !== (errors.length === 0))
    problems.push("verdict disagrees with findings");
  if (!exam.inspection.ok && exam.verdict !== "rejected") problems.push("an uninspectable file was accepted");
  if (exam.pageCount !== null && !(Number.isSafeInteger(exam.pageCount) && exam.pageCount >= 1)) {
    problems.push(`page count ${exam.pageCount}`);
  }
  if (exam.verdict === "accepted") {
    const facts = exam.facts;
    if (!facts) problems.push("accepted without facts");
    else {
      if (facts.pageCount < 1 || facts.pageCount > 50)
        problems.push(`accepted with ${facts.pageCount} pages`);
      if (facts.pages.length !== facts.pageCount) problems.push("page boxes disagree with the page count");
      if (facts.activeContent.javaScript || facts.activeContent.launchAction)
        problems.push("accepted active content");
      if (facts.encryption?.restricted) problems.push("accepted a restricted file");
    }
  }
  for (const f of exam.findings) {
    if (!/\p{Script=Han}/u.test(f.message) || f.fix.length === 0)
      problems.push(`finding ${f.code} without Chinese text`);
  }
  return problems;
}

/** Peak resident memory of this process (the inspection worker is a thread of it) while `run` runs. */
async function withPeakRss<T>(
  run: () => Promise<T>,
): Promise<{ value: T; baselineMb: number; peakMb: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, baselineMb: baseline / MB, peakMb: peak / MB };
  } finally {
    clearInterval(sampler);
  }
}

const outcomeOf = (exam: Examination) =>
  exam.verdict === "accepted"
    ? "accepted"
    : exam.inspection.ok
      ? `rejected: ${exam.findings
          .filter((f) => f.severity === "error")
          .map((f) => f.code)
          .join("+")}`
      : `rejected: ${exam.inspection.failure.kind}`;

describe("the fuzz seeds", () => {
  it("are real files the pipeline sees, each with its known verdict", async () => {
    for (const seed of seeds) {
      const { exam } = await examine(seed.bytes.slice());
      expect({ seed: seed.name, verdict: exam.verdict, pageCount: exam.pageCount }).toEqual({
        seed: seed.name,
        ...seed.baseline,
      });
    }
  });
});

describe(`${RUNS} mutated PDFs (seed ${SEED})`, () => {
  it("each get a sound verdict, within the time bound, and the process's memory stays bounded", async () => {
    const tally = new Map<string, number>();
    let slowestMs = 0;
    let cases = 0;
    const property = fc.asyncProperty(
      fc.nat({ max: seeds.length - 1 }),
      mutationsArbitrary,
      async (seedIndex: number, mutations: Mutation[]) => {
        const seed = seeds[seedIndex] as Seed;
        const { exam, ms } = await examine(mutate(seed.bytes, mutations));
        cases += 1;
        slowestMs = Math.max(slowestMs, ms);
        const kind =
          exam.verdict === "accepted"
            ? "accepted"
            : exam.inspection.ok
              ? "rejected by the rules"
              : `rejected, ${exam.inspection.failure.kind}`;
        tally.set(kind, (tally.get(kind) ?? 0) + 1);
        const problems = unsoundness(exam);
        if (ms > CASE_BOUND_MS) problems.push(`took ${Math.round(ms)} ms (bound ${CASE_BOUND_MS} ms)`);
        if (problems.length > 0) {
          throw new Error(`${seed.name}: ${problems.join("; ")}\nedits: ${describeMutations(mutations)}`);
        }
      },
    );

    const {
      value: details,
      baselineMb,
      peakMb,
    } = await withPeakRss(() => fc.check(property, { seed: SEED, numRuns: RUNS }));

    const growthMb = peakMb - baselineMb;
    const breakdown = [...tally].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`);
    results.record({
      id: "fuzz.mutations",
      area: "PDF inspection",
      tried:
        `fast-check byte mutations (1–4 of: bit flip, byte set, insert, delete, PDF-token splice and swap, ` +
        `hostile numbers, [/<< nesting up to 100,000 deep, chunk duplication, truncation) of ${seeds.length} real ` +
        "files incl. both AES-256 fixtures, through the isolated inspector and the call's rules",
      cases: details.numRuns,
      outcome:
        `every case a sound verdict — ${breakdown.join(", ")}; slowest ${Math.round(slowestMs)} ms ` +
        `(bound ${CASE_BOUND_MS} ms); test process RSS ${Math.round(baselineMb)} → peak ${Math.round(peakMb)} MB`,
      lost: details.failed ? 1 : 0,
    });
    expect(details.failed, details.failed ? fc.defaultReportMessage(details) : "").toBe(false);
    expect(details.numRuns).toBe(RUNS);
    expect(cases).toBeGreaterThanOrEqual(RUNS);
    expect(growthMb).toBeLessThan(MAX_RSS_GROWTH_MB + RSS_SLACK_MB);
  }, 300_000);
});

describe("known nasties, each on its own", () => {
  interface Expected {
    verdict: "accepted" | "rejected";
    pageCount?: number | null;
    /** Inspection failure kinds any of which is right (pdf.js may hit one bound or another first). */
    failure?: string[];
    codes?: string[];
    /**
     * Also right: stopped by a bound (PDF_TOO_COMPLEX). For files that take pdf.js most of a second, which a busy CI
     * machine can stretch past the 4 s timeout.
     */
    orTooComplex?: boolean;
  }

  async function nasty(
    id: string,
    tried: string,
    make: () => Promise<Uint8Array> | Uint8Array,
    expected: Expected,
  ) {
    const bytes = await make();
    const size = bytes.byteLength;
    const { value, baselineMb, peakMb } = await withPeakRss(() => examine(bytes));
    const { exam, ms } = value;
    const summary = `${outcomeOf(exam)}${exam.pageCount === null ? "" : `, ${exam.pageCount} page(s)`}`;
    const problems = unsoundness(exam);
    if (ms > CASE_BOUND_MS) problems.push(`took ${Math.round(ms)} ms`);
    results.record({
      id: `fuzz.nasty.${id}`,
      area: "PDF inspection",
      tried: `${tried} (${formatSize(size)})`,
      cases: 1,
      outcome: `${summary} in ${formatMs(ms)}; RSS +${Math.max(0, Math.round(peakMb - baselineMb))} MB`,
      lost: problems.length > 0 ? 1 : 0,
    });
    expect(problems).toEqual([]);
    const stopped =
      !exam.inspection.ok && ["timeout", "resource-limit"].includes(exam.inspection.failure.kind);
    if (expected.orTooComplex && stopped) {
      expect(exam.findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual([
        "PDF_TOO_COMPLEX",
      ]);
      return;
    }
    expect(exam.verdict).toBe(expected.verdict);
    if (expected.pageCount !== undefined) expect(exam.pageCount).toBe(expected.pageCount);
    if (expected.failure)
      expect(expected.failure).toContain(exam.inspection.ok ? "ok" : exam.inspection.failure.kind);
    if (expected.codes) {
      expect(exam.findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(expected.codes);
    }
    expect(peakMb - baselineMb).toBeLessThan(MAX_RSS_GROWTH_MB + RSS_SLACK_MB);
  }

  it("an empty (0-byte) file", () =>
    nasty("empty", "0-byte file", () => new Uint8Array(0), {
      verdict: "rejected",
      failure: ["empty"],
      codes: ["FILE_EMPTY"],
    }));

  it("10 MB of garbage behind a PDF header", () =>
    nasty("garbage", "`%PDF-1.7` followed by 10 MB of pseudo-random bytes", () => headerThenGarbage(10), {
      verdict: "rejected",
      failure: ["damaged"],
      codes: ["PDF_DAMAGED"],
    }));

  it("a cross-reference offset past the end of the file is recovered from", () =>
    nasty("xref-past-eof", "startxref pointing 1 GB past EOF in a 2-page file", xrefPastEof, {
      verdict: "accepted",
      pageCount: 2,
    }));

  it("a page that is its own /Parent", () =>
    nasty("cyclic-parent", "page without MediaBox whose /Parent is itself", cyclicParent, {
      verdict: "accepted",
      pageCount: 1,
    }));

  it("a page tree that lists itself in /Kids", () =>
    nasty("kids-self", "page-tree root listing itself in /Kids", kidsListingItself, {
      verdict: "rejected",
      failure: ["damaged"],
      codes: ["PDF_DAMAGED"],
    }));

  it("two page-tree nodes that are each other's kid", () =>
    nasty("kids-loop", "two page-tree nodes, each the other's only kid", kidsLoopOfTwo, {
      verdict: "rejected",
      failure: ["damaged"],
      codes: ["PDF_DAMAGED"],
    }));

  // Issue 13: a /Count the page tree does not hold is a lie the walk catches (an error by default), and the count
  // reported is the one page a reviewer would see.
  it("a page count the page tree only claims", () =>
    nasty("count-claim", "/Count 2147483647 over a single page", pageCountClaim, {
      verdict: "rejected",
      pageCount: 1,
      codes: ["PDF_PAGE_COUNT_INCONSISTENT"],
    }));

  it("an array nested 100,000 deep in the document information", () =>
    nasty(
      "deep-nesting",
      "[[[…]]] nested 100,000 deep in the info dictionary",
      () => deeplyNestedInfo(100_000),
      {
        verdict: "accepted",
        pageCount: 1,
      },
    ));

  it(
    "20,000 pages that are one page listed again and again",
    () =>
      nasty("page-tree-bomb", "page tree listing one page 20,000 times", () => pageTreeBombPdf(20_000), {
        verdict: "rejected",
        failure: ["timeout", "resource-limit"],
        codes: ["PDF_TOO_COMPLEX"],
      }),
    30_000,
  );

  it(
    "a decompression bomb in the XMP metadata",
    () =>
      nasty(
        "metadata-bomb",
        "XMP metadata stream inflating 2 MB → 2 GB of zeros",
        () => metadataBombPdf(2048),
        {
          verdict: "rejected",
          failure: ["resource-limit", "timeout"],
          codes: ["PDF_TOO_COMPLEX"],
        },
      ),
    30_000,
  );

  it(
    "two million empty arrays in the document information",
    () =>
      nasty("object-bomb", "2,000,000 empty arrays in the info dictionary", () => objectBombPdf(2_000_000), {
        verdict: "accepted",
        pageCount: 1,
        orTooComplex: true,
      }),
    30_000,
  );

  it("a file after which pdf.js rejects a promise nobody awaits, and the files after it", async () => {
    const owner = seeds.find((s) => s.name === "AES-256, owner password only") as Seed;
    const rounds = 5;
    const outcomes: string[] = [];
    for (let round = 0; round < rounds; round++) {
      // Back to back, as a busy process-upload meets them: the next school's file must not pay for this one.
      outcomes.push(outcomeOf((await examine(strayRejectionFile(owner))).exam));
      outcomes.push(outcomeOf((await examine(await makePdf({ pages: 2, outline: true }))).exam));
    }
    results.record({
      id: "fuzz.nasty.stray-rejection",
      area: "PDF inspection",
      tried:
        "fuzz-found file after whose verdict pdf.js rejects an unobserved promise, each time followed at once " +
        "by a good file",
      cases: rounds * 2,
      outcome: `every inspection answered (${[...new Set(outcomes)].join(" / ")}); no worker crash`,
      lost: 0,
    });
    expect(outcomes).toEqual(
      Array.from({ length: rounds }, () => ["rejected: PDF_RESTRICTED", "accepted"]).flat(),
    );
  });
});

function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
