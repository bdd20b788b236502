/**
 * Reads an operator's roster file into lines of cells: CSV (UTF-8 with or without BOM, or GB18030 as Excel on
 * Chinese Windows saves "CSV (逗号分隔)") or an .xlsx workbook (its first worksheet with data).
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { type Info, parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import type { RosterLine } from "../shared/schools/roster.ts";

export class RosterFileError extends Error {
  override readonly name = "RosterFileError";
}

export type RosterFormat = "csv" | "xlsx";

export function rosterFormat(file: string): RosterFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  return undefined;
}

export async function readRosterFile(file: string, format: RosterFormat): Promise<RosterLine[]> {
  const bytes = await readFile(file);
  return format === "csv" ? parseCsv(decodeText(bytes)) : await readWorkbook(bytes);
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030, a superset of GBK and GB2312. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/**
 * RFC 4180 CSV (csv-parse): quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR, even mixed.
 * A tab-separated file (Excel's "Unicode 文本") is read as such when its first line has tabs and no commas. Each
 * record keeps the line number on which it starts; a blank line is a record of one empty cell.
 */
export function parseCsv(text: string): RosterLine[] {
  const firstLine = text.slice(0, text.search(/\r?\n|\r|$/));
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  let records: ReturnType<typeof readCsv>;
  try {
    records = readCsv(text, delimiter);
  } catch (cause) {
    throw new RosterFileError(`not a well-formed CSV: ${cause instanceof Error ? cause.message : cause}`, {
      cause,
    });
  }
  // csv-parse counts the line a record ends on; records are contiguous, so the next one starts on the line after.
  let nextLine = 1;
  return records.map(({ record, info }) => {
    const line = nextLine;
    nextLine = info.lines + 1;
    return { line, cells: record };
  });
}

function readCsv(text: string, delimiter: string): Array<{ record: string[]; info: Info }> {
  const records = parse(text, {
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    // Operators' files: rows of different lengths, and a quote inside an unquoted cell (5"寸) kept as it is.
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  // With `info`, each record comes as { record, info }; csv-parse's types do not say so.
  return records as unknown as Array<{ record: string[]; info: Info }>;
}

async function readWorkbook(bytes: Buffer): Promise<RosterLine[]> {
  // Loaded on use: exceljs takes a good part of a second to load, which every other command would pay.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new RosterFileError("not an .xlsx workbook", { cause });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return [];
  const lines: RosterLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column)));
    lines.push({ line: rowNumber, cells });
  });
  return lines;
}

/**
 * A cell as the operator sees it: numbers as typed (a phone number keyed as a number is still a phone number),
 * hyperlinks by their text (Excel turns typed e-mail addresses into links), rich text joined, formulas by result.
 */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) {
    const text = value.text as unknown;
    if (typeof text === "string") return text;
    if (text && typeof text === "object" && "richText" in text)
      return (text as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join("");
    return value.hyperlink.replace(/^mailto:/i, "");
  }
  if ("result" in value) return value.result === undefined ? "" : String(value.result);
  return cell.text;
}
