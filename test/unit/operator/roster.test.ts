import { describe, expect, it } from "vitest";
import { decodeText, parseCsv, RosterFileError } from "../../../cli/roster-file.ts";
import { normalizeHeader, readRoster } from "../../../shared/schools/roster.ts";

describe("parseCsv", () => {
  it("reads quoted fields with commas, quotes and line breaks, numbering records by the line they start on", () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\nlast,1';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x, y", 'say "hi"'] },
      { line: 3, cells: ["two\nlines", "z"] },
      { line: 5, cells: [""] },
      { line: 6, cells: ["last", "1"] },
    ]);
  });

  it("reads Excel's tab-separated text when the first line has tabs and no commas", () => {
    expect(parseCsv("学校名称\t联系人\n某学院\t张三,李四\n")).toEqual([
      { line: 1, cells: ["学校名称", "联系人"] },
      { line: 2, cells: ["某学院", "张三,李四"] },
    ]);
  });
});

describe("parseCsv, malformed", () => {
  it("refuses a quoted cell that is never closed, naming the problem", () => {
    expect(() => parseCsv('学校名称,联系人\n"某学院,张三\n')).toThrow(RosterFileError);
    expect(() => parseCsv('学校名称,联系人\n"某学院,张三\n')).toThrow(
      /not a well-formed CSV: Quote Not Closed/,
    );
  });

  it("keeps a stray quote inside an unquoted cell, and reads CR-only line ends", () => {
    expect(parseCsv('a,b\r5"寸,x\rc,d')).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ['5"寸', "x"] },
      { line: 3, cells: ["c", "d"] },
    ]);
  });
});

describe("decodeText", () => {
  it("reads UTF-8 (dropping a BOM) and falls back to GB18030, as Excel on Chinese Windows saves CSV", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("学校名称", "utf8")]))).toBe(
      "学校名称",
    );
    // "学校名称" in GBK.
    expect(decodeText(new Uint8Array([0xd1, 0xa7, 0xd0, 0xa3, 0xc3, 0xfb, 0xb3, 0xc6]))).toBe("学校名称");
  });
});

describe("readRoster", () => {
  const row = (line: number, ...cells: string[]) => ({ line, cells });

  it("finds the header below a title, by Chinese or English names, with remarks and full-width forms", () => {
    expect(normalizeHeader(" 电子邮箱（必填）")).toBe("电子邮箱");
    expect(normalizeHeader("E-mail")).toBe("email");
    const reading = readRoster([
      row(1, "2024年申报学校名单"),
      row(2, "序号", "*学校名称", "Credit Code", "办学层次", "联系人", "E-mail", "联系电话（手机）"),
      row(3, "1", " 河南某职业学院 ", "X", "专科", "张三", "a@b.cn", "13800000000"),
      row(4, "", "", "", "", "", "", ""),
      row(5, "2", "河南另一职业学院"),
    ]);
    expect(reading).toEqual({
      ok: true,
      headerLine: 2,
      ignoredColumns: ["序号"],
      rows: [
        {
          line: 3,
          input: {
            name: "河南某职业学院",
            creditCode: "X",
            level: "专科",
            contactName: "张三",
            email: "a@b.cn",
            phone: "13800000000",
          },
        },
        {
          line: 5,
          input: {
            name: "河南另一职业学院",
            creditCode: "",
            level: "",
            contactName: "",
            email: "",
            phone: "",
          },
        },
      ],
    });
  });

  it("names the columns it could not find, and refuses two columns for one field", () => {
    expect(readRoster([row(1, "学校名称", "联系人")])).toEqual({
      ok: false,
      problem: { kind: "missing-columns", line: 1, missing: ["creditCode", "level", "email", "phone"] },
    });
    expect(
      readRoster([row(1, "学校名称", "统一社会信用代码", "办学层次", "联系人", "电话", "手机", "邮箱")]),
    ).toEqual({
      ok: false,
      problem: { kind: "duplicate-column", line: 1, field: "phone", columns: ["电话", "手机"] },
    });
    expect(readRoster([row(1, ""), row(2)])).toEqual({ ok: false, problem: { kind: "empty" } });
  });
});
