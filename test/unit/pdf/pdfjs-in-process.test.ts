import { describe, expect, it } from "vitest";

describe("loading pdf.js in-process", () => {
  it("puts back the native built-ins its polyfills replace, and registers its worker code in this thread", async () => {
    const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };

    await import("../../../shared/pdf/pdfjs-in-process.ts");

    expect({ push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify }).toEqual(natives);
    expect(globalThis).toHaveProperty("pdfjsWorker.WorkerMessageHandler");
  });
});
