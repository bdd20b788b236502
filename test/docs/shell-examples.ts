/**
 * The shell examples of a Markdown document (fenced ```sh blocks) and what the line just before each says about
 * running it. The marker convention, an HTML comment on the line before the fence (invisible on GitHub):
 *
 *   <!-- example: skip (why it cannot run here) -->  not run; the reason is required
 *   <!-- example: setup=NAME -->                    the test's setup NAME prepares the directory (files, data) first
 *   <!-- example: given=TOKEN,BASE -->              these variables' assignment lines (`TOKEN=sbt_...`, one each) are
 *                                                   replaced by the harness's values: only where the text says the
 *                                                   value comes from elsewhere ("printed by npm start")
 *   <!-- example: only="npm run demo" (why) -->     only the lines starting with that command run
 *   <!-- example: synth (why) -->                   not run (it deploys); the stack is synthesized with the block's
 *                                                   `-c key=value` settings instead
 *
 * setup, given and only combine. A block without a marker runs as printed.
 */
import { readFileSync } from "node:fs";

export interface ShellExample {
  /** The document, relative to the repository, and the fence's line (1-based). */
  source: string;
  line: number;
  code: string;
  skip?: string;
  /** Synthesize with the block's `-c` settings instead of running it; the reason. */
  synth?: string;
  setup?: string;
  given: string[];
  only?: { prefix: string; reason: string };
}

const FENCE = /^```sh\s*$/;
const MARKER = /^<!--\s*example:\s*(.*?)\s*-->\s*$/;

export function shellExamples(path: string, source: string): ShellExample[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const examples: ShellExample[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!FENCE.test(lines[i] ?? "")) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith("```"));
    if (end < 0) throw new Error(`${source}:${i + 1}: unterminated code block`);
    const marker = MARKER.exec(lines[i - 1] ?? "")?.[1];
    examples.push({
      source,
      line: i + 1,
      code: lines.slice(i + 1, end).join("\n"),
      ...(marker === undefined ? { given: [] } : parseMarker(marker, `${source}:${i}`)),
    });
    i = end;
  }
  return examples;
}

function parseMarker(text: string, where: string): Omit<ShellExample, "source" | "line" | "code"> {
  const skip = /^skip\s*\((.+)\)$/.exec(text);
  if (skip) return { skip: skip[1] as string, given: [] };
  const synth = /^synth\s*\((.+)\)$/.exec(text);
  if (synth) return { synth: synth[1] as string, given: [] };
  const result: Omit<ShellExample, "source" | "line" | "code"> = { given: [] };
  let rest = text;
  for (;;) {
    rest = rest.trimStart();
    if (rest === "") return result;
    const setup = /^setup=([\w-]+)/.exec(rest);
    const given = /^given=([A-Z_][A-Z0-9_]*(?:,[A-Z_][A-Z0-9_]*)*)/.exec(rest);
    const only = /^only="([^"]+)"\s*\(([^)]+)\)/.exec(rest);
    const matched = setup ?? given ?? only;
    if (!matched) throw new Error(`${where}: cannot read the example marker at "${rest}"`);
    if (setup) result.setup = setup[1] as string;
    if (given) result.given = (given[1] as string).split(",");
    if (only) result.only = { prefix: only[1] as string, reason: only[2] as string };
    rest = rest.slice(matched[0].length);
  }
}

/** Single-quoted for the shell. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * The script the harness runs: only the lines `only` keeps, and each `given` variable's one assignment line
 * replaced by the harness's value. Throws when the block does not have what its marker names.
 */
export function scriptOf(example: ShellExample, values: Readonly<Record<string, string>>): string {
  let lines = example.code.split("\n");
  if (example.only) {
    const prefix = example.only.prefix;
    lines = lines.filter((l) => l.trimStart().startsWith(prefix));
    if (lines.length === 0)
      throw new Error(`${example.source}:${example.line}: no line starts with ${prefix}`);
  }
  for (const name of example.given) {
    const value = values[name];
    if (value === undefined)
      throw new Error(`${example.source}:${example.line}: the harness gives no ${name}`);
    const assignments = lines.filter((l) => l.startsWith(`${name}=`));
    if (assignments.length !== 1)
      throw new Error(`${example.source}:${example.line}: ${name} is assigned ${assignments.length} times`);
    lines = lines.map((l) => (l.startsWith(`${name}=`) ? `${name}=${shellQuote(value)}` : l));
  }
  return lines.join("\n");
}

/** The value of `NAME='…'` (or `NAME=…`) in a block, as the shell would read it for these simple forms. */
export function assignedValue(code: string, name: string): string {
  const line = code.split("\n").find((l) => l.startsWith(`${name}=`));
  const match = line && /^[A-Z_]+=(?:'([^']*)'|(\S+))/.exec(line);
  if (!match) throw new Error(`no ${name}= line`);
  return (match[1] ?? match[2]) as string;
}

/** The `-c key=value` settings of a cdk command line (continuation lines joined). */
export function cdkContext(code: string): Record<string, string> {
  const joined = code.replaceAll("\\\n", " ");
  return Object.fromEntries(
    [...joined.matchAll(/(?:^|\s)-c\s+([A-Za-z]+)=(\S+)/g)].map((m) => [m[1] as string, m[2] as string]),
  );
}
