import { describe, expect, it } from "vitest";
import type { SchoolLevel } from "../../../shared/call/schema.ts";
import { majorInCatalog } from "../../../shared/checks/major-in-catalog.ts";
import { henanContext } from "../../helpers/call.ts";

const ctx = henanContext();
const FIXED = "职业教育高水平专业化产教融合实训中心申报材料";
const check = (major: string, level?: SchoolLevel, extension = "pdf") =>
  majorInCatalog(
    {
      fileName: `河南工业职业技术学院${FIXED}（${major}专业）.${extension}`,
      documentType: "evidence",
      size: 1000,
      school: { name: "河南工业职业技术学院", ...(level ? { level } : {}) },
    },
    ctx,
  );

describe("majorInCatalog", () => {
  it.each([
    ["数控技术", "专科"],
    ["数控技术", "本科"],
    ["铁道机车运用与维护", "专科"],
    ["临床医学", "专科"],
    ["机械设计制造及自动化", "本科"],
    [" 计算机应用技术 ", "专科"],
  ] as const)("accepts %s at %s", (major, level) => {
    expect(check(major, level)).toEqual([]);
  });

  it("accepts a major of either level when the school's level is unknown", () => {
    expect(check("软件工程技术")).toEqual([]);
    expect(check("软件技术")).toEqual([]);
  });

  it("rejects a 本科-only major for a 专科 school with the level rule", () => {
    expect(check("机械设计制造及自动化", "专科")).toEqual([
      {
        code: "MAJOR_WRONG_LEVEL",
        severity: "error",
        field: "fileName",
        message: "专业“机械设计制造及自动化”属于本科专业目录，不在本校办学层次（专科）的目录中。",
        fix: "请填写专科专业目录中的专业名称；如本校办学层次登记有误，请联系主管部门更正。",
        expected: "专科",
        actual: "本科",
      },
    ]);
  });

  it("rejects a 专科-only major for a 本科 school with the level rule, not suggestions", () => {
    const findings = check("铁道机车运用与维护", "本科");
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["MAJOR_WRONG_LEVEL", "error"]]);
    expect(findings[0]?.message).toBe(
      "专业“铁道机车运用与维护”属于专科专业目录，不在本校办学层次（本科）的目录中。",
    );
  });

  it("rejects a name not in the catalog, suggesting the nearest names at the school's level", () => {
    expect(check("数控", "专科")).toEqual([
      {
        code: "MAJOR_NOT_IN_CATALOG",
        severity: "error",
        field: "fileName",
        message: "专业名称“数控”不在 2021 年教育部《职业教育专业目录》（专科）中。",
        fix: "专业名称须与目录一致，您是否要填写：“数控技术”？",
        expected: "数控技术",
        actual: "数控",
      },
    ]);
    expect(check("计算机应用", "专科")[0]?.fix).toContain("“计算机应用技术”");
    expect(check("铁道机车运用与维修", "专科")[0]?.expected).toBe("铁道机车运用与维护");
    expect(check("计算机应用", "本科")[0]?.expected).toBe("计算机应用工程");
  });

  it("suggests from both levels when the school's level is unknown", () => {
    const [finding] = check("计算机应用");
    expect(finding?.message).toBe("专业名称“计算机应用”不在 2021 年教育部《职业教育专业目录》中。");
    expect(finding?.fix).toContain("“计算机应用技术”、“计算机应用工程”");
  });

  it("says where to look when nothing is near", () => {
    expect(check("汉语言文学", "专科")[0]?.fix).toBe(
      "请按 2021 年教育部《职业教育专业目录》中的规范名称填写专业。",
    );
  });

  it("checks the major even when the extension is wrong, and is silent when no major can be read", () => {
    expect(check("数控", "专科", "docx").map((f) => f.code)).toEqual(["MAJOR_NOT_IN_CATALOG"]);
    const silent = majorInCatalog({ fileName: "申报材料.pdf", documentType: "evidence", size: 1 }, ctx);
    expect(silent).toEqual([]);
  });
});
