import { describe, expect, it } from "vitest";
import { pdfReadable } from "../../../shared/checks/pdf-readable.ts";
import { inspectPdfBytes } from "../../../shared/pdf/inspect-pdf.ts";
import { sniffFileType } from "../../../shared/pdf/sniff.ts";
import { flatTreePdf } from "../../fixtures/pdf/handmade-pdf.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const headerless = () => {
  const text = Buffer.from(flatTreePdf(2)).toString("latin1");
  return ascii(text.slice(text.indexOf("1 0 obj")));
};

describe("a PDF body without its header", () => {
  it("is sniffed as a headerless PDF, not as text", () => {
    expect(sniffFileType(headerless())).toBe("pdf-headerless");
    expect(sniffFileType(ascii("\n% exported\n12 0 obj\n<< /Type /Page >>\nendobj\n"))).toBe(
      "pdf-headerless",
    );
  });

  it("leaves ordinary text alone, even when it mentions an object", () => {
    expect(sniffFileType(new TextEncoder().encode("本文件说明：PDF 中的 1 0 obj 表示一个对象。\n"))).toBe(
      "text",
    );
    expect(sniffFileType(flatTreePdf(1))).toBe("pdf");
  });

  it("is reported for what it is, saying whether it opened", async () => {
    const result = await inspectPdfBytes(headerless());
    expect(result).toEqual({
      ok: false,
      failure: { kind: "not-pdf", detected: "pdf-headerless", opensInReaders: expect.any(Boolean) },
    });
    const [finding] = pdfReadable(
      { fileName: GOOD_NAME, documentType: "evidence", size: 1, inspection: result },
      henanContext(),
    );
    expect(finding?.code).toBe("FILE_NOT_PDF");
    expect(finding?.message).toContain("缺少文件头（%PDF-）的 PDF");
    expect(finding?.message).not.toContain("纯文本");
    expect(finding?.message).toMatch(/阅读器能打开它|检查时也无法打开/);
  });
});
