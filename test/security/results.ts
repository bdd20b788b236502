/**
 * What the hostile-input, access-control and load runs record for docs/SECURITY.md's results table.
 *
 * Each suite records rows as it runs and, when it ends, writes them to test-artifacts/security/{suite}.json (never
 * committed). `npx tsx test/security/report.ts` merges those into test/security/results.json (committed) and
 * regenerates the table in SECURITY.md from it. Two checks keep the three in step without depending on test order:
 * report.test.ts fails when SECURITY.md's table is not what results.json renders, and each suite, after a passing
 * run in its standard configuration, fails when what it tried (row ids, descriptions, case counts) differs from what
 * results.json says it tried. Outcomes carry timings and sizes that vary by machine, so they are recorded but never
 * compared.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export interface ResultRow {
  /** Stable key, e.g. `fuzz.mutations`. */
  id: string;
  /** The table's grouping: "PDF inspection", "API input", "Access control", "Load". */
  area: string;
  /** What was tried, in a sentence. */
  tried: string;
  /** How many cases (files, requests, uploads) were tried. */
  cases: number;
  /** What happened, with figures; may differ from run to run. */
  outcome: string;
  /** Cases in which something was lost or a property broke: a submission, a record, a receipt, a bound. */
  lost: number;
  /** Set when another suite proves this row; the test checks that it still exists. */
  coveredBy?: string;
}

export interface SuiteResults {
  suite: string;
  /** The file that produced the rows. */
  source: string;
  /** Seeds, case counts and the like that decide which cases run. */
  configuration: Record<string, string | number>;
  /** False when run with a non-default configuration (FUZZ_SEED, FUZZ_RUNS, N): such results are not committed. */
  standard: boolean;
  passed: boolean;
  recordedAt: string;
  node: string;
  rows: ResultRow[];
}

export interface CommittedResults {
  /** Where the numbers came from, for the reader of SECURITY.md. */
  note: string;
  suites: SuiteResults[];
}

export const ARTIFACT_DIR = fileURLToPath(new URL("../../test-artifacts/security/", import.meta.url));
export const COMMITTED_RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));

/** The parts of a row that depend only on the test code: compared between a run and results.json. */
export function whatWasTried(rows: readonly ResultRow[]): Array<Pick<ResultRow, "id" | "tried" | "cases">> {
  return [...rows]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ id, tried, cases }) => ({ id, tried, cases }));
}

export async function readCommittedResults(): Promise<CommittedResults> {
  return JSON.parse(await readFile(COMMITTED_RESULTS, "utf8")) as CommittedResults;
}

/** A minimal view of a vitest task tree: enough to tell whether every test in a file ran and passed. */
interface TaskLike {
  type: string;
  mode: string;
  result?: { state?: string };
  tasks?: readonly TaskLike[];
}

function allTests(task: TaskLike): TaskLike[] {
  return task.type === "test" ? [task] : (task.tasks ?? []).flatMap(allTests);
}

export interface Recorder {
  record(row: ResultRow): void;
  /**
   * Writes the artifact; then, when every test of the file ran and passed in the standard configuration, fails if
   * what was tried differs from results.json. Call from the file's top-level afterAll with its suite argument.
   */
  finish(file: TaskLike): Promise<void>;
}

export function resultsRecorder(
  suite: string,
  options: { source: string; configuration?: Record<string, string | number>; standard?: boolean },
): Recorder {
  const rows: ResultRow[] = [];
  return {
    record(row) {
      const existing = rows.findIndex((r) => r.id === row.id);
      if (existing === -1) rows.push(row);
      else rows[existing] = row;
    },
    async finish(file) {
      const tests = allTests(file);
      const passed = tests.every((t) => t.mode === "run" && t.result?.state === "pass");
      const results: SuiteResults = {
        suite,
        source: options.source,
        configuration: options.configuration ?? {},
        standard: options.standard ?? true,
        passed,
        recordedAt: new Date().toISOString(),
        node: process.version,
        rows: [...rows].sort((a, b) => a.id.localeCompare(b.id)),
      };
      await writeArtifact(results);
      if (!passed || !results.standard) return;
      const committed = (await readCommittedResults()).suites.find((s) => s.suite === suite);
      const expected = JSON.stringify(whatWasTried(committed?.rows ?? []), null, 1);
      const actual = JSON.stringify(whatWasTried(results.rows), null, 1);
      if (expected !== actual) {
        throw new Error(
          `test/security/results.json is stale for suite "${suite}": this run tried\n${actual}\nbut it records\n` +
            `${expected}\nRegenerate it and SECURITY.md's table: npx vitest run test/security test/fuzz && ` +
            "npx tsx test/security/report.ts",
        );
      }
    },
  };
}

export async function writeArtifact(results: SuiteResults): Promise<string> {
  await mkdir(ARTIFACT_DIR, { recursive: true });
  const path = `${ARTIFACT_DIR}${results.suite}.json`;
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
