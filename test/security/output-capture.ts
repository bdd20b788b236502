/**
 * Everything this process writes while a test runs: stdout and stderr (where Powertools Logger writes its JSON lines
 * in Lambda) and the console (where vitest routes console calls). The functions' own lines below ERROR are kept, not
 * shown (a suite that provokes refusals expects their warnings); errors and anything else still reach the output.
 */
import { format } from "node:util";

export interface OutputCapture {
  /** Every chunk written so far, in order. */
  readonly chunks: readonly string[];
  restore(): void;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const quiet = (text: string) => /^\{.*"level":"(DEBUG|INFO|WARN)"/s.test(text.trim());
  const restores: Array<() => void> = [];

  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
      chunks.push(text);
      if (quiet(text)) return true;
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restores.push(() => {
      stream.write = original;
    });
  }
  for (const method of CONSOLE_METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      const text = format(...args);
      chunks.push(text);
      if (!quiet(text)) original.apply(console, args);
    };
    restores.push(() => {
      console[method] = original;
    });
  }
  return {
    chunks,
    restore() {
      for (const undo of restores.splice(0).reverse()) undo();
    },
  };
}
