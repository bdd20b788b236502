import type { Worksheet } from "exceljs";

/** A sheet's first row: its title in 黑体 16 pt, centred across columns 1…`lastColumn`, as the notice's tables head. */
export function writeTitleRow(sheet: Worksheet, title: string, lastColumn: number, height: number): void {
  const row = sheet.getRow(1);
  row.getCell(1).value = title;
  row.getCell(1).font = { name: "黑体", size: 16, bold: true };
  row.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
  row.height = height;
  sheet.mergeCells(1, 1, 1, lastColumn);
}
