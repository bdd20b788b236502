import type { Worksheet } from "exceljs";
import { PRESCREEN_EXPORT_TEXT as T } from "../messages/prescreen-export.ts";
import { toCsv } from "../tabular/csv.ts";
import { writeTitleRow } from "../tabular/workbook-title.ts";
import type { PrescreenTable, TableCell } from "./prescreen-table.ts";
import type { Outcome } from "./types.ts";

/**
 * The 资格初审表 as an .xlsx: the title, a colour legend, the column heads (frozen with the school's name, repeated
 * on every printed page), one row per school; a second sheet indexes every cited page, one link per page. A4
 * landscape, fitted to the page width, like the summary (附件3).
 */

/** Excel's own "good / bad / neutral" fills, and a grey for what the data cannot decide yet. */
export const STATUS_FILLS: Record<Outcome, string> = {
  met: "FFC6EFCE",
  "not-met": "FFFFC7CE",
  expert: "FFFFEB9C",
  incomplete: "FFD9D9D9",
};

const HEADER_ROW = 3;
const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: "宋体", size: 10 };
const LINK_FONT = { ...FONT, color: { argb: "FF0563C1" }, underline: true } as const;
const HEADER_FILL = "FFF2F2F2";
const PAGE_SETUP = {
  paperSize: 9, // A4
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
} as const;

export async function prescreenWorkbook(table: PrescreenTable): Promise<Buffer> {
  // Loaded on use: exceljs is slow to load, and the CLI's other commands need none of it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shenbao";
  workbook.created = new Date();

  const sheet = workbook.addWorksheet(T.sheetName, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: table.keyColumns - 1 }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  const conditions = new Set(table.conditionColumns);
  sheet.columns = table.headers.map((_, i) => ({
    width: i === 0 ? 6 : i === 1 ? 28 : i === 2 ? 16 : conditions.has(i) ? 46 : 22,
  }));
  const last = table.headers.length;

  writeTitleRow(sheet, T.title, last, 32);

  const legend = sheet.getRow(2);
  legend.getCell(2).value = T.legend;
  legend.getCell(2).font = FONT;
  legend.getCell(2).alignment = { horizontal: "right" };
  (Object.keys(STATUS_FILLS) as Outcome[]).forEach((status, i) => {
    const cell = legend.getCell(3 + i);
    cell.value = T.statusLabels[status];
    cell.font = FONT;
    cell.border = BORDER;
    cell.alignment = { horizontal: "center" };
    cell.fill = solid(STATUS_FILLS[status]);
  });

  writeHeader(sheet, HEADER_ROW, table.headers);
  table.rows.forEach((cells, i) => {
    writeRow(sheet, HEADER_ROW + 1 + i, cells, (column) => (column === 0 ? "center" : "left"));
  });

  const pages = workbook.addWorksheet(T.pagesSheetName, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: "1:1" },
  });
  const pageColumns = Math.max(1, ...table.pageRows.map((r) => r.length - 3));
  pages.columns = [28, 40, 60, ...Array.from({ length: pageColumns }, () => 9)].map((width) => ({ width }));
  writeHeader(pages, 1, table.pageHeaders);
  if (pageColumns > 1) pages.mergeCells(1, 4, 1, 3 + pageColumns);
  table.pageRows.forEach((cells, i) => {
    writeRow(pages, 2 + i, cells, (column) => (column >= 3 ? "center" : "left"));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function solid(argb: string) {
  return { type: "pattern", pattern: "solid", fgColor: { argb } } as const;
}

function writeHeader(sheet: Worksheet, rowNumber: number, headers: readonly string[]): void {
  const header = sheet.getRow(rowNumber);
  header.values = [...headers];
  header.height = 36;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = solid(HEADER_FILL);
  });
}

function writeRow(
  sheet: Worksheet,
  rowNumber: number,
  cells: readonly TableCell[],
  horizontal: (column: number) => "center" | "left",
): void {
  const row = sheet.getRow(rowNumber);
  cells.forEach((cell, column) => {
    const target = row.getCell(column + 1);
    target.value = cell.link
      ? { text: String(cell.value), hyperlink: cell.link.target, tooltip: cell.link.tooltip }
      : cell.value;
    target.font = cell.link ? LINK_FONT : FONT;
    target.border = BORDER;
    target.alignment = { vertical: "top", wrapText: true, horizontal: horizontal(column) };
    if (cell.status) target.fill = solid(STATUS_FILLS[cell.status]);
  });
}

/** The same table as CSV (UTF-8 with BOM, formula-safe): the column heads and the rows, no title or index. */
export function prescreenCsv(table: PrescreenTable): string {
  return toCsv([table.headers, ...table.rows.map((cells) => cells.map((c) => c.value))]);
}
