import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { InspectionResult, PdfFacts } from "../../../shared/pdf/facts.ts";
import { inspectPdfBytes } from "../../../shared/pdf/inspect-pdf.ts";
import {
  A4,
  A4_LANDSCAPE,
  chineseApplicationPdf,
  chineseText,
  docxLikeZip,
  LETTER,
  makePdf,
  tinyPng,
  truncated,
  withGarbageXref,
} from "../../fixtures/pdf/make-fixtures.ts";

const fixture = (name: string) => readFile(new URL(`../../fixtures/pdf/${name}`, import.meta.url));

function factsOf(result: InspectionResult): PdfFacts {
  if (!result.ok) throw new Error(`expected facts, got ${JSON.stringify(result.failure)}`);
  return result.facts;
}

const inspect = async (bytes: Uint8Array | Promise<Uint8Array>) =>
  factsOf(await inspectPdfBytes(await bytes));

const NO_ACTIVE_CONTENT = { javaScript: false, launchAction: false, details: [] };

describe("inspectPdfBytes on a typical application file", () => {
  let facts: PdfFacts;
  beforeAll(async () => {
    facts = await inspect(chineseApplicationPdf(50));
  });

  it("counts its pages and measures every one", () => {
    expect(facts.pageCount).toBe(50);
    expect(facts.pages).toHaveLength(50);
    expect(new Set(facts.pages.map((page) => JSON.stringify(page)))).toEqual(
      new Set([JSON.stringify({ widthPt: A4[0], heightPt: A4[1], rotation: 0 })]),
    );
  });

  it("reads its header version, Chinese title, producer and creator", () => {
    expect(facts).toMatchObject({
      version: "1.7",
      title: "河南职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）",
      producer: "WPS 文字",
      creator: "WPS Office",
    });
  });

  it("counts bookmarks at every level", () => {
    expect(facts.outline).toEqual({ present: true, entries: 3 });
  });

  it("finds no encryption and no active content", () => {
    expect(facts.encryption).toBeNull();
    expect(facts.activeContent).toEqual(NO_ACTIVE_CONTENT);
  });
});

describe("inspectPdfBytes, page facts", () => {
  it.each([51, 500])("counts %i pages", async (pages) => {
    const facts = await inspect(makePdf({ pages, chinese: true }));
    expect([facts.pageCount, facts.pages.length]).toEqual([pages, pages]);
  });

  it("measures a Letter page", async () => {
    const facts = await inspect(makePdf({ pages: [{ size: LETTER }] }));
    expect(facts.pages).toEqual([{ widthPt: 612, heightPt: 792, rotation: 0 }]);
  });

  it("measures pages as a reader sees them: landscape by media box or by /Rotate alike", async () => {
    const facts = await inspect(
      makePdf({
        pages: [
          { size: A4_LANDSCAPE },
          { size: A4, rotate: 90 },
          { size: A4, rotate: 180 },
          { size: A4, rotate: 270 },
        ],
      }),
    );
    expect(facts.pages).toEqual([
      { widthPt: A4[1], heightPt: A4[0], rotation: 0 },
      { widthPt: A4[1], heightPt: A4[0], rotation: 90 },
      { widthPt: A4[0], heightPt: A4[1], rotation: 180 },
      { widthPt: A4[1], heightPt: A4[0], rotation: 270 },
    ]);
  });

  it("reports a file without bookmarks or metadata as such", async () => {
    const facts = await inspect(makePdf({ pages: 2 }));
    expect(facts).toMatchObject({
      outline: { present: false, entries: 0 },
      title: null,
      producer: null,
      creator: null,
    });
  });
});

describe("inspectPdfBytes, active content", () => {
  it("finds document-level JavaScript", async () => {
    const facts = await inspect(makePdf({ pages: 1, documentJavaScript: true }));
    expect(facts.activeContent).toEqual({
      javaScript: true,
      launchAction: false,
      details: ["document-level JavaScript (1)", "JavaScript actions (1)"],
    });
  });

  it("finds a Launch action run when the file opens", async () => {
    const facts = await inspect(makePdf({ pages: 1, launchOnOpen: true }));
    expect(facts.activeContent).toEqual({
      javaScript: false,
      launchAction: true,
      details: ["Launch actions (1)"],
    });
  });

  it.each([
    ["launch", { javaScript: false, launchAction: true, details: ["Launch actions (1)"] }],
    ["javascript", { javaScript: true, launchAction: false, details: ["JavaScript actions (1)"] }],
    ["uri", NO_ACTIVE_CONTENT],
  ] as const)("judges a link carrying a %s action", async (link, expected) => {
    const facts = await inspect(makePdf({ pages: [{}, { link }] }));
    expect(facts.activeContent).toEqual(expected);
  });
});

describe("inspectPdfBytes, encryption", () => {
  it("reports a file that needs a password to open", async () => {
    expect(await inspectPdfBytes(await fixture("encrypted-user-password.pdf"))).toEqual({
      ok: false,
      failure: { kind: "password-required" },
    });
  });

  it("opens a file with only an owner password and reports what it forbids", async () => {
    const facts = await inspect(fixture("encrypted-owner-only.pdf"));
    expect(facts.encryption).toEqual({
      permissions: {
        print: false,
        printHighQuality: false,
        copy: false,
        modify: true,
        annotate: true,
        fillForms: true,
        copyForAccessibility: true,
        assemble: true,
      },
      restricted: true,
    });
    expect([facts.pageCount, facts.title]).toEqual([2, "加密测试"]);
  });
});

describe("inspectPdfBytes, files that are not usable PDFs", () => {
  it("reports an empty file", async () => {
    expect(await inspectPdfBytes(new Uint8Array(0))).toEqual({ ok: false, failure: { kind: "empty" } });
  });

  it.each([
    ["a Word document", docxLikeZip(), "docx"],
    ["a PNG image", tinyPng(), "png"],
    ["a text file", chineseText(), "text"],
  ] as const)("reports %s renamed .pdf as not a PDF", async (_, bytes, detected) => {
    expect(await inspectPdfBytes(bytes)).toEqual({ ok: false, failure: { kind: "not-pdf", detected } });
  });

  it.each([
    ["cut to its header", 16],
    ["cut in half", 0.5],
    ["missing its last bytes", 0.99],
  ])("reports a file %s as damaged", async (_, cut) => {
    const whole = await chineseApplicationPdf(3);
    const result = await inspectPdfBytes(truncated(whole, cut < 1 ? Math.floor(whole.length * cut) : cut));
    expect(result).toEqual({
      ok: false,
      failure: { kind: "damaged", detail: "InvalidPDFException: Invalid PDF structure." },
    });
  });

  it("reports a file whose page tree holds no pages as damaged", async () => {
    expect(await inspectPdfBytes(await makePdf({ pages: 0 }))).toEqual({
      ok: false,
      failure: { kind: "damaged", detail: "the page tree holds no pages" },
    });
  });

  it("recovers, as pdf.js does, a file whose cross-reference table is garbage", async () => {
    const facts = await inspect(withGarbageXref(await makePdf({ pages: 2, useObjectStreams: false })));
    expect([facts.pageCount, facts.pages.length]).toEqual([2, 2]);
  });
});

describe("inspectPdfBytes and the caller's bytes", () => {
  it("leaves them intact by default", async () => {
    const bytes = await makePdf({ pages: 1 });
    const copy = bytes.slice();
    await inspectPdfBytes(bytes);
    expect(bytes).toEqual(copy);
  });

  it("lets pdf.js take them when asked to", async () => {
    const bytes = await makePdf({ pages: 1 });
    await inspectPdfBytes(bytes, { consumeBytes: true });
    expect(bytes.byteLength).toBe(0);
  });

  it("accepts a Node Buffer, which pdf.js itself refuses", async () => {
    const facts = await inspect(Buffer.from(await makePdf({ pages: 1 })));
    expect(facts.pageCount).toBe(1);
  });
});
