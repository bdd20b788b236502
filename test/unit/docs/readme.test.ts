import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEVERITY, FINDING_CODES } from "../../../shared/checks/codes.ts";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("documents every finding code with its default severity", () => {
    for (const code of FINDING_CODES) {
      const row = readme
        .split("\n")
        .find((line) => line.startsWith("| `") && line.split("|")[1]?.includes(`\`${code}\``));
      expect(row, code).toBeDefined();
      expect(row?.split("|")[2]?.trim(), code).toBe(DEFAULT_SEVERITY[code]);
    }
  });

  it("keeps the quick start's promises", () => {
    expect(readme).toContain("npm ci");
    expect(readme).toContain("npm start");
    expect(readme).toContain("npm test");
  });
});
