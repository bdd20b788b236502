/**
 * The web-page function serves the built upload page from `web/` beside its bundle (functions/web-page/handler.ts).
 * This builds the page there, with web/build.ts as `npm run build:web` does, so what is deployed is built from the
 * same sources in the same synthesis.
 */
import { join } from "node:path";
import { PROJECT_ROOT, projectPath, quote } from "./shenbao-function.ts";

const WEB_BUILD = join(PROJECT_ROOT, "web", "build.ts");

/** Shell commands that write the built page to `{outputDir}/web`; `inputDir` is the project root as bundling sees it. */
export function webPageCommands(inputDir: string, outputDir: string): string[] {
  const tsx = join(inputDir, "node_modules", ".bin", "tsx");
  return [[tsx, projectPath(inputDir, WEB_BUILD), "--out", join(outputDir, "web")].map(quote).join(" ")];
}
