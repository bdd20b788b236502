import { describe, expect, it } from "vitest";
import { contentDispositionAttachment } from "../../../shared/aws/content-disposition.ts";
import { encodeWord } from "../../../shared/aws/ses-mailer.ts";
import type { Finding } from "../../../shared/checks/finding.ts";
import type { ReceiptView } from "../../../shared/mail/view.ts";
import { receiptEmail, reviewerNoticeEmail } from "../../../shared/messages/mail.ts";

const pages: Finding = {
  code: "PDF_TOO_MANY_PAGES",
  severity: "error",
  field: "file",
  message: "文件共 53 页，超过佐证材料 50 页的上限。",
  fix: "请精简至 50 页以内。",
};

const view: ReceiptView = {
  receiptNumber: "SB20241115-7K3M9Q2XWD",
  submissionId: "01JCQ3Z8XW5G7T2M9K4N6P8R0S",
  callTitle: "2024年河南省职业教育高水平专业化产教融合实训中心申报",
  callReference: "教职成〔2024〕346号",
  callContact: "0371-69691995",
  schoolName: "河南工业职业技术学院",
  contactName: "张三",
  documentLabel: "佐证材料",
  fileName: "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf",
  state: "REJECTED",
  uploadedAt: "2024年11月15日 23:50:12（北京时间）",
  deadline: "2024年11月15日 23:59:59（北京时间）",
  pageCount: 53,
  size: "3.2 MB",
  sha256: "ab".repeat(32),
  findings: [pages],
};

describe("receipt e-mail", () => {
  it("carries everything a school cites, each finding with its fix, and what to do next", () => {
    const mail = receiptEmail(view);
    expect(mail.subject).toBe("【申报回执】SB20241115-7K3M9Q2XWD 河南工业职业技术学院 佐证材料未通过检查");
    for (const part of [
      "回执编号：SB20241115-7K3M9Q2XWD",
      "提交时间：2024年11月15日 23:50:12（北京时间）",
      "页数：53 页",
      `SHA-256：${"ab".repeat(32)}`,
      "1. [错误] 文件共 53 页，超过佐证材料 50 页的上限。",
      "处理办法：请精简至 50 页以内。",
      "在截止时间（2024年11月15日 23:59:59（北京时间））前重新上传",
    ]) {
      expect(mail.text).toContain(part);
    }
    expect(mail.html).toContain('<td style="padding:4px 0;word-break:break-all">河南工业职业技术学院</td>');
  });

  it("says which version an accepted upload is and what it replaces", () => {
    const mail = receiptEmail({
      ...view,
      state: "ACCEPTED",
      findings: [],
      version: 2,
      replaces: { receiptNumber: "SB20241110-AAAAAAAAAA", uploadedAt: "2024年11月10日 09:00:00（北京时间）" },
    });
    expect(mail.subject).toContain("佐证材料已受理");
    expect(mail.text).toContain("版本：第 2 次有效提交，替代回执编号 SB20241110-AAAAAAAAAA");
    expect(mail.text).toContain("未发现问题。");
  });

  it("escapes HTML in anything the school supplied", () => {
    const mail = receiptEmail({ ...view, fileName: "<script>x</script>.pdf" });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
  });
});

describe("reviewer notice", () => {
  it("lists warnings and the download link", () => {
    const warning: Finding = {
      ...pages,
      code: "PDF_PAGE_NOT_A4",
      severity: "warning",
      message: "第 2 页不是 A4",
    };
    const mail = reviewerNoticeEmail({
      receiptNumber: view.receiptNumber,
      callTitle: view.callTitle,
      schoolName: view.schoolName,
      schoolLevel: "专科",
      major: "数控技术",
      documentLabel: "佐证材料",
      fileName: view.fileName,
      uploadedAt: view.uploadedAt,
      pageCount: 48,
      sha256: view.sha256,
      findings: [warning],
      downloadUrl: "https://example.test/x?sig=1&b=2",
      downloadExpiresAt: "2024年11月16日",
    });
    expect(mail.subject).toBe(
      "【待评审】河南工业职业技术学院（数控技术专业） 佐证材料 SB20241115-7K3M9Q2XWD",
    );
    expect(mail.text).toContain("格式提示（1 项）");
    expect(mail.text).toContain("https://example.test/x?sig=1&b=2");
    expect(mail.html).toContain('href="https://example.test/x?sig=1&amp;b=2"');
  });
});

describe("headers with Chinese", () => {
  it("encode the sender's display name per RFC 2047", () => {
    expect(encodeWord("申报系统")).toBe(`=?UTF-8?B?${Buffer.from("申报系统").toString("base64")}?=`);
    expect(encodeWord("shenbao")).toBe("shenbao");
  });

  it("give downloads an ASCII fallback and the real name per RFC 5987", () => {
    const header = contentDispositionAttachment("河南（数控技术专业）'x.pdf");
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = header.split("filename*=UTF-8''")[1] ?? "";
    expect(encoded).not.toMatch(/['()]/);
    expect(decodeURIComponent(encoded)).toBe("河南（数控技术专业）'x.pdf");
  });
});
