import {
  AlignmentType,
  type ISectionOptions,
  LineRuleType,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/**
 * The typesetting of 填写要求 四 ("文字内容的字体为仿宋_GB2312，字号为小四号，行距为固定值16磅") and of a Chinese
 * official form's page (GB/T 9704: A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, a 156 × 225 mm text area).
 *
 * OOXML has no per-run list of fallback fonts, and the `docx` library writes no w:altName into the font table, so
 * every run names 仿宋_GB2312 for East Asian text (w:eastAsia) and FangSong — the name Windows, macOS and most PDF
 * tools give the same face — for Latin text and digits (w:ascii, w:hAnsi, w:cs).
 */
export const BODY_FONT = { eastAsia: "仿宋_GB2312", ascii: "FangSong", hAnsi: "FangSong", cs: "FangSong" };
/** Titles: 黑体 (SimHei), as the notice's headings. */
export const HEADING_FONT = { eastAsia: "黑体", ascii: "SimHei", hAnsi: "SimHei", cs: "SimHei" };

/** Sizes in half-points: 小四 12 pt, 三号 16 pt, 二号 22 pt, 小初 36 pt. */
export const SIZE = { xiaosi: 24, sanhao: 32, erhao: 44, xiaochu: 72 } as const;
/** "行距为固定值16磅": 16 pt = 320 twips, exact. */
export const BODY_LINE = { line: 320, lineRule: LineRuleType.EXACT } as const;

const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
export const PAGE = {
  size: { width: twips(210), height: twips(297) },
  margin: {
    top: twips(37),
    bottom: twips(35),
    left: twips(28),
    right: twips(26),
    header: twips(15),
    footer: twips(15),
  },
} as const;
/** The text area's width: 156 mm. */
export const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

export const pageProperties: ISectionOptions["properties"] = { page: PAGE };

export interface RunStyle {
  bold?: boolean;
  size?: number;
  heading?: boolean;
  underline?: boolean;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: style.heading ? HEADING_FONT : BODY_FONT,
    size: style.size ?? SIZE.xiaosi,
    ...(style.bold ? { bold: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
  });
}

export interface ParagraphStyle extends RunStyle {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** Exact line distance in points; 16 by default. */
  linePt?: number;
  before?: number;
  after?: number;
  pageBreakBefore?: boolean;
  /** First-line indent in characters of 小四 (12 pt = 240 twips); LibreOffice ignores w:firstLineChars. */
  firstLineChars?: number;
  /** Left indent in characters of 小四. */
  indentChars?: number;
}

/** A paragraph of one text (several runs via `children`), exact leading. */
export function para(text: string | ParagraphChild[], style: ParagraphStyle = {}): Paragraph {
  const linePt = style.linePt ?? 16;
  return new Paragraph({
    children: typeof text === "string" ? [run(text, style)] : text,
    spacing: {
      line: linePt * 20,
      lineRule: LineRuleType.EXACT,
      before: style.before ?? 0,
      after: style.after ?? 0,
    },
    ...(style.align ? { alignment: style.align } : {}),
    ...(style.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(style.firstLineChars || style.indentChars
      ? {
          indent: {
            ...(style.firstLineChars ? { firstLine: style.firstLineChars * 240 } : {}),
            ...(style.indentChars ? { left: style.indentChars * 240 } : {}),
          },
        }
      : {}),
  });
}

/** One cell of a form table: its lines of text (an empty cell stays empty), spans and alignment. */
export interface CellSpec {
  text?: string | readonly string[];
  span?: number;
  rowSpan?: number;
  align?: "left" | "center";
  bold?: boolean;
}

export type CellInput = CellSpec | string;

function cell(input: CellInput): TableCell {
  const spec: CellSpec = typeof input === "string" ? { text: input } : input;
  const lines =
    spec.text === undefined ? [""] : typeof spec.text === "string" ? spec.text.split("\n") : spec.text;
  const align = spec.align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new TableCell({
    children: (lines.length === 0 ? [""] : lines).map((line) =>
      line === "" ? para([], { align }) : para(line, { align, ...(spec.bold ? { bold: true } : {}) }),
    ),
    // Top, not centred: every line of a row then sits on the same 16 pt grid as its neighbours'.
    verticalAlign: VerticalAlign.TOP,
    // Word's own default: no top or bottom cell margin, so a row is as high as its lines (16 pt each).
    margins: { left: 108, right: 108, top: 0, bottom: 0 },
    ...(spec.span && spec.span > 1 ? { columnSpan: spec.span } : {}),
    ...(spec.rowSpan && spec.rowSpan > 1 ? { rowSpan: spec.rowSpan } : {}),
  });
}

/**
 * A bordered form table over the text area's width. `widths` are relative column widths; rows list their cells left
 * to right, leaving out the columns a cell above spans into. Rows are as many as the data: a table grows, it never
 * overflows a fixed frame.
 */
export function formTable(widths: readonly number[], rows: readonly (readonly CellInput[])[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows: rows.map((cells) => new TableRow({ children: cells.map(cell), cantSplit: true })),
  });
}
