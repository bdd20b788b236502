import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { college, csv, type OperatorStack, startOperatorStack } from "./harness.ts";

const HEADER = ["学校名称", "统一社会信用代码", "办学层次", "联系人", "电子邮箱", "联系电话"];
const row = (c: ReturnType<typeof college>) => [
  c.name,
  c.creditCode,
  c.level,
  c.contactName,
  c.email,
  c.phone,
];

let stack: OperatorStack;

beforeAll(async () => {
  stack = await startOperatorStack();
  // Already registered before any import.
  await stack.registerSchool(college(900, { name: "河南已登记职业学院" }));
});

afterAll(async () => {
  await stack?.stop();
});

describe("shenbao schools import", () => {
  it("refuses a roster with bad rows as a whole, naming every line and what is wrong", async () => {
    const good = college(1);
    const badCheck = college(2);
    const wrongCheck = badCheck.creditCode.slice(0, 17) + (badCheck.creditCode.endsWith("0") ? "1" : "0");
    const file = join(stack.dir, "bad.csv");
    await writeFile(
      file,
      csv([
        HEADER,
        row(good), // line 2: fine
        row({ ...badCheck, creditCode: wrongCheck }), // line 3: check character
        row({ ...college(3), email: "office@", level: "中专" }), // line 4: two problems
        row({ ...college(4), creditCode: good.creditCode }), // line 5: same code as line 2
        [],
        row(college(900, { name: "河南已登记职业学院" })), // line 7: already registered
        row({ ...college(5), name: good.name }), // line 8: same name as line 2
      ]),
    );
    const [result, json] = await Promise.all([
      stack.cli(["schools", "import", file]),
      stack.cli(["schools", "import", file, "--json"]),
    ]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("共 6 行数据，其中 5 行有 6 处问题，未导入任何学校。请修改后重新导入。");
    expect(lines.filter((l) => l.startsWith("  第 3 行"))).toEqual([
      expect.stringMatching(/^ {2}第 3 行【统一社会信用代码】：统一社会信用代码“.*”的校验位不正确/),
    ]);
    expect(lines.filter((l) => l.startsWith("  第 4 行"))).toEqual([
      expect.stringContaining("【办学层次】"),
      expect.stringContaining("【电子邮箱】：电子邮箱“office@”格式不正确"),
    ]);
    expect(lines).toContain(
      `  第 5 行【统一社会信用代码】：统一社会信用代码 ${good.creditCode} 与第 2 行重复。`,
    );
    expect(lines.find((l) => l.startsWith("  第 7 行"))).toContain("已登记（河南已登记职业学院）");
    expect(lines).toContain(`  第 8 行【学校名称】：学校名称“${good.name}”与第 2 行重复。`);
    expect(lines.some((l) => l.startsWith("  第 2 行"))).toBe(false);

    expect(json.code).toBe(1);
    const body = JSON.parse(json.stdout) as { ok: boolean; problems: Array<{ line: number; code: string }> };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => [p.line, p.code])).toEqual([
      [3, "CREDIT_CODE_CHECK_CHARACTER"],
      [4, "SCHOOL_LEVEL_INVALID"],
      [4, "EMAIL_INVALID"],
      [5, "DUPLICATE_IN_FILE"],
      [7, "ALREADY_REGISTERED"],
      [8, "DUPLICATE_IN_FILE"],
    ]);
    // Nothing imported: the good row on line 2 waits for the others.
    expect(await stack.repositories.schools.getSchool(good.creditCode)).toBeUndefined();
  });

  it("names the missing columns when the header is not recognised", async () => {
    const file = join(stack.dir, "no-header.csv");
    await writeFile(
      file,
      csv([
        ["学校", "代码"],
        ["河南某职业学院", "x"],
      ]),
    );
    const result = await stack.cli(["schools", "import", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "第 1 行不是完整的表头：缺少“统一社会信用代码”、“办学层次”、“联系人”、“电子邮箱”、“联系电话”列。",
    );
  });

  it("imports 100 colleges, writing each token once to a file only the operator can read", async () => {
    const colleges = Array.from({ length: 100 }, (_, i) => college(100 + i));
    const file = join(stack.dir, "roster.csv");
    // English headers, a BOM and CRLF, as a spreadsheet program saves them.
    await writeFile(
      file,
      `\uFEFF${["name,creditCode,level,contactName,email,phone", ...colleges.map((c) => row(c).join(","))].join("\r\n")}\r\n`,
    );
    const tokensFile = join(stack.dir, "tokens.csv");
    const result = await stack.cli(["schools", "import", file, "--tokens-out", tokensFile]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("已导入 100 所学校。");
    expect(result.stdout).not.toContain("sbt_");
    expect((await stat(tokensFile)).mode & 0o777).toBe(0o600);

    const text = await readFile(tokensFile, "utf8");
    expect(text.startsWith("\uFEFF学校名称,统一社会信用代码,联系人,电子邮箱,令牌,上传链接\r\n")).toBe(true);
    const records = text
      .slice(1)
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(records).toHaveLength(100);
    expect(records.map((r) => r[1]).sort()).toEqual(colleges.map((c) => c.creditCode).sort());
    // Each token works, and the link carries it.
    for (const record of [records[0], records[99]]) {
      const [, , , , token, link] = record as string[];
      expect(link).toBe(`${stack.baseUrl}/#token=${token}`);
      const me = await fetch(`${stack.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
    }

    // Again, with --skip-existing: nothing new; without it, every row is already registered.
    const [again, refused, clobber] = await Promise.all([
      stack.cli(["schools", "import", file, "--skip-existing", "--json"]),
      stack.cli(["schools", "import", file, "--json"]),
      stack.cli(["schools", "import", file, "--skip-existing", "--tokens-out", tokensFile]),
    ]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, toRegister: [], skipped: expect.any(Array) });
    expect(JSON.parse(again.stdout).skipped).toHaveLength(100);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).problems).toHaveLength(100);
    // The tokens file is never overwritten.
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toContain("已存在");
  });

  it("reads an .xlsx roster as operators keep it: a title row, numbers for phones, links for e-mails", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("学校名单");
    sheet.addRow(["2024年申报学校名单"]);
    sheet.addRow(["序号", ...HEADER]);
    const a = college(301);
    const b = college(302, { phone: "13803710302" });
    sheet.addRow([1, ...row(a)]);
    sheet.addRow([
      2,
      b.name,
      b.creditCode,
      "高职专科",
      b.contactName,
      { text: b.email, hyperlink: `mailto:${b.email}` },
      13803710302,
    ]);
    const file = join(stack.dir, "roster.xlsx");
    await workbook.xlsx.writeFile(file);

    const result = await stack.cli(["schools", "import", file, "--json"]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as {
      imported: Array<{ schoolId: string; token: string; uploadUrl: string }>;
    };
    expect(body.imported.map((s) => s.schoolId)).toEqual([a.creditCode, b.creditCode]);
    expect(body.imported[0]?.token).toMatch(/^sbt_/);
    const stored = await stack.repositories.schools.getSchool(b.creditCode);
    expect(stored).toMatchObject({ email: b.email, phone: "13803710302", level: "专科" });
  });
});
