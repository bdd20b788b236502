import { complianceOf, fails, percent } from "./body-text.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";
import { textLayerFor } from "./text-documents.ts";

/**
 * The names under which 仿宋_GB2312 and its usual equivalents appear in PDFs, compared case-insensitively with
 * spaces, hyphens and underscores removed, after the subset prefix ("ABCDEF+") and a style suffix (",Bold") are cut:
 * - anything containing "fangsong": FangSong_GB2312 (the font Word embeds for 仿宋_GB2312), FangSong (Windows 仿宋),
 *   STFangsong (华文仿宋, macOS), FZFangSong-Z02 (方正仿宋简体);
 * - anything containing "仿宋": 仿宋_GB2312 or 仿宋 written under their Chinese names (GBK-decoded);
 * - names starting "fzfs": 方正仿宋's PostScript names such as FZFSK--GBK1-0 and FZFS--GB1-0.
 */
export function isFangSong(fontName: string): boolean {
  const key = fontName
    .replace(/^[A-Z]{6}\+/, "")
    .replace(/,.*$/, "")
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  return key.includes("fangsong") || key.includes("仿宋") || key.startsWith("fzfs");
}

/** 申报书 body text is set in 仿宋_GB2312 (填写要求 四). */
export const bodyFont: Rule = (facts, ctx) => {
  const text = textLayerFor(facts, "application");
  if (!text) return [];
  const result = complianceOf(text.fonts, isFangSong);
  if (!fails(result)) return [];
  return finding(
    ctx,
    "BODY_FONT_NOT_FANGSONG",
    "file",
    { percent: percent(result.share), dominant: result.dominant },
    { expected: "仿宋_GB2312", actual: result.dominant },
  );
};
