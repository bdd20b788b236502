/**
 * process-upload inspects PDFs in a worker thread (shared/pdf/inspector.ts), whose entry must be a file of its own:
 * a bundled inspector looks for `inspect-worker.mjs` beside the bundle that holds it. This builds that file, with
 * pdf.js and its worker module inside it, by the same esbuild and flags as the function bundle.
 */
import { join } from "node:path";
import { BUNDLED_PDFJS_DATA_DIR } from "../../shared/pdf/pdfjs-data.ts";
import { BUNDLE_FLAGS, PROJECT_ROOT, projectPath, quote } from "./shenbao-function.ts";

const WORKER_ENTRY = join(PROJECT_ROOT, "shared", "pdf", "inspect-worker.ts");
/** The name shared/pdf/inspector.ts looks for beside a bundle. */
export const INSPECT_WORKER_FILE = "inspect-worker.mjs";

/** Shell commands that write `{outputDir}/inspect-worker.mjs`; `inputDir` is the project root as bundling sees it. */
export function inspectWorkerCommands(inputDir: string, outputDir: string): string[] {
  const esbuild = join(inputDir, "node_modules", ".bin", "esbuild");
  const args = [
    projectPath(inputDir, WORKER_ENTRY),
    "--bundle",
    "--platform=node",
    `--target=${BUNDLE_FLAGS.target}`,
    `--format=${BUNDLE_FLAGS.format}`,
    `--main-fields=${BUNDLE_FLAGS.mainFields.join(",")}`,
    ...(BUNDLE_FLAGS.minify ? ["--minify"] : []),
    ...(BUNDLE_FLAGS.keepNames ? ["--keep-names"] : []),
    "--charset=utf8",
    "--log-level=warning",
    `--banner:js=${BUNDLE_FLAGS.banner}`,
    `--outfile=${join(outputDir, INSPECT_WORKER_FILE)}`,
  ];
  const pdfjs = join(inputDir, "node_modules", "pdfjs-dist");
  const data = join(outputDir, BUNDLED_PDFJS_DATA_DIR);
  return [
    [esbuild, ...args].map(quote).join(" "),
    ["mkdir", "-p", data].map(quote).join(" "),
    ...["cmaps", "standard_fonts"].map((folder) =>
      ["cp", "-R", join(pdfjs, folder), join(data, folder)].map(quote).join(" "),
    ),
  ];
}
