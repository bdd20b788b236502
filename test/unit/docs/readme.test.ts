import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_SCHOOL } from "../../../infra/local/demo-school.ts";
import { DEFAULT_SEVERITY, FINDING_CODES } from "../../../shared/checks/codes.ts";
import { validateSchoolIdentity } from "../../../shared/checks/school-identity.ts";
import { shellExamples } from "../../docs/shell-examples.ts";
import { henanContext } from "../../helpers/call.ts";

const README_PATH = new URL("../../../README.md", import.meta.url).pathname;
const DEPLOY_PATH = new URL("../../../docs/deploy.md", import.meta.url).pathname;
const readme = readFileSync(README_PATH, "utf8");

/** The value of `--flag value` or `--flag 'value'` on a command line. */
function option(code: string, flag: string): string | undefined {
  return new RegExp(`--${flag} (?:'([^']*)'|(\\S+))`).exec(code)?.slice(1).find(Boolean);
}

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

  it("gives every shell example a readable marker: run as printed, prepared, or skipped with a reason", () => {
    const examples = [
      ...shellExamples(README_PATH, "README.md"),
      ...shellExamples(DEPLOY_PATH, "docs/deploy.md"),
    ];
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const example of examples) {
      if (example.skip !== undefined) expect(example.skip.trim(), `${example.line}`).not.toBe("");
      for (const name of example.given)
        expect(example.code.split("\n").filter((l) => l.startsWith(`${name}=`))).toHaveLength(1);
    }
  });

  it("registers, in its `schools add` example, a college that passes the rules and is not the demo school", () => {
    const [operating] = shellExamples(README_PATH, "README.md").filter((e) => e.setup === "operator");
    const add = operating?.code.split("\n").findIndex((l) => l.startsWith("npx shenbao schools add")) ?? -1;
    expect(add).toBeGreaterThanOrEqual(0);
    const command =
      operating?.code
        .split("\n")
        .slice(add, add + 2)
        .join(" ") ?? "";
    const school = {
      name: option(command, "name") ?? "",
      creditCode: option(command, "credit-code") ?? "",
      level: option(command, "level") ?? "",
      contactName: option(command, "contact") ?? "",
      email: option(command, "email") ?? "",
      phone: option(command, "phone") ?? "",
    };
    expect(validateSchoolIdentity(school, henanContext())).toEqual([]);
    expect(school.creditCode).not.toBe(DEMO_SCHOOL.creditCode);
  });
});
