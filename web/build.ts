/**
 * Builds the school's upload page into web/dist: one script (the shared rules included), one stylesheet, the HTML
 * shell and config.json. Content-hashed names, so a CDN may cache them forever; index.html and config.json are the
 * only files a deployment must not cache. A minified script over its budget (script-size.ts) fails the build.
 *
 *   tsx web/build.ts [--out DIR] [--api-base URL]      (or SHENBAO_API_BASE)
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";
import { renderIndexHtml } from "./index-html.ts";
import { describeScriptSize, SCRIPT_BUDGET_BYTES, type ScriptSize, scriptSize } from "./script-size.ts";

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = dirname(WEB_DIR);
export const DEFAULT_OUT_DIR = join(WEB_DIR, "dist");

/** Browsers the schools use: current Chromium, Firefox, Safari, and WeChat's in-app browser (Chromium-based). */
const TARGETS = ["chrome90", "edge90", "firefox90", "safari15", "ios15"];

export interface WebBuildOptions {
  outDir?: string;
  /** API origin for deployments where it differs from the page's; "" (default) means same origin. */
  apiBase?: string;
  minify?: boolean;
  /** Most bytes the minified script may have (default SCRIPT_BUDGET_BYTES); not checked when `minify` is false. */
  scriptBudget?: number;
}

export interface WebBuild {
  outDir: string;
  files: string[];
  /** Source files in the bundle, relative to the repository root. */
  inputs: string[];
  script: ScriptSize;
}

/** The minified page script is larger than its budget. No index.html is written, so nothing deployable is left. */
export class PageScriptOverBudget extends Error {
  override readonly name = "PageScriptOverBudget";
  constructor(
    readonly size: ScriptSize,
    readonly budget: number,
  ) {
    super(`the page script is over its budget:\n${describeScriptSize(size, budget).join("\n")}`);
  }
}

/**
 * The page runs the server's rules, so it imports shared/; nothing that needs Node may come with them
 * (shared/call/load-call.ts reads files, shared/aws talks to AWS). Fail the build rather than ship a broken page.
 */
const browserOnly: Plugin = {
  name: "browser-only",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^node:|^@aws-sdk\/|^@aws-lambda-powertools\/|^pdfjs-dist/ }, (args) => ({
      errors: [
        {
          text: `"${args.path}" is not browser-safe (imported by ${relative(process.cwd(), args.importer)})`,
        },
      ],
    }));
    pluginBuild.onResolve({ filter: /load-call\.ts$|\/aws\// }, (args) => ({
      errors: [
        { text: `"${args.path}" is node-only (imported by ${relative(process.cwd(), args.importer)})` },
      ],
    }));
  },
};

export async function buildWeb(options: WebBuildOptions = {}): Promise<WebBuild> {
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { app: join(WEB_DIR, "src/main.ts"), styles: join(WEB_DIR, "styles.css") },
    outdir: outDir,
    entryNames: "[name]-[hash]",
    // Metafile paths relative to the repository, wherever the build is run from.
    absWorkingDir: REPO_DIR,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: TARGETS,
    minify: options.minify ?? true,
    sourcemap: "linked",
    legalComments: "linked",
    charset: "utf8",
    metafile: true,
    logLevel: "warning",
    plugins: [browserOnly],
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const script = outputs.find((f) => /^app-.*\.js$/.test(f));
  const stylesheet = outputs.find((f) => /^styles-.*\.css$/.test(f));
  if (!script || !stylesheet)
    throw new Error(`web build produced no script or stylesheet: ${outputs.join(", ")}`);
  const scriptOutput = relative(REPO_DIR, join(outDir, script)).split(sep).join("/");
  const size = scriptSize(result.metafile, scriptOutput, await readFile(join(outDir, script)));
  const budget = options.scriptBudget ?? SCRIPT_BUDGET_BYTES;
  if ((options.minify ?? true) && size.bytes > budget) throw new PageScriptOverBudget(size, budget);
  const apiBase = options.apiBase ?? "";
  await writeFile(join(outDir, "index.html"), renderIndexHtml({ script, stylesheet, apiBase }));
  // Deploy-time configuration: a deployment may overwrite it with its API's origin without rebuilding.
  await writeFile(join(outDir, "config.json"), `${JSON.stringify({ apiBase }, null, 2)}\n`);
  return {
    outDir,
    files: [...outputs, "index.html", "config.json"].sort(),
    inputs: Object.keys(result.metafile.inputs).sort(),
    script: size,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: "string" }, "api-base": { type: "string" } } });
  const built = await buildWeb({
    ...(values.out ? { outDir: values.out } : {}),
    apiBase: values["api-base"] ?? process.env.SHENBAO_API_BASE ?? "",
  });
  console.log(`web page built into ${relative(process.cwd(), built.outDir)}: ${built.files.join(", ")}`);
}
