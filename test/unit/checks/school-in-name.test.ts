import { describe, expect, it } from "vitest";
import type { SubmissionFacts } from "../../../shared/checks/context.ts";
import { schoolInName } from "../../../shared/checks/school-in-name.ts";
import { GOOD_NAME, henanContext, SCHOOL } from "../../helpers/call.ts";

const ctx = henanContext();
const FIXED = "职业教育高水平专业化产教融合实训中心申报材料";
const check = (name: string, school?: SubmissionFacts["school"]) =>
  schoolInName({ fileName: name, documentType: "evidence", size: 1000, ...(school ? { school } : {}) }, ctx);

describe("schoolInName", () => {
  it("is silent when the name carries the school's registered name", () => {
    expect(check(GOOD_NAME, SCHOOL)).toEqual([]);
  });

  it("compares names regardless of spaces, bracket width and full-width forms", () => {
    const school = { name: "中国人民解放军某某职业技术学院（郑州校区）", level: "专科" as const };
    expect(check(`中国人民解放军某某职业技术学院 (郑州校区)${FIXED}（数控技术专业）.pdf`, school)).toEqual(
      [],
    );
    expect(
      check(`河南工业职业技术学院${FIXED}（数控技术专业）.pdf`, { name: " 河南工业职业技术学院\u3000" }),
    ).toEqual([]);
  });

  it("rejects another school's name", () => {
    expect(check(`郑州铁路职业技术学院${FIXED}（数控技术专业）.pdf`, SCHOOL)).toEqual([
      {
        code: "NAME_SCHOOL_MISMATCH",
        severity: "error",
        field: "fileName",
        message: "文件名中的学校名称应为“河南工业职业技术学院”，实际为“郑州铁路职业技术学院”。",
        fix: "请使用本校在系统中登记的全称命名文件；如登记名称有误，请联系主管部门更正。",
        expected: "河南工业职业技术学院",
        actual: "郑州铁路职业技术学院",
      },
    ]);
  });

  it("rejects a short name (简称) for the full one", () => {
    expect(check(`河南工院${FIXED}（数控技术专业）.pdf`, SCHOOL).map((f) => f.code)).toEqual([
      "NAME_SCHOOL_MISMATCH",
    ]);
  });

  it("still compares when only the extension is wrong", () => {
    expect(check(`河南工院${FIXED}（数控技术专业）.docx`, SCHOOL).map((f) => f.code)).toEqual([
      "NAME_SCHOOL_MISMATCH",
    ]);
  });

  it("is silent without a school or without a readable name", () => {
    expect(check(`郑州铁路职业技术学院${FIXED}（数控技术专业）.pdf`)).toEqual([]);
    expect(check("申报材料.pdf", SCHOOL)).toEqual([]);
  });
});
