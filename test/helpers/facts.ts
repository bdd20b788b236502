import type { InspectionResult, PageBox, PdfFacts } from "../../shared/pdf/facts.ts";

export const A4: PageBox = { widthPt: 595.28, heightPt: 841.89, rotation: 0 };
export const LETTER: PageBox = { widthPt: 612, heightPt: 792, rotation: 0 };

/** PDF facts as inspection reports them for a clean file, with any field replaced. */
export function pdfFacts(overrides: Partial<PdfFacts> = {}): PdfFacts {
  const pageCount = overrides.pageCount ?? overrides.pages?.length ?? 10;
  return {
    version: "1.7",
    pageCount,
    pages: overrides.pages ?? Array.from({ length: pageCount }, () => A4),
    encryption: null,
    outline: { present: true, entries: 5 },
    producer: "WPS 文字",
    creator: null,
    title: null,
    activeContent: { javaScript: false, launchAction: false, details: [] },
    ...overrides,
  };
}

export function inspected(overrides: Partial<PdfFacts> = {}): InspectionResult {
  return { ok: true, facts: pdfFacts(overrides) };
}
