import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const IN_PROCESS = fileURLToPath(new URL("../../../shared/pdf/pdfjs-in-process.ts", import.meta.url));

describe("loading pdf.js in-process", () => {
  it("puts back the native built-ins its polyfills replace, and registers its worker code in this thread", async () => {
    const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };

    await import("../../../shared/pdf/pdfjs-in-process.ts");

    expect({ push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify }).toEqual(natives);
    expect(globalThis).toHaveProperty("pdfjsWorker.WorkerMessageHandler");
  });

  // In a fresh process: this one may have loaded Node's fetch already. Loading it cost ~40 ms of a worker's start.
  it("does not load Node's fetch implementation, and leaves its globals as they were", {
    timeout: 60_000,
  }, async () => {
    const script = `
      const names = ["Response", "Request", "Headers", "FormData"];
      const before = names.map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
      await import(${JSON.stringify(IN_PROCESS)});
      const same = names.every((name, i) => {
        const now = Object.getOwnPropertyDescriptor(globalThis, name);
        return now.get === before[i].get && now.set === before[i].set && now.value === before[i].value;
      });
      const undici = process.moduleLoadList.filter((m) => m.includes("undici"));
      console.log(JSON.stringify({ same, undici }));`;
    const { stdout } = await run("node", ["--import", "tsx", "--input-type=module", "-e", script]);
    expect(JSON.parse(stdout)).toEqual({ same: true, undici: [] });
  });
});
