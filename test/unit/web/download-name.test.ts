import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "../../../shared/documents/school-documents.ts";
import { fileNameFromDisposition } from "../../../web/src/view/documents.ts";

describe("fileNameFromDisposition (the page's name for a downloaded document)", () => {
  it("reads back the official Chinese name the API writes as RFC 5987 filename*", () => {
    const name = "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报书（数控技术专业）.docx";
    expect(fileNameFromDisposition(attachmentDisposition(name, "application.docx"))).toBe(name);
    expect(fileNameFromDisposition(attachmentDisposition("a'b (c)*.docx", "x.docx"))).toBe("a'b (c)*.docx");
  });

  it("falls back to the plain filename, and to nothing without a header", () => {
    expect(fileNameFromDisposition('attachment; filename="plan.docx"')).toBe("plan.docx");
    expect(fileNameFromDisposition("attachment; filename=plan.docx")).toBe("plan.docx");
    expect(fileNameFromDisposition("attachment; filename=\"plan.docx\"; filename*=UTF-8''%E0%A4")).toBe(
      "plan.docx",
    );
    expect(fileNameFromDisposition("attachment")).toBeUndefined();
    expect(fileNameFromDisposition(null)).toBeUndefined();
  });
});
