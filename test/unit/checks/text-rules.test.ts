/**
 * The 申报书 and 建设方案 rules on generated PDFs (test/fixtures/pdf/text-documents.ts), read by the real inspection
 * code: each rule is shown passing a complying file and failing the non-complying one it is for.
 */
import { describe, expect, it } from "vitest";
import { isFangSong } from "../../../shared/checks/body-font.ts";
import type { SubmissionFacts } from "../../../shared/checks/context.ts";
import { checkSubmission } from "../../../shared/checks/index.ts";
import { inspectPdfBytes } from "../../../shared/pdf/inspect-pdf.ts";
import { applicationPdf, planPdf } from "../../fixtures/pdf/text-documents.ts";
import { skipWithoutCjkFont } from "../../helpers/cjk-font.ts";

const noFont = skipWithoutCjkFont("text rules");

import { GOOD_NAME, henanContext, SCHOOL } from "../../helpers/call.ts";

const ctx = henanContext();
const TEXT_CODES = /^(TEXT_LAYER_MISSING|BODY_|COVER_|DECLARATION_MISSING|PLAN_HEADING)/;

async function textFindings(
  bytes: Uint8Array,
  documentType: "application" | "plan",
  facts: Partial<SubmissionFacts> = {},
) {
  const inspection = await inspectPdfBytes(bytes, { textLayer: true });
  const findings = checkSubmission(
    { fileName: GOOD_NAME, documentType, size: bytes.byteLength, school: SCHOOL, inspection, ...facts },
    ctx,
  );
  return findings.filter((f) => TEXT_CODES.test(f.code));
}

const codes = (findings: { code: string; severity: string }[]) => findings.map((f) => [f.code, f.severity]);

describe.skipIf(noFont)("申报书 (application)", () => {
  it("finds nothing wrong with a complying 申报书", async () => {
    expect(await textFindings(await applicationPdf(), "application")).toEqual([]);
  });

  it("warns about a body font that is not 仿宋, naming the font found and the share", async () => {
    const findings = await textFindings(await applicationPdf({ bodyFontName: "SimSun" }), "application");
    expect(codes(findings)).toEqual([["BODY_FONT_NOT_FANGSONG", "warning"]]);
    expect(findings[0]?.actual).toBe("SimSun");
    expect(findings[0]?.message).toContain("只有 0% 的文字");
  });

  // 仿宋_GB2312 as Word and WPS write it into a PDF name: its GBK bytes.
  const GBK_FANGSONG_GB2312 = `${String.fromCharCode(0xb7, 0xc2, 0xcb, 0xce)}_GB2312`;

  it("accepts FangSong under the names Windows, macOS and 方正 give it", async () => {
    for (const name of ["FangSong", "STFangsong", "FZFSK--GBK1-0", GBK_FANGSONG_GB2312]) {
      expect(await textFindings(await applicationPdf({ bodyFontName: name }), "application")).toEqual([]);
    }
    expect(isFangSong("ABCDEF+FangSong_GB2312,Bold")).toBe(true);
    expect(isFangSong("SimSun")).toBe(false);
    expect(isFangSong("KaiTi_GB2312")).toBe(false);
  });

  it("warns about a body size other than 小四", async () => {
    const findings = await textFindings(await applicationPdf({ sizePt: 14, leadingPt: 16 }), "application");
    expect(codes(findings)).toEqual([["BODY_SIZE_NOT_XIAOSI", "warning"]]);
    expect(findings[0]?.actual).toBe("14 pt");
  });

  it("warns about 1.5 line spacing", async () => {
    const findings = await textFindings(await applicationPdf({ leadingPt: 18 }), "application");
    expect(codes(findings)).toEqual([["BODY_LEADING_NOT_16PT", "warning"]]);
    expect(findings[0]?.message).toContain("约为 18 磅");
  });

  it("makes a cover major that differs from the file name's an error", async () => {
    const findings = await textFindings(
      await applicationPdf({ cover: { major: "工业机器人技术", class: "自动化类" } }),
      "application",
    );
    expect(codes(findings)).toEqual([["COVER_MAJOR_MISMATCH", "error"]]);
    expect(findings[0]).toMatchObject({ expected: "数控技术", actual: "工业机器人技术" });
  });

  it("makes a 大类 or 专业类 that does not go with the major an error", async () => {
    const findings = await textFindings(
      await applicationPdf({ cover: { category: "电子与信息大类", class: "计算机类" } }),
      "application",
    );
    expect(codes(findings)).toEqual([
      ["COVER_CATEGORY_MISMATCH", "error"],
      ["COVER_CLASS_MISMATCH", "error"],
    ]);
    expect(findings[0]?.expected).toBe("装备制造大类");
  });

  it("accepts a 大类 written with its code or without 大类", async () => {
    const a = await textFindings(
      await applicationPdf({ cover: { category: "46装备制造大类" } }),
      "application",
    );
    const b = await textFindings(
      await applicationPdf({ cover: { category: "装备制造", class: "机械设计制造" } }),
      "application",
    );
    expect([a, b]).toEqual([[], []]);
  });

  it("compares the cover's school with the registration, and suggests catalog names for its major", async () => {
    const findings = await textFindings(
      await applicationPdf({ cover: { school: "河南另一职业学院", major: "数空技术" } }),
      "application",
      { fileName: "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数空技术专业）.pdf" },
    );
    expect(codes(findings)).toEqual([
      ["COVER_SCHOOL_MISMATCH", "error"],
      ["COVER_MAJOR_NOT_IN_CATALOG", "error"],
    ]);
    expect(findings[1]?.expected).toBe("数控技术");
  });

  it("warns about a level ticked otherwise than registered, and about unfilled fields", async () => {
    const findings = await textFindings(
      await applicationPdf({ cover: { level: "□高职（专科） ■高职（本科）", servedGroup: "" } }),
      "application",
    );
    expect(codes(findings)).toEqual([
      ["COVER_FIELD_MISSING", "warning"],
      ["COVER_LEVEL_MISMATCH", "warning"],
    ]);
    expect(findings[0]?.message).toContain("中心服务专业（群）");
  });

  it("warns when the 内容真实性责任声明 is missing", async () => {
    const findings = await textFindings(await applicationPdf({ declaration: false }), "application");
    expect(codes(findings)).toEqual([["DECLARATION_MISSING", "warning"]]);
  });

  it("says a scanned cover could not be checked, instead of passing or failing it", async () => {
    const findings = await textFindings(await applicationPdf({ cover: "scanned" }), "application");
    expect(codes(findings)).toEqual([["TEXT_LAYER_MISSING", "warning"]]);
    expect(findings[0]?.message).toContain("扫描页");
    expect(findings[0]?.message).toContain("无法自动核对");
    expect(findings[0]?.message).toContain("封面信息");
  });

  it("leaves other document types' text unchecked (and unread)", async () => {
    const bytes = await applicationPdf({ bodyFontName: "SimSun" });
    const inspection = await inspectPdfBytes(bytes);
    expect(inspection.ok && inspection.facts.textLayer).toBe(undefined);
    expect(await textFindings(bytes, "plan")).toHaveLength(1); // the plan's outline, not the body font
  });
});

describe.skipIf(noFont)("建设方案 (plan)", () => {
  it("finds nothing wrong with 附件2's five headings in order", async () => {
    expect(await textFindings(await planPdf(), "plan")).toEqual([]);
  });

  it("names a missing heading", async () => {
    const findings = await textFindings(
      await planPdf([
        "一、总体建设目标",
        "二、重点建设任务与举措",
        "三、预期建设成效与主要成果",
        "四、保障措施",
      ]),
      "plan",
    );
    expect(codes(findings)).toEqual([["PLAN_HEADING_MISSING", "warning"]]);
    expect(findings[0]?.message).toContain("“四、建设资金预算安排”");
  });

  it("finds headings out of order, whatever their numbering", async () => {
    const findings = await textFindings(
      await planPdf([
        "一、总体建设目标",
        "二、重点建设任务与举措",
        "三、建设资金预算安排",
        "四、预期建设成效与主要成果",
        "五、保障措施",
      ]),
      "plan",
    );
    expect(codes(findings)).toEqual([["PLAN_HEADINGS_OUT_OF_ORDER", "warning"]]);
  });

  it("says scanned pages could not be checked rather than calling a heading missing", async () => {
    const findings = await textFindings(
      await planPdf(["一、总体建设目标", "二、重点建设任务与举措", "三、预期建设成效与主要成果"], {
        scannedPages: 2,
      }),
      "plan",
    );
    expect(codes(findings)).toEqual([["TEXT_LAYER_MISSING", "warning"]]);
    expect(findings[0]?.message).toContain("建设方案提纲的五个标题");
  });
});
