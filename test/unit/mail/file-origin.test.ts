import { describe, expect, it } from "vitest";
import type { ReceiptView } from "../../../shared/mail/view.ts";
import { receiptEmail, reviewerNoticeEmail } from "../../../shared/messages/mail.ts";

const view: ReceiptView = {
  receiptNumber: "SB20241115-7K3M9Q2XWD",
  submissionId: "01JCQ3Z8XW5G7T2M9K4N6P8R0S",
  callTitle: "2024年河南省职业教育高水平专业化产教融合实训中心申报",
  schoolName: "河南工业职业技术学院",
  contactName: "张三",
  documentLabel: "佐证材料",
  fileName: "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf",
  state: "ACCEPTED",
  uploadedAt: "2024年11月15日 23:50:12（北京时间）",
  deadline: "2024年11月15日 23:59:59（北京时间）",
  pageCount: 48,
  producer: "WPS 文字",
  createdAt: "2024年11月14日 09:30:00（北京时间）",
  size: "3.2 MB",
  sha256: "ab".repeat(32),
  findings: [],
};

describe("the file's producing software and creation date", () => {
  it("are listed in the receipt and in the reviewers' notice", () => {
    const receipt = receiptEmail(view);
    const notice = reviewerNoticeEmail({ ...view, schoolLevel: "专科", major: "数控技术" });
    for (const mail of [receipt, notice]) {
      expect(mail.text).toContain("生成软件");
      expect(mail.text).toContain("WPS 文字");
      expect(mail.text).toContain("文件创建时间");
      expect(mail.text).toContain("2024年11月14日 09:30:00（北京时间）");
      expect(mail.html).toContain("WPS 文字");
    }
  });

  it("are left out when the file does not record them", () => {
    const mail = receiptEmail({ ...view, producer: null, createdAt: null });
    expect(mail.text).not.toContain("生成软件");
    expect(mail.text).not.toContain("文件创建时间");
  });
});
