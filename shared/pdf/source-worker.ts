/**
 * Builds the inspection worker as a deployment bundle would: one ESM file with pdf.js inside. Running from source
 * (`npm start`, tests; the `shenbao` command has a bundle of its own, bin/cli-build.js), the inspector uses it instead
 * of loading the worker through tsx, which takes ~1.5 s and ~400 MB to start against ~0.2 s and ~30 MB bundled. Node-only and development-only: esbuild is a
 * development dependency, and a deployed bundle ships its worker ready-made (infra/constructs/inspect-worker-bundle.ts).
 */
import { createHash } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

/** Inside the project so that the bundle resolves packages (pdf.js's optional native canvas) as the sources do. */
const CACHE_DIRECTORY = new URL("../../node_modules/.cache/shenbao-pdf/", import.meta.url);

let built: Promise<URL> | undefined;

/** The bundled worker's URL; built once per process, and only when the sources changed. */
export function bundledInspectWorker(): Promise<URL> {
  built ??= bundle(new URL("./inspect-worker.ts", import.meta.url), "inspect-worker");
  return built;
}

/**
 * Bundles one entry to an ESM file named after its content, so concurrent test processes never clash. In `directory`
 * when given; outside the project, no package resolves at run time, as in Lambda.
 */
export async function bundle(entry: URL, name: string, directory: URL = CACHE_DIRECTORY): Promise<URL> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry.href}`);
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const target = new URL(`${name}-${hash}.mjs`, directory);
  if (!(await exists(target))) {
    await mkdir(directory, { recursive: true });
    const partial = new URL(`${name}-${hash}.${process.pid}.tmp`, directory);
    await writeFile(partial, code);
    await rename(partial, target);
  }
  return pathToFileURL(fileURLToPath(target));
}

async function exists(url: URL): Promise<boolean> {
  return stat(url).then(
    () => true,
    () => false,
  );
}
