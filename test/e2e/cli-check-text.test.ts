/** `shenbao check --type application|plan` on generated 申报书 and 建设方案 PDFs, through the real command. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationPdf, planPdf } from "../fixtures/pdf/text-documents.ts";
import { skipWithoutCjkFont } from "../helpers/cjk-font.ts";

const run = promisify(execFile);
const BIN = new URL("../../bin/shenbao.js", import.meta.url).pathname;
const SCHOOL = "河南工业职业技术学院";
const NAME = `${SCHOOL}职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf`;

interface CliResult {
  code: number;
  stdout: string;
}

async function shenbao(...args: string[]): Promise<CliResult> {
  try {
    const { stdout } = await run("node", [BIN, ...args], { env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

type Json = { files: Array<{ verdict: string; findings: Array<{ code: string; severity: string }> }> };

let dir: string;
const files: Record<string, string> = {};

// Each run starts node, tsx and the inspector's worker: seconds on a busy machine.
describe.skipIf(skipWithoutCjkFont("cli check --type"))(
  "shenbao check --type application|plan",
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "shenbao-cli-text-"));
      const write = async (folder: string, bytes: Uint8Array) => {
        const path = join(dir, folder, NAME);
        await import("node:fs/promises").then((fs) => fs.mkdir(join(dir, folder)));
        await writeFile(path, bytes);
        files[folder] = path;
      };
      await write("wrong-cover", await applicationPdf({ cover: { major: "工业机器人技术" }, leadingPt: 24 }));
      await write("plan", await planPdf());
    });

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("rejects a 申报书 whose cover names another major, and warns about its line spacing", async () => {
      const result = await shenbao(
        "check",
        files["wrong-cover"] as string,
        "--school",
        SCHOOL,
        "--type",
        "application",
        "--json",
      );
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as Json;
      expect(json.files[0]?.verdict).toBe("rejected");
      const codes = json.files[0]?.findings.map((f) => [f.code, f.severity]);
      expect(codes).toContainEqual(["COVER_MAJOR_MISMATCH", "error"]);
      expect(codes).toContainEqual(["BODY_LEADING_NOT_16PT", "warning"]);
    });

    it("accepts a 建设方案 with 附件2's headings, and checks the same file as a 申报书 by 附件1", async () => {
      const plan = await shenbao(
        "check",
        files.plan as string,
        "--school",
        SCHOOL,
        "--type",
        "plan",
        "--json",
      );
      expect(plan.code).toBe(0);
      expect((JSON.parse(plan.stdout) as Json).files[0]?.findings).toEqual([]);
      const application = await shenbao(
        "check",
        files.plan as string,
        "--school",
        SCHOOL,
        "--type",
        "application",
        "--json",
      );
      const codes = (JSON.parse(application.stdout) as Json).files[0]?.findings.map((f) => f.code);
      expect(codes).toContain("DECLARATION_MISSING");
    });
  },
);

// The help draws no PDF: it runs with or without the font.
describe("shenbao check --help", { timeout: 120_000 }, () => {
  it("names the checks of each document type in its help", async () => {
    const help = await shenbao("check", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/application\s+申报书/);
    expect(help.stdout).toContain("仿宋_GB2312");
    expect(help.stdout).toContain("fixed 16 pt line spacing");
    expect(help.stdout).toMatch(/plan\s+建设方案/);
    expect(help.stdout).toContain("五、保障措施");
  });
});
