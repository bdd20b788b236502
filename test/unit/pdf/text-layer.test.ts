import { describe, expect, it } from "vitest";
import type { TextLayerFacts } from "../../../shared/pdf/facts.ts";
import { inspectPdfBytes } from "../../../shared/pdf/inspect-pdf.ts";
import { decodeFontName } from "../../../shared/pdf/text-layer.ts";
import { applicationPdf, makeTextPdf } from "../../fixtures/pdf/text-documents.ts";
import { skipWithoutCjkFont } from "../../helpers/cjk-font.ts";

async function textLayerOf(bytes: Uint8Array): Promise<TextLayerFacts> {
  const result = await inspectPdfBytes(bytes, { textLayer: true });
  if (!result.ok) throw new Error(`not inspected: ${JSON.stringify(result.failure)}`);
  if (!result.facts.textLayer) throw new Error("no text layer read");
  return result.facts.textLayer;
}

describe.skipIf(skipWithoutCjkFont("text layer"))("readTextLayer", () => {
  it("reads CJK text, the fonts' own names, sizes and baseline distances of the body", async () => {
    const text = await textLayerOf(await applicationPdf());
    expect(text.pagesExamined).toBe(4);
    expect(text.pagesWithoutText).toEqual([]);
    expect(text.pageTexts[0]).toContain("申报专业：数控技术");
    expect(text.pageTexts[1]).toContain("内容真实性责任声明");
    // The cover's font (page 1) is not body text.
    expect(text.fonts.map((f) => f.value)).toEqual(["FangSong_GB2312"]);
    expect(text.sizes.map((s) => s.value)).toEqual(["12"]);
    expect(text.leadings[0]?.value).toBe("16");
    expect(text.leadings.length).toBe(1);
  });

  it("measures 1.5 lines as 1.5 × the size, and another size as itself", async () => {
    const text = await textLayerOf(
      await makeTextPdf({
        pages: [{ lines: ["封面"] }, { lines: ["第一行正文", "第二行正文", "第三行正文"] }],
        sizePt: 14,
        leadingPt: 21,
      }),
    );
    expect(text.sizes).toEqual([{ value: "14", chars: 15 }]);
    expect(text.leadings).toEqual([{ value: "21", chars: 10 }]);
  });

  it("lists pages without a text layer", async () => {
    const text = await textLayerOf(await applicationPdf({ cover: "scanned" }));
    expect(text.pagesWithoutText).toEqual([1]);
    expect(text.pageTexts[0]).toBe("");
  });

  it("is read only when asked for", async () => {
    const result = await inspectPdfBytes(await applicationPdf());
    expect(result.ok && result.facts.textLayer).toBe(undefined);
  });
});

describe("decodeFontName", () => {
  it("decodes Chinese font names written in GBK, as Word and WPS write them", () => {
    const gbk = `${String.fromCharCode(0xb7, 0xc2, 0xcb, 0xce)}_GB2312`;
    expect(decodeFontName(gbk)).toBe("仿宋_GB2312");
  });

  it("keeps ASCII names", () => {
    expect(decodeFontName("ABCDEF+FangSong")).toBe("ABCDEF+FangSong");
  });
});
