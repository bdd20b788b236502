import { SUMMARY_TEXT } from "../messages/summary.ts";
import { toCsv } from "../tabular/csv.ts";
import { writeTitleRow } from "../tabular/workbook-title.ts";
import { type SummaryRow, summaryCells } from "./summary-rows.ts";

/**
 * 附件3 as an .xlsx laid out like the notice's table: the title across the top, the line for the recommending unit's
 * stamp, the column heads (frozen, repeated on every printed page), one bordered row per school; A4 landscape,
 * fitted to the page width.
 */

/** Column widths in Excel's units (about one Latin character; a Chinese character takes two). */
const WIDTHS = [6, 30, 16, 24, 16, 16, 38, 38, 12, 16];
const HEADER_ROW = 3;
const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: "宋体", size: 11 };

export async function summaryWorkbook(rows: readonly SummaryRow[]): Promise<Buffer> {
  // Loaded on use: exceljs is slow to load, and the CLI's other commands need none of it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shenbao";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(SUMMARY_TEXT.sheetName, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const last = WIDTHS.length;

  writeTitleRow(sheet, SUMMARY_TEXT.title, last, 36);

  // "推荐单位（盖章）：  联系人：  联系电话：" across the width, as under the notice's title.
  const stamp = sheet.getRow(2);
  const spans: Array<[number, number]> = [
    [1, 4],
    [5, 7],
    [8, last],
  ];
  spans.forEach(([from, to], i) => {
    stamp.getCell(from).value = SUMMARY_TEXT.stampLine[i] ?? "";
    stamp.getCell(from).font = FONT;
    sheet.mergeCells(2, from, 2, to);
  });
  stamp.height = 24;

  const header = sheet.getRow(HEADER_ROW);
  header.values = [...SUMMARY_TEXT.headers];
  header.height = 36;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  });

  rows.forEach((row, i) => {
    const line = sheet.getRow(HEADER_ROW + 1 + i);
    // Every cell is text but the index, so that a phone number keeps its leading 0 and its hyphens.
    line.values = summaryCells(row);
    for (let column = 1; column <= last; column += 1) {
      const cell = line.getCell(column);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = {
        vertical: "middle",
        wrapText: true,
        horizontal: column === 1 ? "center" : "left",
      };
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same table as CSV for Excel on Chinese Windows: the column heads and the rows, no title. */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  return toCsv([[...SUMMARY_TEXT.headers], ...rows.map(summaryCells)]);
}
