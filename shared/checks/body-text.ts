import type { StyleShare } from "../pdf/facts.ts";

/**
 * Measuring the 申报书's body text against 填写要求 四 ("文字内容的字体为仿宋_GB2312，字号为小四号，行距为固定值16磅"):
 * the share of body characters that comply. Headings, table heads and the cover are set otherwise on purpose, so a
 * document complies when most of its body text does, not all of it.
 */

/** The share of body text that must comply. */
export const MIN_COMPLIANT_SHARE = 0.7;

/** Below this many characters of body text (or of measured lines) there is too little to judge. */
export const MIN_BODY_CHARS = 200;

export interface ShareResult {
  /** Compliant characters / all characters measured, in [0, 1]. */
  share: number;
  /** The most used value found (font name, size or spacing). */
  dominant: string;
  total: number;
}

export function complianceOf(
  shares: readonly StyleShare[],
  complies: (value: string) => boolean,
): ShareResult {
  const total = shares.reduce((n, s) => n + s.chars, 0);
  const compliant = shares.filter((s) => complies(s.value)).reduce((n, s) => n + s.chars, 0);
  return { share: total === 0 ? 1 : compliant / total, dominant: shares[0]?.value ?? "", total };
}

/** True when there is enough text and too little of it complies. */
export function fails(result: ShareResult): boolean {
  return result.total >= MIN_BODY_CHARS && result.share < MIN_COMPLIANT_SHARE;
}

export function percent(share: number): number {
  return Math.round(share * 100);
}
