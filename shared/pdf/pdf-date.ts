/** UTC offset assumed for a date written without one: the calls are Chinese, and Chinese office software's clock. */
const DEFAULT_OFFSET_MINUTES = 8 * 60;

/**
 * A PDF date string ("D:20240315093000+08'00'", PDF 32000-1, 7.9.4) as an ISO 8601 instant, or null when it is not
 * one. A date without a time zone is taken as Beijing time rather than UTC (pdf.js's choice), which would put a file
 * exported at 09:00 in Zhengzhou eight hours into the future.
 */
export function pdfDateToIso(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
      value.trim(),
    );
  if (!match) return null;
  const [
    ,
    year,
    month = "01",
    day = "01",
    hour = "00",
    minute = "00",
    second = "00",
    zulu,
    sign,
    offH,
    offM,
  ] = match;
  const fields = [Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  const [mo = 1, d = 1, h = 0, mi = 0, s = 0] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const offset = zulu
    ? 0
    : sign
      ? (sign === "-" ? -1 : 1) * (Number(offH) * 60 + Number(offM ?? "0"))
      : DEFAULT_OFFSET_MINUTES;
  const utc = Date.UTC(Number(year), mo - 1, d, h, mi, s) - offset * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}
