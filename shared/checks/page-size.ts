import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { PageBox } from "../pdf/facts.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

const MM_PER_POINT = 25.4 / 72;

function sizeInMm(page: PageBox): { width: number; height: number } {
  return { width: page.widthPt * MM_PER_POINT, height: page.heightPt * MM_PER_POINT };
}

/**
 * Every page is the call's paper size (A4), in either orientation, within the tolerance: scanners and converters
 * round page sizes by a millimetre or two, and a landscape A4 page is still an A4 sheet.
 */
export const pageSize: Rule = ({ inspection }, ctx) => {
  if (!inspection?.ok) return [];
  const { widthMm, heightMm, toleranceMm, name } = ctx.call.pageSize;
  const fits = (a: number, b: number) =>
    Math.abs(a - widthMm) <= toleranceMm && Math.abs(b - heightMm) <= toleranceMm;
  const offending: number[] = [];
  let firstSize = "";
  inspection.facts.pages.forEach((page, index) => {
    const { width, height } = sizeInMm(page);
    if (fits(width, height) || fits(height, width)) return;
    offending.push(index + 1);
    firstSize ||= FINDING_VALUES.pageSize(Math.round(width), Math.round(height), index + 1);
  });
  if (offending.length === 0) return [];
  const expected = FINDING_VALUES.paperSize(name, widthMm, heightMm);
  return finding(
    ctx,
    "PDF_PAGE_NOT_A4",
    "file",
    { pages: offending, pageCount: inspection.facts.pageCount, firstSize, expected },
    { expected, actual: firstSize },
  );
};
