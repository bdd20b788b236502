/**
 * The 佐证材料's text is kept for the pre-screen but never checked: examined with it or without it (`shenbao check`
 * reads none), a file gets the same findings, and only the pipeline's examination carries the text.
 */
import { describe, expect, it } from "vitest";
import { textLayerMode } from "../../../shared/checks/text-documents.ts";
import { type BytesInspector, examineFile } from "../../../shared/examination/examine.ts";
import { inspectPdfBytes } from "../../../shared/pdf/inspect-pdf.ts";
import { chineseApplicationPdf, scannedPdf } from "../../fixtures/pdf/make-fixtures.ts";
import { GOOD_NAME, henanContext, SCHOOL } from "../../helpers/call.ts";

const ctx = henanContext();
const submittedAt = new Date(Date.parse(ctx.call.deadline) - 86_400_000);

/** The real inspection code, in this process; records what each call asked for. */
function recordingInspector(asked: unknown[]): BytesInspector {
  return {
    inspectBytes(bytes, options) {
      asked.push(options?.textLayer);
      return inspectPdfBytes(bytes, options);
    },
  };
}

describe("textLayerMode", () => {
  it("reads the checked documents' text whoever asks, and the evidence's only for a caller that keeps it", () => {
    expect(textLayerMode("application", false)).toBe(true);
    expect(textLayerMode("plan", true)).toBe(true);
    expect(textLayerMode("evidence", true)).toBe("if-readable");
    expect(textLayerMode("evidence", false)).toBe(false);
  });
});

describe("evidence examined with and without its text", () => {
  for (const [label, make] of [
    ["Chinese text, 20 pages", () => chineseApplicationPdf(20)],
    ["scanned, 6 pages", () => scannedPdf(6, 40_000)],
  ] as const) {
    it(`${label}: the same verdict and findings; only the pipeline's carries the pages' text`, async () => {
      const bytes = await make();
      const input = {
        fileName: GOOD_NAME,
        documentType: "evidence",
        school: SCHOOL,
        submittedAt,
        content: { bytes },
      };
      const asked: unknown[] = [];
      const kept = await examineFile(input, recordingInspector(asked), ctx);
      const checked = await examineFile(input, recordingInspector(asked), ctx, { keepText: false });

      expect(asked).toEqual(["if-readable", false]);
      expect(checked.verdict).toBe(kept.verdict);
      expect(checked.findings).toEqual(kept.findings);
      expect(checked.pageCount).toBe(kept.pageCount);
      expect(kept.facts?.textLayer?.pageTexts.length).toBe(kept.pageCount);
      expect(checked.facts?.textLayer).toBeUndefined();
    });
  }
});
