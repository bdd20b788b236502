import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../infra/local/sample-pdf.ts";

const run = promisify(execFile);
const BIN = new URL("../../bin/shenbao.js", import.meta.url).pathname;
const SCHOOL = "河南工业职业技术学院";
const name = (major: string) => `${SCHOOL}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function shenbao(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run("node", [BIN, ...args], { env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let good: string;
let goodBytes: Uint8Array;
let tooLong: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shenbao-cli-"));
  good = join(dir, name("数控技术"));
  goodBytes = await samplePdf({ pages: 12 });
  await writeFile(good, goodBytes);
  tooLong = join(dir, name("机电一体化技术"));
  await writeFile(tooLong, await samplePdf({ pages: 53 }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("shenbao check", () => {
  it("accepts a good file with exit 0 and reports its pages and SHA-256 as JSON", async () => {
    const result = await shenbao("check", good, "--school", SCHOOL, "--level", "专科", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { files: Array<Record<string, unknown>> };
    expect(json.files).toEqual([
      {
        file: good,
        verdict: "accepted",
        pageCount: 12,
        sha256: createHash("sha256").update(goodBytes).digest("hex"),
        size: goodBytes.byteLength,
        findings: [],
      },
    ]);
  });

  it("rejects with exit 1 when any file is rejected, naming the finding in Chinese", async () => {
    const result = await shenbao("check", good, tooLong, "--json");
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as {
      files: Array<{ verdict: string; findings: Array<{ code: string; severity: string; message: string }> }>;
    };
    expect(json.files.map((f) => f.verdict)).toEqual(["accepted", "rejected"]);
    expect(json.files[1]?.findings).toContainEqual(
      expect.objectContaining({
        code: "PDF_TOO_MANY_PAGES",
        severity: "error",
        message: "文件共 53 页，超过佐证材料 50 页的上限。",
      }),
    );
  });

  it("suggests the catalog's name for a major typed with a homophone, as the pipeline does, file after file", async () => {
    // 书空计数 reads shū kōng jì shù like 数控技术 and shares no character with it: only the pronunciation finds it.
    const homophone = join(dir, name("书空计数"));
    await writeFile(homophone, goodBytes);
    const result = await shenbao("check", good, homophone, homophone, "--level", "专科", "--json");
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as {
      files: Array<{
        verdict: string;
        sha256: string;
        size: number;
        findings: Array<{ code: string; expected?: string; message: string }>;
      }>;
    };
    expect(json.files.map((f) => f.verdict)).toEqual(["accepted", "rejected", "rejected"]);
    // Examined again for the suggestion, each file still reports its own bytes.
    const sha256 = createHash("sha256").update(goodBytes).digest("hex");
    expect(json.files.map((f) => [f.sha256, f.size])).toEqual(Array(3).fill([sha256, goodBytes.byteLength]));
    for (const file of json.files.slice(1)) {
      expect(file.findings).toContainEqual(
        expect.objectContaining({ code: "MAJOR_NOT_IN_CATALOG", expected: "数控技术" }),
      );
    }
  });

  it("checks the school named in the file against --school", async () => {
    const result = await shenbao("check", good, "--school", "郑州铁路职业技术学院", "--json");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"code": "NAME_SCHOOL_MISMATCH"');
  });

  it("prints a table in Chinese for people", async () => {
    const result = await shenbao("check", good, tooLong);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^文件\s+结论\s+页数\s+问题$/m);
    expect(result.stdout).toContain("✔ 通过");
    expect(result.stdout).toContain("✘ 不通过");
    expect(result.stdout).toContain("[错误] PDF_TOO_MANY_PAGES  文件共 53 页");
    expect(result.stdout).toContain("处理办法：");
    expect(result.stdout).toContain("共 2 个文件，1 个通过，1 个不通过。");
  });

  it.each([
    [["check"], /missing required argument/],
    [["check", "/nonexistent/x.pdf"], /无法读取文件“\/nonexistent\/x.pdf”：ENOENT/],
    [["check", "x.pdf", "--level", "硕士"], /未知的办学层次“硕士”/],
    [["check", "x.pdf", "--type", "video"], /未知的材料类型“video”，可选：evidence（佐证材料）/],
    [["frobnicate"], /unknown command/],
  ])("exits 2 on a usage error: %j", async (args, message) => {
    const result = await shenbao(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
