/**
 * CLI start-up benchmark: `npx tsx bench/cli.bench.ts` (part of `npm run bench`). Prints a table and writes
 * bench/out/cli.json.
 *
 * Runs `shenbao --help` and `shenbao check <a 50-page evidence file>` as child processes, as a user's shell runs them
 * (`node bin/shenbao.js …`, the bundle current), RUNS times each, interleaved with two references measured in the same
 * run: `node -e 0` (Node's own start) and `qpdf --show-npages` on the same file (when qpdf is installed). Medians of
 * wall time. The machine may be shared: compare figures taken in the same run.
 *
 * SHENBAO_BENCH_BASELINE=<another checkout> adds the same two commands run from that checkout (e.g. main before a
 * change), measured in the same rounds.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { samplePdf } from "../infra/local/sample-pdf.ts";

const RUNS = Number(process.env.RUNS ?? 11);
const TARGETS_MS = { help: 250, check: 400 };
const BIN = fileURLToPath(new URL("../bin/shenbao.js", import.meta.url));
const SCHOOL = "河南工业职业技术学院";
const FILE_NAME = `${SCHOOL}职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf`;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Wall time of one child process, spawn to exit, in ms; its exit code must be `expectedCode`. */
function timed(command: string, args: readonly string[], expectedCode: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = performance.now() - start;
      if (code === expectedCode) resolve(ms);
      else
        reject(new Error(`${command} ${args.join(" ")} exited with ${code}, not ${expectedCode}: ${stderr}`));
    });
  });
}

interface Measure {
  label: string;
  target?: number;
  run(): Promise<number>;
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "shenbao-cli-bench-"));
  try {
    const file = join(dir, FILE_NAME);
    await writeFile(file, await samplePdf({ pages: 50, bookmarks: true }));
    const check = ["check", file, "--school", SCHOOL, "--level", "专科"];
    // The first run builds the bundle when a source changed since `npm ci`: not a start-up to measure.
    await timed("node", [BIN, ...check], 0);

    const measures: Measure[] = [
      { label: "shenbao --help", target: TARGETS_MS.help, run: () => timed("node", [BIN, "--help"], 0) },
      {
        label: "shenbao check (50 pages)",
        target: TARGETS_MS.check,
        run: () => timed("node", [BIN, ...check], 0),
      },
      { label: "reference: node -e 0", run: () => timed("node", ["-e", "0"], 0) },
    ];
    if (spawnSync("qpdf", ["--version"], { stdio: "ignore" }).status === 0) {
      measures.push({
        label: "reference: qpdf --show-npages",
        run: () => timed("qpdf", ["--show-npages", file], 0),
      });
    }
    const baseline = process.env.SHENBAO_BENCH_BASELINE;
    if (baseline) {
      const baselineBin = join(baseline, "bin", "shenbao.js");
      await timed("node", [baselineBin, ...check], 0);
      measures.push(
        { label: "baseline: shenbao --help", run: () => timed("node", [baselineBin, "--help"], 0) },
        { label: "baseline: shenbao check (50 pages)", run: () => timed("node", [baselineBin, ...check], 0) },
      );
    }

    const samples = new Map<Measure, number[]>(measures.map((m) => [m, []]));
    // Interleaved rounds: a burst of load elsewhere on the machine falls on every measure alike.
    for (let round = 0; round < RUNS; round++) {
      for (const measure of measures) samples.get(measure)?.push(await measure.run());
    }

    const rows = measures.map((m) => {
      const ms = Math.round(median(samples.get(m) ?? []));
      return {
        label: m.label,
        medianMs: ms,
        // On a shared machine the fastest round is the one least disturbed: a second view, not the figure.
        minMs: Math.round(Math.min(...(samples.get(m) ?? []))),
        target: m.target === undefined ? "" : `≤ ${m.target} ms`,
        verdict: m.target === undefined ? "" : ms <= m.target ? "ok" : "OVER",
      };
    });
    const table = [["measure", `median of ${RUNS} (wall)`, "target", "", "fastest"]].concat(
      rows.map((r) => [r.label, `${r.medianMs} ms`, r.target, r.verdict, `${r.minMs} ms`]),
    );
    const widths =
      table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? "").length))) ?? [];
    for (const row of table)
      console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  "));

    const out = new URL("./out/", import.meta.url);
    await mkdir(out, { recursive: true });
    const json = {
      runs: RUNS,
      targetsMs: TARGETS_MS,
      rows,
      samplesMs: Object.fromEntries(
        measures.map((m) => [m.label, samples.get(m)?.map((v) => Math.round(v))]),
      ),
    };
    await writeFile(new URL("cli.json", out), `${JSON.stringify(json, null, 2)}\n`);
    console.log(`\nwritten to ${fileURLToPath(new URL("cli.json", out))}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
