/**
 * The upload page's script size: its budget, its bytes minified and gzipped, and where those bytes come from (from
 * esbuild's metafile), so that a build over budget says what grew. Colleges open the page on slow campus networks.
 */
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";

/** Most bytes the page's script may have, minified (issue 15). */
export const SCRIPT_BUDGET_BYTES = 150_000;

export interface ScriptPart {
  /** An npm package ("zod/v4/core" for zod, whose parts differ so much in weight) or a source folder ("web/src"). */
  name: string;
  bytes: number;
}

export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Largest first; they sum to the script's bytes less esbuild's own wrapper. */
  parts: ScriptPart[];
}

/** The part of the script a bundled input (a path as the metafile names it) is counted under. */
export function partOf(input: string): string {
  const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(input);
  if (inPackage) {
    const [, name = "", rest = ""] = inPackage;
    return name === "zod" ? ["zod", ...rest.split("/").slice(0, -1).slice(0, 2)].join("/") : name;
  }
  return input.split("/").slice(0, 2).join("/");
}

/** The size of `output` (a key of the metafile's outputs) whose bytes are `contents`. */
export function scriptSize(metafile: Metafile, output: string, contents: Uint8Array): ScriptSize {
  const inputs = metafile.outputs[output]?.inputs;
  if (!inputs) throw new Error(`the metafile has no output ${output}`);
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const name = partOf(input);
    parts.set(name, (parts.get(name) ?? 0) + bytesInOutput);
  }
  return {
    file: output.split("/").pop() ?? output,
    bytes: contents.byteLength,
    gzipBytes: gzipSync(contents, { level: 9 }).byteLength,
    parts: [...parts]
      .map(([name, bytes]) => ({ name, bytes }))
      .filter((part) => part.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)),
  };
}

/** The script's figures in one line each, for the build's error and the bench. */
export function describeScriptSize(size: ScriptSize, budget = SCRIPT_BUDGET_BYTES): string[] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  return [
    `${size.file}: ${size.bytes} bytes minified (budget ${budget}), ${size.gzipBytes} bytes gzipped`,
    ...size.parts.map((part) => `  ${kb(part.bytes).padStart(9)}  ${part.name}`),
  ];
}
