/**
 * Where pdf.js finds its data files under Node: the character maps (cMaps) that turn the bytes of text set in a
 * non-embedded CJK font (UniGB-UCS2-H, GBK-EUC-H and the like: common in PDFs made by older Chinese software) into
 * characters, and the standard 14 fonts' metrics. Without them such text reads as nothing.
 *
 * A deployed inspection worker carries copies in `pdfjs/cmaps/` and `pdfjs/standard_fonts/` beside it
 * (infra/constructs/inspect-worker-bundle.ts), where no package resolves; from source, and for the worker bundled on
 * the fly inside the project (source-worker.ts), they are pdfjs-dist's own folders.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder, beside the bundled worker, that holds pdf.js's data. */
export const BUNDLED_PDFJS_DATA_DIR = "pdfjs";

export interface PdfjsDataPaths {
  /** Folder paths with a trailing separator, as pdf.js requires. */
  cMapUrl: string;
  standardFontDataUrl: string;
}

export function pdfjsDataPaths(moduleUrl: string = import.meta.url): PdfjsDataPaths {
  const beside = join(dirname(fileURLToPath(moduleUrl)), BUNDLED_PDFJS_DATA_DIR);
  const root = existsSync(beside)
    ? beside
    : dirname(createRequire(moduleUrl).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: join(root, "cmaps") + sep, standardFontDataUrl: join(root, "standard_fonts") + sep };
}
