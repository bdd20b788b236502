import { describe, expect, it } from "vitest";
import type { SubmissionFacts } from "../../../shared/checks/context.ts";
import { fileName } from "../../../shared/checks/file-name.ts";
import { GOOD_NAME, henanContext, SCHOOL } from "../../helpers/call.ts";

const ctx = henanContext();
const FIXED = "职业教育高水平专业化产教融合实训中心申报材料";
const check = (name: string, school?: SubmissionFacts["school"]) =>
  fileName({ fileName: name, documentType: "evidence", size: 1000, ...(school ? { school } : {}) }, ctx);

describe("fileName", () => {
  it("is silent about the official name", () => {
    expect(check(GOOD_NAME, SCHOOL)).toEqual([]);
    expect(check(`郑州铁路职业技术学院${FIXED}（铁道机车运用与维护专业）.pdf`)).toEqual([]);
  });

  it("warns about a name a reviewer can identify, giving the official name and what differs", () => {
    const actual = `河南工业职业技术学院 ${FIXED}(数控技术专业).PDF`;
    expect(check(actual)).toEqual([
      {
        code: "NAME_NOT_CANONICAL",
        severity: "warning",
        field: "fileName",
        message: `文件名可以识别，但与规范写法不完全一致（括号的全角、半角与规范写法不同；含有多余空格；扩展名应为小写“.pdf”）。规范写法：“${GOOD_NAME}”，实际：“${actual}”。`,
        fix: `建议将文件重命名为“${GOOD_NAME}”。`,
        expected: GOOD_NAME,
        actual,
      },
    ]);
  });

  it("warns, without rejecting, about a browser's copy number", () => {
    const [finding, ...rest] = check(`河南工业职业技术学院${FIXED}（数控技术专业）(1).pdf`);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: "NAME_NOT_CANONICAL", severity: "warning", expected: GOOD_NAME });
    expect(finding?.message).toContain("重复下载或复制产生的编号");
  });

  it("warns about a decomposed (NFD) name only when decomposition changed it", () => {
    expect(check(GOOD_NAME.normalize("NFD"))).toEqual([]);
  });

  it("rejects a name missing the major, showing the name asked for with the school's own name", () => {
    const actual = `河南工业职业技术学院${FIXED}（专业）.pdf`;
    const [finding, ...rest] = check(actual, SCHOOL);
    expect(rest).toEqual([]);
    expect(finding).toEqual({
      code: "NAME_TEMPLATE_MISMATCH",
      severity: "error",
      field: "fileName",
      message: `文件名不符合通知要求的命名格式：缺少专业名称。要求：“河南工业职业技术学院${FIXED}（××专业）.pdf”，实际：“${actual}”。`,
      fix: `请按“××学校${FIXED}（××专业）.pdf”的格式重命名文件，学校名称和专业名称填写完整。`,
      expected: `河南工业职业技术学院${FIXED}（××专业）.pdf`,
      actual,
    });
  });

  it.each([
    [`${FIXED}（数控技术专业）.pdf`, "缺少学校名称"],
    [`河南工业职业技术学院申报材料（数控技术专业）.pdf`, `缺少或写错了固定文字“${FIXED}（”`],
    [`河南工业职业技术学院${FIXED}（数控技术）.pdf`, "缺少或写错了固定文字“专业）”"],
    [`河南工业职业技术学院${FIXED}（数控技术专业）终稿.pdf`, "规定格式之后多出了“终稿”"],
    [".pdf", "文件名为空"],
  ])("rejects %s: %s", (name, problem) => {
    const findings = check(name);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["NAME_TEMPLATE_MISMATCH", "error"]]);
    expect(findings[0]?.message).toContain(`命名格式：${problem}。要求：“××学校${FIXED}（××专业）.pdf”`);
  });

  it("rejects a name whose extension is not .pdf, even after a typed .pdf", () => {
    const findings = check(`河南工业职业技术学院${FIXED}（数控技术专业）.pdf.docx`);
    expect(findings).toEqual([
      {
        code: "NAME_NOT_PDF_EXTENSION",
        severity: "error",
        field: "fileName",
        message: "文件扩展名应为“.pdf”，实际为“.docx”。",
        fix: "请上传 PDF 格式的文件，并确保文件名以“.pdf”结尾。",
        expected: ".pdf",
        actual: ".docx",
      },
    ]);
  });

  it("says so when the name has no extension", () => {
    expect(check(`河南工业职业技术学院${FIXED}（数控技术专业）`)[0]?.message).toBe(
      "文件扩展名应为“.pdf”，实际为空（文件名没有扩展名）。",
    );
  });

  it("reports a wrong extension and a wrong name together", () => {
    expect(check("申报书.docx").map((f) => f.code)).toEqual([
      "NAME_NOT_PDF_EXTENSION",
      "NAME_TEMPLATE_MISMATCH",
    ]);
  });

  it("follows the call's severities", () => {
    expect(check(`河南工业职业技术学院${FIXED}（数控技术专业）.PDF`, SCHOOL).length).toBe(1);
    const lenient = henanContext({ rules: { NAME_NOT_CANONICAL: "off", NAME_TEMPLATE_MISMATCH: "warning" } });
    const facts = { documentType: "evidence", size: 1 };
    expect(
      fileName({ ...facts, fileName: `河南工业职业技术学院${FIXED}（数控技术专业）.PDF` }, lenient),
    ).toEqual([]);
    expect(fileName({ ...facts, fileName: "申报书.pdf" }, lenient).map((f) => f.severity)).toEqual([
      "warning",
    ]);
  });
});
