import { PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef, StandardFonts } from "pdf-lib";

/**
 * A plain A4 PDF with the given number of pages and, optionally, a bookmark per page: what a school's exported
 * evidence looks like to the checks. For demos, the load benchmark and tests.
 */
export async function samplePdf(options: {
  pages: number;
  bookmarks?: boolean;
  pageSize?: [number, number];
}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [width, height] = options.pageSize ?? [595.28, 841.89];
  const pageRefs: PDFRef[] = [];
  for (let i = 1; i <= options.pages; i += 1) {
    const page = doc.addPage([width, height]);
    page.drawText(`Evidence page ${i} of ${options.pages}`, { x: 72, y: height - 96, size: 14, font });
    pageRefs.push(page.ref);
  }
  if (options.bookmarks ?? true) addOutline(doc, pageRefs);
  // A title of its own, as a school's export carries one (an empty title is a finding's suggestion).
  doc.setTitle("佐证材料");
  return doc.save();
}

/** An /Outlines tree with one entry per page (pdf-lib has no outline API; this is the PDF structure itself). */
function addOutline(doc: PDFDocument, pages: readonly PDFRef[]): void {
  const { context } = doc;
  const outlineRef = context.nextRef();
  const itemRefs = pages.map(() => context.nextRef());
  itemRefs.forEach((ref, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(`第 ${i + 1} 部分`),
      Parent: outlineRef,
      Dest: context.obj([pages[i] as PDFRef, PDFName.of("Fit")]),
    });
    if (i > 0) item.set(PDFName.of("Prev"), itemRefs[i - 1] as PDFRef);
    if (i < itemRefs.length - 1) item.set(PDFName.of("Next"), itemRefs[i + 1] as PDFRef);
    context.assign(ref, item);
  });
  const outline = context.obj({ Type: "Outlines", Count: PDFNumber.of(itemRefs.length) });
  if (itemRefs.length > 0) {
    outline.set(PDFName.of("First"), itemRefs[0] as PDFRef);
    outline.set(PDFName.of("Last"), itemRefs.at(-1) as PDFRef);
  }
  context.assign(outlineRef, outline);
  doc.catalog.set(PDFName.of("Outlines"), outlineRef);
}
