/**
 * Whether the tests that draw Chinese text into PDFs (test/fixtures/pdf/text-documents.ts, with Debian's WenQuanYi
 * Micro Hei) must be skipped: the font is absent and this is not CI. .ci/run installs fonts-wqy-microhei, so in CI
 * its absence fails those tests instead. Warns, naming the suite and the package to install, when it skips.
 */
import { existsSync } from "node:fs";
import { CJK_FONT_FILE } from "../fixtures/pdf/text-documents.ts";

export function skipWithoutCjkFont(suite: string): boolean {
  if (existsSync(CJK_FONT_FILE) || process.env.CI) return false;
  console.warn(`[${suite}] skipped: ${CJK_FONT_FILE} is missing (apt-get install fonts-wqy-microhei)`);
  return true;
}
