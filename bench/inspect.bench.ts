/**
 * PDF inspection benchmark: `npx tsx bench/inspect.bench.ts`. Prints a table and writes bench/out/inspect.json.
 *
 * Production shape: the inspection code is bundled with esbuild into a folder outside the project (as in Lambda, where
 * no optional package such as @napi-rs/canvas resolves), and child processes run that bundle with plain `node`.
 * Warm timings are medians; the machine may be shared, so compare figures taken in the same run.
 */
import { execFile, spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import type { InspectionResult } from "../shared/pdf/facts.ts";
import { BUNDLED_PDFJS_DATA_DIR } from "../shared/pdf/pdfjs-data.ts";
import {
  chineseApplicationPdf,
  makePdf,
  metadataBombPdf,
  pageTreeBombPdf,
  scannedPdf,
} from "../test/fixtures/pdf/make-fixtures.ts";

const WARM_CALLS = 21;
const PROCESS_RUNS = 7;
const TARGETS = { warm50PagesMs: 15, coldImportMs: 250, peakRssScannedMb: 256, bombStoppedMs: 5000 };

const run = promisify(execFile);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const elapsed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

interface BenchFile {
  label: string;
  path: string;
  bytes: Uint8Array;
}
type BenchFiles = Record<"chinese50" | "pages500" | "scanned" | "metadataBomb" | "pageTreeBomb", BenchFile>;

async function writeBenchFiles(directory: string): Promise<BenchFiles> {
  const make = async (name: string, label: string, bytes: Promise<Uint8Array>): Promise<BenchFile> => {
    const file = { label, path: join(directory, name), bytes: await bytes };
    await writeFile(file.path, file.bytes);
    return file;
  };
  return {
    chinese50: await make("chinese-50.pdf", "50-page Chinese text", chineseApplicationPdf(50)),
    pages500: await make("pages-500.pdf", "500-page Chinese text", makePdf({ pages: 500, chinese: true })),
    scanned: await make("scanned-50.pdf", "50-page scan, ~40 MB", scannedPdf(50, 800_000)),
    metadataBomb: await make("metadata-bomb.pdf", "XMP stream inflating to 2 GB", metadataBombPdf(2048)),
    pageTreeBomb: await make("page-tree-bomb.pdf", "one page listed 20,000 times", pageTreeBombPdf(20_000)),
  };
}

/** inspector.mjs, inspect-worker.mjs (found by the inspector by default) and inspect-pdf.mjs, as a deployment would. */
async function bundleInspection(directory: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  const source = (name: string) => fileURLToPath(new URL(`../shared/pdf/${name}.ts`, import.meta.url));
  await build({
    entryPoints: ["inspector", "inspect-worker", "inspect-pdf"].map((name) => ({
      in: source(name),
      out: name,
    })),
    outdir: directory,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    logLevel: "silent",
  });
  // pdf.js's cMaps and standard fonts beside the bundle, as infra/constructs/inspect-worker-bundle.ts ships them.
  const pdfjs = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  for (const folder of ["cmaps", "standard_fonts"]) {
    await cp(join(pdfjs, folder), join(directory, BUNDLED_PDFJS_DATA_DIR, folder), { recursive: true });
  }
  return directory;
}

const bundled = (directory: string, name: string) => pathToFileURL(join(directory, `${name}.mjs`)).href;

async function warmInProcess(files: BenchFiles): Promise<Record<string, number>> {
  const { inspectPdfBytes } = await import("../shared/pdf/inspect-pdf.ts");
  const medians: Record<string, number> = {};
  for (const key of ["chinese50", "pages500", "scanned"] as const) {
    const { bytes } = files[key];
    const times: number[] = [];
    for (let call = 0; call < WARM_CALLS + 3; call++) {
      const copy = bytes.slice();
      const time = await elapsed(() => inspectPdfBytes(copy, { consumeBytes: true }));
      if (call >= 3) times.push(time);
    }
    medians[key] = round(median(times), 2);
  }
  return medians;
}

async function warmIsolated(files: BenchFiles, bundleDirectory: string): Promise<Record<string, number>> {
  const { createInspector } = (await import(
    bundled(bundleDirectory, "inspector")
  )) as typeof import("../shared/pdf/inspector.ts");
  const inspector = createInspector();
  const medians: Record<string, number> = {};
  try {
    for (const key of ["chinese50", "pages500", "scanned"] as const) {
      const { bytes } = files[key];
      const times: number[] = [];
      for (let call = 0; call < WARM_CALLS + 3; call++) {
        const copy = bytes.slice();
        const time = await elapsed(() => inspector.inspectBytes(copy));
        if (call >= 3) times.push(time);
      }
      medians[key] = round(median(times), 2);
    }
  } finally {
    await inspector.close();
  }
  return medians;
}

/** A fresh `node` importing the bundled inspection module, against `node -e 0`, alternating in the same run. */
async function coldImportTimes(bundleDirectory: string) {
  const script = `const start = performance.now(); await import(${JSON.stringify(bundled(bundleDirectory, "inspect-pdf"))}); process.stdout.write(String(performance.now() - start));`;
  const bare: number[] = [];
  const withImport: number[] = [];
  const importOnly: number[] = [];
  for (let index = 0; index < PROCESS_RUNS; index++) {
    bare.push(await elapsed(() => run(process.execPath, ["-e", "0"])));
    let stdout = "";
    withImport.push(
      await elapsed(async () => {
        ({ stdout } = await run(process.execPath, ["--input-type=module", "-e", script]));
      }),
    );
    importOnly.push(Number(stdout.match(/[\d.]+$/)?.[0]));
  }
  return {
    importMs: round(median(importOnly)),
    processMs: round(median(withImport)),
    nodeAloneMs: round(median(bare)),
    addedToProcessMs: round(median(withImport) - median(bare)),
  };
}

/** Peak resident memory of a child process inspecting the ~40 MB scan, in-process and through the inspector. */
async function peakRssOnScanned(path: string, bundleDirectory: string) {
  const read = `const bytes = new Uint8Array(await (await import("node:fs/promises")).readFile(${JSON.stringify(path)}));`;
  const inProcessScript = `${read}
    const { inspectPdfBytes } = await import(${JSON.stringify(bundled(bundleDirectory, "inspect-pdf"))});
    const result = await inspectPdfBytes(bytes, { consumeBytes: true });
    console.log(JSON.stringify({ ok: result.ok, maxRssKb: process.resourceUsage().maxRSS }));`;
  const isolatedScript = `
    const { createInspector } = await import(${JSON.stringify(bundled(bundleDirectory, "inspector"))});
    const inspector = createInspector();
    const result = await inspector.inspectFile(${JSON.stringify(path)});
    await inspector.close();
    console.log(JSON.stringify({ ok: result.ok, maxRssKb: process.resourceUsage().maxRSS }));`;
  const measure = async (script: string) => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      maxBuffer: 1 << 20,
    });
    const { ok, maxRssKb } = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
      ok: boolean;
      maxRssKb: number;
    };
    if (!ok) throw new Error("the scanned file did not inspect cleanly");
    return round(maxRssKb / 1024, 0);
  };
  return { inProcessMb: await measure(inProcessScript), isolatedMb: await measure(isolatedScript) };
}

async function bombsStopped(files: BenchFiles, bundleDirectory: string) {
  const { createInspector } = (await import(
    bundled(bundleDirectory, "inspector")
  )) as typeof import("../shared/pdf/inspector.ts");
  const inspector = createInspector();
  try {
    await inspector.inspectBytes(new Uint8Array(0));
    const stop = async (file: BenchFile) => {
      let result: InspectionResult | undefined;
      const ms = await elapsed(async () => {
        result = await inspector.inspectBytes(file.bytes.slice());
      });
      const outcome = result && !result.ok ? result.failure.kind : "inspected";
      // The replacement worker starts on the next call; make it start now so each bomb meets a ready worker.
      await inspector.inspectBytes(new Uint8Array(0));
      return { label: file.label, outcome, stoppedMs: round(ms, 0) };
    };
    return { metadata: await stop(files.metadataBomb), pageTree: await stop(files.pageTreeBomb) };
  } finally {
    await inspector.close();
  }
}

function qpdfPageCounts(files: BenchFiles): Record<string, number> | null {
  if (spawnSync("qpdf", ["--version"]).status !== 0) return null;
  const medians: Record<string, number> = {};
  for (const key of ["chinese50", "pages500", "scanned"] as const) {
    const times: number[] = [];
    for (let index = 0; index < PROCESS_RUNS; index++) {
      const start = performance.now();
      const result = spawnSync("qpdf", ["--show-npages", files[key].path]);
      times.push(performance.now() - start);
      if (result.status !== 0) throw new Error(`qpdf failed on ${files[key].path}`);
    }
    medians[key] = round(median(times), 2);
  }
  return medians;
}

interface Report {
  files: BenchFiles;
  inProcess: Record<string, number>;
  isolated: Record<string, number>;
  coldImport: Awaited<ReturnType<typeof coldImportTimes>>;
  peakRss: Awaited<ReturnType<typeof peakRssOnScanned>>;
  bombs: Awaited<ReturnType<typeof bombsStopped>>;
  qpdf: Record<string, number> | null;
}

async function report({
  files,
  inProcess,
  isolated,
  coldImport,
  peakRss,
  bombs,
  qpdf,
}: Report): Promise<void> {
  const verdict = (value: number, target: number) => (value <= target ? "ok" : "OVER");
  const rows: string[][] = [["measure", "value", "target", ""]];
  for (const key of ["chinese50", "pages500", "scanned"] as const) {
    const { label, bytes } = files[key];
    const size = `${label} (${bytes.length < 1 << 20 ? `${round(bytes.length / 1024, 0)} KB` : `${round(bytes.length / (1 << 20), 1)} MB`})`;
    const target = key === "chinese50" ? TARGETS.warm50PagesMs : undefined;
    rows.push([
      `warm, in-process: ${size}`,
      `${inProcess[key]} ms`,
      target ? `≤ ${target} ms` : "",
      target ? verdict(inProcess[key] ?? 0, target) : "",
    ]);
    rows.push([`warm, isolated:   ${size}`, `${isolated[key]} ms`, "", ""]);
    if (qpdf) {
      const ratio = round((isolated[key] ?? 0) / (qpdf[key] ?? 1), 2);
      rows.push([`qpdf --show-npages (whole process)`, `${qpdf[key]} ms`, "", `isolated/qpdf = ${ratio}`]);
    }
  }
  rows.push([
    "cold import of the bundled inspection module",
    `${coldImport.importMs} ms`,
    `≤ ${TARGETS.coldImportMs} ms`,
    verdict(coldImport.importMs, TARGETS.coldImportMs),
  ]);
  rows.push([
    "  node process with that import / node -e 0",
    `${coldImport.processMs} / ${coldImport.nodeAloneMs} ms`,
    "",
    `+${coldImport.addedToProcessMs} ms`,
  ]);
  rows.push([
    "peak RSS, 40 MB scan, in-process child",
    `${peakRss.inProcessMb} MB`,
    `≤ ${TARGETS.peakRssScannedMb} MB`,
    verdict(peakRss.inProcessMb, TARGETS.peakRssScannedMb),
  ]);
  rows.push(["peak RSS, 40 MB scan, via inspector child", `${peakRss.isolatedMb} MB`, "", ""]);
  for (const bomb of [bombs.metadata, bombs.pageTree]) {
    rows.push([
      `bomb: ${bomb.label}`,
      `${bomb.outcome} after ${bomb.stoppedMs} ms`,
      `≤ ${TARGETS.bombStoppedMs} ms`,
      verdict(bomb.stoppedMs, TARGETS.bombStoppedMs),
    ]);
  }
  if (!qpdf) rows.push(["qpdf", "not on PATH: no comparison", "", ""]);
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  "));

  const json = {
    node: process.version,
    date: new Date().toISOString(),
    targets: TARGETS,
    warmInProcessMs: inProcess,
    warmIsolatedMs: isolated,
    qpdfShowNpagesMs: qpdf,
    coldImport,
    peakRssMb: peakRss,
    bombs,
  };
  const out = new URL("./out/", import.meta.url);
  await mkdir(out, { recursive: true });
  await writeFile(new URL("inspect.json", out), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwritten to ${fileURLToPath(new URL("inspect.json", out))}`);
}

const workDirectory = await mkdtemp(join(tmpdir(), "shenbao-bench-"));
try {
  const files = await writeBenchFiles(workDirectory);
  const bundleDirectory = await bundleInspection(join(workDirectory, "bundle"));
  const inProcess = await warmInProcess(files);
  const isolated = await warmIsolated(files, bundleDirectory);
  const coldImport = await coldImportTimes(bundleDirectory);
  const peakRss = await peakRssOnScanned(files.scanned.path, bundleDirectory);
  const bombs = await bombsStopped(files, bundleDirectory);
  const qpdf = qpdfPageCounts(files);
  await report({ files, inProcess, isolated, coldImport, peakRss, bombs, qpdf });
} finally {
  await rm(workDirectory, { recursive: true, force: true });
}
