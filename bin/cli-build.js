// The `shenbao` command's bundle: cli/main.ts and the PDF inspection worker built by esbuild into
// dist/cli/<build>/ (ESM, code splitting: each command's heavy modules are chunks loaded only when it runs), so the
// command starts without compiling TypeScript. Built by `npm ci` (the `prepare` script runs this file); bin/shenbao.js
// rebuilds it when any of its inputs changed since it was built, so an edited source never runs stale.
//
// dist/cli/current.json names the current build and lists its inputs (esbuild's metafile; bin/cli-current.js tells
// whether it is fresh). Builds go to a fresh directory and current.json is replaced by a rename, so concurrent runs
// (tests) never see a half-written build; dist/cli/.lock keeps two processes from building at once.
import { copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CACHED_SCRIPT, CURRENT, DIST, freshBuild, ROOT, WORKER_LOADER } from "./cli-current.js";

const LOCK = join(DIST, ".lock");
/** npm rewrites it on every install: a changed dependency tree makes the build stale even where file times do not. */
const INSTALL_MARK = join("node_modules", ".package-lock.json");
/** A lock older than this was left by a build that died; it is taken over. */
const STALE_LOCK_MS = 120_000;
/** Superseded builds are removed when this old (a process that started from one may still load its chunks). */
const OLD_BUILD_MS = 10 * 60_000;

/**
 * check-run.mjs, which the CLI imports: check-run.cjs through its code cache, given the ES modules it shares with the
 * CLI (the one UsageError class, which main.ts tells by instanceof) and the pronunciation dictionary it imports.
 */
const CHECK_RUN_MODULE = `import { createRequire } from "node:module";
import * as usageError from "./usage-error.mjs";

const { loadCachedScript } = createRequire(import.meta.url)("./${CACHED_SCRIPT}");
export const { checkCommand, runCheck } = loadCachedScript(new URL("./check-run.cjs", import.meta.url), {
  "./usage-error.mjs": usageError,
  "./pinyin-sound.mjs": () => import("./pinyin-sound.mjs"),
});
`;

/**
 * Source files whose `import.meta.url` must stay the bundle's own: the inspector finds its worker beside the chunk
 * that holds it. Every other project source gets its original file's URL, so paths it builds from it (the call's
 * catalogs, .local/, pdf.js's data) are the same bundled or not.
 */
const KEEPS_BUNDLE_URL = new Set([join("shared", "pdf", "inspector.ts")]);

/**
 * The entry module of a build made from the current sources, or undefined when there is none and none can be made
 * (the caller then runs the sources through tsx).
 */
export async function currentCliEntry() {
  const fresh = freshBuild();
  if (fresh) return fresh;
  try {
    return await buildLocked();
  } catch {
    return undefined;
  }
}

async function buildLocked() {
  await mkdir(DIST, { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rmdir(LOCK).catch(() => undefined);
      else await new Promise((resolve) => setTimeout(resolve, 100));
      const fresh = freshBuild();
      if (fresh) return fresh;
    }
  }
  try {
    return freshBuild() ?? (await buildCli());
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

/** Builds the bundle into a new directory, makes it current and returns its entry module. */
export async function buildCli() {
  const { build, stop } = await import("esbuild");
  const startedAt = Date.now();
  const dir = `build-${startedAt}-${process.pid}`;
  const outdir = join(DIST, dir);
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    target: "node20",
    // ESM entry points of dual packages first, as the function bundles (infra/constructs/shenbao-function.ts).
    mainFields: ["module", "main"],
    // Error classes are matched by `name` (pdf.js's PasswordException, the SDK's exceptions).
    keepNames: true,
    plugins: [sourceUrlPlugin(outdir), noCanvasPlugin(), lazyBrotliPlugin(), lazyStringWidthPlugin()],
    metafile: true,
    logLevel: "silent",
  };
  try {
    const esm = {
      format: "esm",
      outdir,
      outExtension: { ".js": ".mjs" },
      // A bundled CommonJS dependency's require("node:…") needs a `require` in scope in an ES module.
      banner: {
        js: "import { createRequire as __shenbaoCreateRequire } from 'node:module'; const require = __shenbaoCreateRequire(import.meta.url);",
      },
    };
    const cli = await build({
      ...common,
      ...esm,
      // usage-error.mjs: the one UsageError class, which check-run.mjs imports too (main.ts tells it by instanceof).
      // check-inspector.mjs: bin/shenbao.js starts `check`'s inspection worker from it before it loads main.mjs.
      entryPoints: {
        main: "cli/main.ts",
        "usage-error": "cli/usage-error.ts",
        "check-inspector": "cli/check-inspector.ts",
      },
      plugins: [...common.plugins, apart("./check-run.ts", "check-run")],
      splitting: true,
      // Chunks beside the entry: the inspector looks for inspect-worker.mjs beside the chunk that holds it.
      chunkNames: "[name]-[hash]",
    });
    // `shenbao check`'s run, unsplit: with code splitting it shared the commands' zod chunk, which carries every
    // locale classic zod has; apart, it loads only the zod/mini it uses (~100 ms less to compile before a check).
    // A CommonJS script run through V8's code cache (cached-script.cjs), behind an ES module of the same name.
    const check = await build({
      ...common,
      entryPoints: ["cli/check-run.ts"],
      format: "cjs",
      outfile: join(outdir, "check-run.cjs"),
      define: { "import.meta.url": "__shenbaoModuleUrl" },
      banner: { js: "var __shenbaoModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [
        ...common.plugins,
        apart("./usage-error.ts", "usage-error"),
        apart("../shared/call/pinyin-sound.ts", "pinyin-sound"),
      ],
    });
    await provideDynamicImport(join(outdir, "check-run.cjs"), "./pinyin-sound.mjs");
    await copyFile(join(ROOT, "bin", CACHED_SCRIPT), join(outdir, CACHED_SCRIPT));
    await writeFile(join(outdir, "check-run.mjs"), CHECK_RUN_MODULE);
    // The pronunciation dictionary (pinyin-pro) is a file of its own too: check imports it only when a rule asks.
    const sounds = await build({
      ...common,
      ...esm,
      entryPoints: { "pinyin-sound": "shared/call/pinyin-sound.ts" },
    });
    // The worker is a script, not a module, so that it can start from V8's code cache (inspect-worker-loader.cjs).
    const worker = await build({
      ...common,
      entryPoints: ["shared/pdf/inspect-worker.ts"],
      format: "cjs",
      // Smaller to read and compile; the worker's errors travel as messages, so its stack lines matter less.
      minify: true,
      outfile: join(outdir, "inspect-worker.cjs"),
      define: { "import.meta.url": "__shenbaoModuleUrl" },
      banner: { js: "var __shenbaoModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    await copyFile(join(ROOT, "bin", "inspect-worker-loader.cjs"), join(outdir, WORKER_LOADER));
    // Where a bundled inspector looks by default; `check`'s starts the loader itself (cli/check-inspector.ts).
    await writeFile(join(outdir, "inspect-worker.mjs"), `import "./${WORKER_LOADER}";\n`);
    await writeCodeCache(join(outdir, WORKER_LOADER), build);
    const sources = [cli, check, sounds, worker]
      .flatMap((b) => Object.keys(b.metafile.inputs))
      // A plugin's virtual modules ("namespace:path") are no files.
      .filter((input) => !input.startsWith("node_modules/") && !/^[\w-]+:/.test(input));
    // Packages change only through npm, which rewrites INSTALL_MARK (and runs `prepare`): checking the project's own
    // sources and that one file keeps the check to ~200 stat calls rather than ~3000.
    const inputs = [...new Set(sources), "package.json", INSTALL_MARK];
    const partial = `${CURRENT}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify({ dir, startedAt, inputs }));
    await rename(partial, CURRENT);
  } catch (error) {
    await rm(outdir, { recursive: true, force: true });
    throw new Error("the shenbao CLI bundle could not be built", { cause: error });
  } finally {
    // esbuild's service process must not outlive this one, not even as a zombie for want of being reaped.
    await stop();
    await childrenGone();
  }
  await removeOldBuilds(dir);
  return join(outdir, "main.mjs");
}

/**
 * Waits (up to 2 s) until this process has no child left: esbuild's stop() signals its service process without
 * waiting, and a child that ends after its parent stays in the process group as a zombie wherever PID 1 reaps none.
 * Node reaps its own children as they end. Linux only (/proc); elsewhere it returns at once.
 */
async function childrenGone() {
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    let children = "";
    try {
      const tasks = await readdir("/proc/self/task");
      const lists = await Promise.all(tasks.map((t) => readFile(`/proc/self/task/${t}/children`, "utf8")));
      children = lists.join("").trim();
    } catch {
      return;
    }
    if (!children) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Starts the worker once, so that its code cache is written now rather than on the first check; and has it inspect
 * a sample evidence file first, so that the cache holds the inspection's code too, not only pdf.js's start (~16 ms
 * less of a check's critical path). Without a sample (infra/local/sample-pdf.ts missing or failing) the cache holds
 * the start only.
 */
async function writeCodeCache(entry, build) {
  const sample = await sampleEvidence(build);
  const worker = new Worker(entry, {
    execArgv: [],
    workerData: { codeCacheAfterFirstResult: Boolean(sample) },
  });
  try {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      worker.on("message", (message) => {
        if (message?.type === "ready" && sample)
          worker.postMessage({ id: 1, bytes: sample }, [sample.buffer]);
        if (message?.type === "code-cache-written") resolve(clearTimeout(timer));
      });
      worker.on("error", () => resolve(clearTimeout(timer)));
      worker.on("exit", () => resolve(clearTimeout(timer)));
    });
  } finally {
    await worker.terminate();
  }
}

/** A 3-page evidence file as the demos make it (infra/local/sample-pdf.ts, bundled here with pdf-lib), or undefined. */
async function sampleEvidence(build) {
  try {
    const bundled = await build({
      absWorkingDir: ROOT,
      entryPoints: ["infra/local/sample-pdf.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    const code = Buffer.from(bundled.outputFiles[0].contents).toString("base64");
    const { samplePdf } = await import(`data:text/javascript;base64,${code}`);
    const bytes = await samplePdf({ pages: 3, bookmarks: true });
    return new Uint8Array(bytes);
  } catch {
    return undefined;
  }
}

/** Replaces `import.meta.url` in project sources by their own file's URL (see KEEPS_BUNDLE_URL). */
function sourceUrlPlugin(outdir) {
  return {
    name: "source-url",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const path = relative(ROOT, args.path);
        if (path.startsWith(`node_modules${sep}`) || path.startsWith(`..${sep}`)) return undefined;
        const contents = await readFile(args.path, "utf8");
        if (KEEPS_BUNDLE_URL.has(path) || !contents.includes("import.meta.url"))
          return { contents, loader: "ts" };
        const fromBundle = relative(outdir, args.path).split(sep).join("/");
        const sourceUrl = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: contents.replaceAll("import.meta.url", sourceUrl), loader: "ts" };
      });
    },
  };
}

/**
 * A cli/ module's import of `specifier` resolved to `<entry>.mjs`, an entry point beside it (of this build or
 * another), instead of bundling the module in.
 */
function apart(specifier, entry) {
  return {
    name: `apart-${entry}`,
    setup(build) {
      const exact = new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
      build.onResolve({ filter: exact }, (args) =>
        dirname(args.importer) === join(ROOT, "cli") ? { path: `./${entry}.mjs`, external: true } : undefined,
      );
    },
  };
}

/**
 * pdf.js loads the optional native @napi-rs/canvas as it starts, for rendering, which inspection never does
 * (shared/pdf/pdfjs-node-globals.ts gives it the empty classes it needs): loading that 30 MB library was a third of
 * the worker's start. The bundled worker does without it, as a deployed one does (Lambda has no such package).
 */
function noCanvasPlugin() {
  const load = 'require("@napi-rs/canvas")';
  return {
    name: "no-canvas",
    setup(build) {
      build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        if (!source.includes(load)) throw new Error(`pdf.js no longer loads @napi-rs/canvas as ${load}`);
        const refused = '(() => { throw new Error("@napi-rs/canvas is not loaded by the shenbao CLI"); })()';
        return { contents: source.replaceAll(load, refused), loader: "js" };
      });
    },
  };
}

/**
 * pdf.js builds its Brotli decoder (unpacking a 120 KB dictionary: ~15 ms of the worker's start) as it loads, for
 * the rare /BrotliDecode filter; here it is built on its first use instead. Where a later pdf.js no longer has the
 * statement, its source is left as it is.
 */
function lazyBrotliPlugin() {
  const eager = "let BrotliDecode = makeBrotliDecode();";
  const lazy = "let BrotliDecode = (...args) => (BrotliDecode = makeBrotliDecode())(...args);";
  return {
    name: "lazy-brotli",
    setup(build) {
      build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.worker\.mjs$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        return { contents: source.replace(eager, lazy), loader: "js" };
      });
    },
  };
}

/**
 * string-width builds an Intl.Segmenter and a regular expression of every emoji sequence (\p{RGI_Emoji}) as it loads:
 * ~30 ms of a check's start, for text that cli/display-width.ts seldom hands it (it counts plain Chinese and ASCII
 * itself). Its import there is bundled as a module loaded on the first call instead (esbuild initialises a module
 * reached by require() only when that runs).
 */
function lazyStringWidthPlugin() {
  const namespace = "lazy-string-width";
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^string-width$/ }, (args) =>
        args.importer === join(ROOT, "cli", "display-width.ts") ? { path: args.path, namespace } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace }, () => ({
        contents:
          'let stringWidth;\nexport default (text, options) => (stringWidth ??= require("string-width").default)(text, options);\n',
        loader: "js",
        resolveDir: ROOT,
      }));
    },
  };
}

/**
 * A script run by cached-script.cjs cannot import() without an experimental Node feature (which warns on stderr):
 * its one import() of `specifier` becomes a require() that cached-script.cjs answers with the import's promise.
 */
async function provideDynamicImport(file, specifier) {
  const source = await readFile(file, "utf8");
  const call = `import(${JSON.stringify(specifier)})`;
  if (source.split(call).length !== 2)
    throw new Error(`${file} no longer imports ${specifier} once as ${call}`);
  await writeFile(file, source.replace(call, `require(${JSON.stringify(specifier)})`));
}

async function removeOldBuilds(keep) {
  const entries = await readdir(DIST, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isDirectory() && e.name.startsWith("build-") && e.name !== keep)
      .map(async (e) => {
        const path = join(DIST, e.name);
        const { mtimeMs } = await stat(path);
        if (Date.now() - mtimeMs > OLD_BUILD_MS) await rm(path, { recursive: true, force: true });
      }),
  );
}

/** `node bin/cli-build.js` (npm's `prepare`): a fresh build, the previous ones removed. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await rm(DIST, { recursive: true, force: true });
    await buildCli();
  } catch (error) {
    // Never fail `npm ci` for it: without a build, bin/shenbao.js builds on first use or runs the sources.
    process.stderr.write(
      `shenbao: the CLI bundle was not built (${error.cause?.message ?? error.message})\n`,
    );
  }
}
