/**
 * CSV for Excel on Chinese Windows: UTF-8 with a byte-order mark (without it Excel reads the bytes as GBK and shows
 * mojibake), CRLF line ends, RFC 4180 quoting.
 */

const BOM = "\uFEFF";

/**
 * Cells that begin with = + - @ (or a tab or carriage return) would run as formulas when the file is opened in
 * Excel ("CSV injection"); text entered by schools goes out in these files, so such a cell is prefixed with an
 * apostrophe, as OWASP recommends.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `${BOM}${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
