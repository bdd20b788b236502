/** How the form's stored values are written into the 申报书: nothing at all for a value not entered. */

/** A figure as a person writes it: up to two decimals, no grouping ("16500", "86.5"). */
export function fig(value: number | undefined, unit = ""): string {
  if (value === undefined) return "";
  const text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return unit === "" ? text : `${text}${unit}`;
}

/** Sorted page numbers as ranges: [4, 5, 8] → "4-5、8". */
export function pages(list: readonly number[] | undefined): string {
  if (!list || list.length === 0) return "";
  const parts: string[] = [];
  let start = list[0] as number;
  let prev = start;
  for (const page of [...list.slice(1), Number.NaN]) {
    if (page === prev + 1) {
      prev = page;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}-${prev}`);
    start = page;
    prev = page;
  }
  return parts.join("、");
}

/** "1998" → "1998年", "1998-09" → "1998年9月", "2012-05-18" → "2012年5月18日". */
export function partialDate(value: string | undefined): string {
  if (!value) return "";
  const [y, m, d] = value.split("-");
  return `${y}年${m ? `${Number(m)}月` : ""}${d ? `${Number(d)}日` : ""}`;
}

/** The form's tick boxes: ☑ for the chosen option, □ for the others; none ticked when nothing was chosen. */
export function boxes(options: readonly string[], chosen: string | undefined): string {
  return options.map((o) => `${o === chosen ? "☑" : "□"}${o}`).join("  ");
}

export function yesNo(value: boolean | undefined): string {
  return boxes(["是", "否"], value === undefined ? undefined : value ? "是" : "否");
}

/** The sum of the figures entered, or undefined when none was. */
export function sum(values: readonly (number | undefined)[]): number | undefined {
  const entered = values.filter((v): v is number => v !== undefined);
  return entered.length === 0 ? undefined : Math.round(entered.reduce((a, b) => a + b, 0) * 100) / 100;
}

/** Years shown in a per-year table: the notice's years and any other the form has, ascending. */
export function yearsOf(fixed: readonly string[], entered: Record<string, unknown> | undefined): string[] {
  return [...new Set([...fixed, ...Object.keys(entered ?? {})])].sort();
}
