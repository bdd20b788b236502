/**
 * Upload page script size: `npx tsx bench/page-size.bench.ts` (part of `npm run bench`). Builds the page as
 * `npm run build:web` does (minified) into a temp directory, prints the script's bytes minified and gzipped against
 * the budget (issue 15: ≤ 150 KB minified), and where the bytes come from, by package and source folder (esbuild's
 * metafile). Writes bench/out/page-size.json. Size is deterministic: no reference run is needed to compare.
 *
 * Before issue 15 (main at d5f6cf4, classic zod): 507,698 bytes minified, 137,468 gzipped (level 9), zod 457 KB of it.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWeb } from "../web/build.ts";
import { SCRIPT_BUDGET_BYTES } from "../web/script-size.ts";

const dir = await mkdtemp(join(tmpdir(), "shenbao-page-size-"));
try {
  // Measured without the budget, so that an oversized script is still reported (as OVER) rather than thrown.
  const { script } = await buildWeb({ outDir: dir, scriptBudget: Number.POSITIVE_INFINITY });
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  const verdict = script.bytes <= SCRIPT_BUDGET_BYTES ? "ok" : "OVER";
  console.log("upload page script (web/src/main.ts, minified as npm run build:web)");
  console.log(
    `  minified  ${kb(script.bytes).padStart(9)}  (${script.bytes} bytes; target ≤ ${kb(SCRIPT_BUDGET_BYTES)})  ${verdict}`,
  );
  console.log(`  gzipped   ${kb(script.gzipBytes).padStart(9)}  (${script.gzipBytes} bytes)`);
  console.log("  by package / source folder:");
  for (const part of script.parts) console.log(`    ${kb(part.bytes).padStart(9)}  ${part.name}`);
  const out = new URL("./out/", import.meta.url);
  await mkdir(out, { recursive: true });
  await writeFile(
    new URL("page-size.json", out),
    `${JSON.stringify({ ...script, budgetBytes: SCRIPT_BUDGET_BYTES }, null, 2)}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
