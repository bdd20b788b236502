/**
 * Reads a PDF's text layer for the rules that check what a document says and how it is typeset (申报书, 建设方案):
 * which pages have text at all, each page's text as lines, and how much body text is set in which font, size and
 * line spacing. Bounded: at most TEXT_LIMITS.maxPages pages, TEXT_LIMITS.maxChars characters and TEXT_LIMITS.budgetMs
 * of reading.
 *
 * pdf.js's getTextContent names fonts only by an internal id ("g_d0_f1"); the font's own PostScript name reaches
 * `page.commonObjs` only once the page's operator list is built, so that is done for pages that have text (a scanned
 * page, an image only, is never decoded).
 */
import type { StyleShare, TextLayerFacts } from "./facts.ts";
import type { PDFDocumentProxy } from "./pdfjs-in-process.ts";

export const TEXT_LIMITS = {
  /** Pages examined, from the first. A 申报书 runs to 15–30 pages; a 建设方案 to about as many. */
  maxPages: 40,
  /** Characters of text kept and measured over all examined pages. */
  maxChars: 200_000,
  /**
   * Time spent reading text before the remaining pages are left unread (`truncated`): the whole inspection has the
   * inspector's timeout (4 s by default), and a 申报书 must never be refused as too complex for its text.
   */
  budgetMs: 2000,
} as const;

/** A page with fewer visible characters than this is treated as having no text layer (a scan, a photo). */
const MIN_PAGE_CHARS = 1;

interface TextItem {
  str: string;
  transform: number[];
  fontName: string;
  hasEOL?: boolean;
}

interface Line {
  y: number;
  sizePt: number;
  parts: { x: number; str: string; font: string; sizePt: number }[];
}

export async function readTextLayer(doc: PDFDocumentProxy): Promise<TextLayerFacts> {
  const pagesExamined = Math.min(doc.numPages, TEXT_LIMITS.maxPages);
  const pageTexts: string[] = [];
  const pagesWithoutText: number[] = [];
  const fonts = new Map<string, number>();
  const sizes = new Map<string, number>();
  const leadings = new Map<string, number>();
  let chars = 0;
  let truncated = doc.numPages > pagesExamined;
  const started = performance.now();

  for (let pageNumber = 1; pageNumber <= pagesExamined; pageNumber++) {
    if (chars >= TEXT_LIMITS.maxChars || performance.now() - started > TEXT_LIMITS.budgetMs) {
      truncated = true;
      break;
    }
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    const items = (content.items as TextItem[]).filter((item) => typeof item.str === "string");
    const visible = items.reduce((n, item) => n + item.str.replace(/\s/g, "").length, 0);
    if (visible < MIN_PAGE_CHARS) {
      pagesWithoutText.push(pageNumber);
      pageTexts.push("");
      page.cleanup();
      continue;
    }
    const fontNames = await postScriptNames(page, items);
    const lines = linesOf(items, fontNames);
    const text = lines.map((line) => line.parts.map((p) => p.str).join("")).join("\n");
    const kept = text.slice(0, TEXT_LIMITS.maxChars - chars);
    if (kept.length < text.length) truncated = true;
    chars += kept.length;
    pageTexts.push(kept);
    // The cover (page 1) is typeset as a title page, not as body text.
    if (pageNumber > 1) measure(lines, fonts, sizes, leadings);
    page.cleanup();
  }
  return {
    pagesExamined: pageTexts.length,
    pagesWithoutText,
    pageTexts,
    truncated,
    fonts: shares(fonts),
    sizes: shares(sizes),
    leadings: shares(leadings),
  };
}

/** Maps pdf.js's internal font ids to the fonts' own names, after building the page's operator list. */
async function postScriptNames(
  page: Awaited<ReturnType<PDFDocumentProxy["getPage"]>>,
  items: TextItem[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await page.getOperatorList();
  for (const id of new Set(items.map((item) => item.fontName))) {
    let name = id;
    try {
      const font = page.commonObjs.get(id) as { name?: unknown } | undefined;
      if (typeof font?.name === "string" && font.name !== "") name = decodeFontName(font.name);
    } catch {
      // Not resolved (a font pdf.js could not load): keep the internal id, which matches no accepted font.
    }
    names.set(id, name);
  }
  return names;
}

/**
 * A font name as written in the PDF, readable: PDF names are bytes, and Chinese Word and WPS write a font's Chinese
 * name in GBK ("仿宋_GB2312" as #B7#C2#CB#CE_GB2312), which pdf.js hands over one byte per character.
 */
export function decodeFontName(name: string): string {
  const codes = [...name].map((c) => c.charCodeAt(0));
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  for (const encoding of ["utf-8", "gbk"]) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // Not this encoding; try the next.
    }
  }
  return name;
}

/** Groups a page's text items into lines by baseline (within 1 pt), top to bottom, each left to right. */
function linesOf(items: TextItem[], fontNames: Map<string, string>): Line[] {
  const lines: Line[] = [];
  for (const item of items) {
    if (item.str === "") continue;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    // Horizontal text only: rotated text has no meaningful baseline for leading.
    if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a <= 0) continue;
    const sizePt = Math.abs(d);
    const part = { x, str: item.str, font: fontNames.get(item.fontName) ?? item.fontName, sizePt };
    const line = lines.find((l) => Math.abs(l.y - y) <= 1);
    if (line) {
      line.parts.push(part);
      line.sizePt = Math.max(line.sizePt, sizePt);
    } else {
      lines.push({ y, sizePt, parts: [part] });
    }
  }
  lines.sort((p, q) => q.y - p.y);
  for (const line of lines) line.parts.sort((p, q) => p.x - q.x);
  return lines;
}

/**
 * Adds a page's body text to the counts, in visible characters: by font (subset prefix removed), by size (to 0.5 pt)
 * and, for each line that follows another of the same block, by the distance between their baselines (to 0.5 pt).
 * A gap of more than twice the line's size is a paragraph, table or section break, not line spacing.
 */
function measure(
  lines: Line[],
  fonts: Map<string, number>,
  sizes: Map<string, number>,
  leadings: Map<string, number>,
) {
  let previous: Line | undefined;
  for (const line of lines) {
    let lineChars = 0;
    for (const part of line.parts) {
      const n = part.str.replace(/\s/g, "").length;
      if (n === 0) continue;
      lineChars += n;
      add(fonts, withoutSubsetPrefix(part.font), n);
      add(sizes, String(roundHalf(part.sizePt)), n);
    }
    if (previous && lineChars > 0) {
      const gap = previous.y - line.y;
      if (gap > 0 && gap <= 2 * Math.max(line.sizePt, previous.sizePt))
        add(leadings, String(roundHalf(gap)), lineChars);
    }
    if (lineChars > 0) previous = line;
  }
}

export function withoutSubsetPrefix(font: string): string {
  return font.replace(/^[A-Z]{6}\+/, "");
}

function roundHalf(value: number): number {
  return Math.round(value * 2) / 2;
}

function add(map: Map<string, number>, key: string, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

function shares(map: Map<string, number>): StyleShare[] {
  return [...map].map(([value, chars]) => ({ value, chars })).sort((p, q) => q.chars - p.chars);
}
