/**
 * The README's "Dependencies, and why" has one row per library in package.json (dependencies and devDependencies),
 * each saying what it does here: a new dependency without its row fails, and so does a row for one that is gone.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const readme = read("README.md");
const pkg = JSON.parse(read("package.json")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** The section's text, from its heading to the next `## `. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) return "";
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Each table row's first cell: the packages it names (`a`, `b`), and what it says of them. */
function rows(text: string): Array<{ packages: string[]; what: string }> {
  return text
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [, first = "", what = ""] = line.split("|").map((cell) => cell.trim());
      return { packages: [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string), what };
    });
}

describe("README: Dependencies, and why", () => {
  const table = rows(section("Dependencies, and why"));
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort();

  it("has a row for every dependency in package.json, and none for a package it does not declare", () => {
    expect(declared.length).toBeGreaterThan(20);
    expect(table.flatMap((row) => row.packages).sort()).toEqual(declared);
  });

  it("says what each one does here", () => {
    for (const row of table) expect(row.what.length, row.packages.join(", ")).toBeGreaterThan(15);
  });

  it("says why PDFs are read with pdfjs-dist rather than through pdf-parse", () => {
    const text = section("Dependencies, and why");
    expect(text).toMatch(/pdfjs-dist.*directly/s);
    expect(text).toContain("pdf-parse");
  });
});
