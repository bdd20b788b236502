/**
 * SECURITY.md's results table is generated, never written by hand: it must be exactly what test/security/results.json
 * renders, and results.json must hold every suite from passing runs with nothing lost. Reads only committed files,
 * so it passes or fails the same way whatever order CI runs the suites in. (Each suite checks, after a passing run,
 * that results.json still describes what it tried: test/security/results.ts.)
 */
import { access, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { problemsOf, REQUIRED_SUITES, renderTable, SECURITY_MD, tableIn } from "./report.ts";
import { readCommittedResults } from "./results.ts";

describe("docs/SECURITY.md's results table", () => {
  it("is what test/security/results.json renders (regenerate: npx tsx test/security/report.ts)", async () => {
    const markdown = await readFile(SECURITY_MD, "utf8");
    expect(tableIn(markdown)).toBe(renderTable(await readCommittedResults()));
  });

  it("comes from passing, standard runs of every suite, with nothing lost", async () => {
    const results = await readCommittedResults();
    expect(problemsOf(results)).toEqual([]);
    expect(results.suites.map((s) => s.suite)).toEqual(expect.arrayContaining([...REQUIRED_SUITES]));
  });

  it("names test files that exist", async () => {
    const results = await readCommittedResults();
    const files = results.suites.flatMap((s) => [
      s.source,
      ...s.rows.flatMap((r) => (r.coveredBy ? [r.coveredBy.split(" › ")[0] ?? ""] : [])),
    ]);
    for (const file of new Set(files)) {
      await expect(access(new URL(`../../${file}`, import.meta.url)), file).resolves.toBeUndefined();
    }
  });
});
