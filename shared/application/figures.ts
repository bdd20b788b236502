/**
 * Figures as people type them into a form or a CLI: "15000", "15,000", "１５０００", "1.5万", "80%", "85.5 ％".
 * Returns undefined for anything else; the caller turns that into a field-level message.
 */
export function parseFigure(input: string | number): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) ? input : undefined;
  const text = input
    .normalize("NFKC")
    .replace(/[\s\p{Cf}]/gu, "")
    .replace(/[%‰]$/u, "");
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万)?$/u.exec(text);
  if (!match) return undefined;
  const value = Number(`${(match[1] as string).replaceAll(",", "")}${match[2] ?? ""}`);
  if (!Number.isFinite(value)) return undefined;
  return match[3] ? Math.round(value * 10_000 * 1e6) / 1e6 : value;
}

/**
 * The usual spellings of a figure in evidence text, for the pre-screen's cross-check: 15000 → "15000", "15,000",
 * "1.5万"; a figure in 万元 also in 元 (80 万元 → "800000", "800,000"). Percentages are the bare number.
 */
export function figureSpellings(value: number, unit?: string): string[] {
  const out = new Set<string>();
  const add = (n: number): void => {
    const plain = trimNumber(n);
    out.add(plain);
    const [int, frac] = plain.split(".") as [string, string | undefined];
    if (int.length > 3) {
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      out.add(frac ? `${grouped}.${frac}` : grouped);
    }
    if (n >= 10_000) out.add(`${trimNumber(n / 10_000)}万`);
  };
  add(value);
  if (unit === "万元") add(value * 10_000);
  return [...out];
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
