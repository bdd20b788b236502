import { execFile } from "node:child_process";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InspectionResult } from "../../../shared/pdf/facts.ts";
import { createInspector, type Inspector, InspectorError } from "../../../shared/pdf/inspector.ts";
import { bundledInspectWorker } from "../../fixtures/pdf/bundle-worker.ts";
import {
  chineseApplicationPdf,
  makePdf,
  pageTreeBombPdf,
  tinyPng,
} from "../../fixtures/pdf/make-fixtures.ts";

const nativePush = Array.prototype.push;
const nativePostMessage = Worker.prototype.postMessage;
let workerUrl: URL;
let directory: string;

beforeAll(async () => {
  workerUrl = await bundledInspectWorker();
  directory = await mkdtemp(join(tmpdir(), "shenbao-inspector-"));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const pageCountOf = (result: InspectionResult) => (result.ok ? result.facts.pageCount : result.failure);

describe("an inspector", () => {
  let inspector: Inspector;
  beforeAll(() => {
    inspector = createInspector({ workerUrl });
  });
  afterAll(() => inspector.close());

  it("inspects bytes in its worker", async () => {
    const result = await inspector.inspectBytes(await chineseApplicationPdf(5));
    expect(result).toMatchObject({
      ok: true,
      facts: { pageCount: 5, outline: { present: true, entries: 3 } },
    });
  });

  it("inspects a file", async () => {
    const path = join(directory, "申报材料.pdf");
    await writeFile(path, await makePdf({ pages: 3 }));
    expect(pageCountOf(await inspector.inspectFile(path))).toBe(3);
  });

  it("reports the failures the worker finds as results", async () => {
    expect(await inspector.inspectBytes(tinyPng())).toEqual({
      ok: false,
      failure: { kind: "not-pdf", detected: "png" },
    });
    expect(await inspector.inspectBytes(new Uint8Array(0))).toEqual({
      ok: false,
      failure: { kind: "empty" },
    });
  });

  it("answers calls made together one at a time, each with its own result", async () => {
    const files = await Promise.all([1, 2, 3].map((pages) => makePdf({ pages })));
    // What reaches the worker, and when each caller hears back: the queue hands the worker the next file only after
    // the previous answer, so the worker never holds two. (Ordering of events, not timing.)
    const events: string[] = [];
    const post = vi.spyOn(Worker.prototype, "postMessage").mockImplementation(function (
      this: Worker,
      ...args
    ) {
      events.push("sent");
      nativePostMessage.apply(this, args);
    });
    try {
      const results = await Promise.all(
        files.map((bytes, i) =>
          inspector.inspectBytes(bytes).then((result) => {
            events.push(`answered ${i + 1}`);
            return result;
          }),
        ),
      );
      expect(results.map(pageCountOf)).toEqual([1, 2, 3]);
      expect(events).toEqual(["sent", "answered 1", "sent", "answered 2", "sent", "answered 3"]);
    } finally {
      post.mockRestore();
    }
  });

  it("moves the bytes to its worker instead of copying them", async () => {
    const bytes = await makePdf({ pages: 1 });
    await inspector.inspectBytes(bytes);
    expect(bytes.byteLength).toBe(0);
  });

  it("copies bytes that are a view into a larger buffer, leaving that buffer whole", async () => {
    const pdf = await makePdf({ pages: 2 });
    const larger = new Uint8Array(pdf.length + 10);
    larger.set(pdf, 10);
    expect(pageCountOf(await inspector.inspectBytes(larger.subarray(10)))).toBe(2);
    expect(larger.subarray(10)).toEqual(pdf);
  });

  it("never loads pdf.js into the calling thread", () => {
    expect(Array.prototype.push).toBe(nativePush);
    expect(globalThis).not.toHaveProperty("pdfjsWorker");
  });
});

describe("an inspector's size bound", () => {
  // No worker can start from this entry: a refusal proves the file never reached one.
  const unusableWorker = new URL("file:///nonexistent/inspect-worker.mjs");

  it("refuses a file larger than its limit by its size, without reading it", async () => {
    const path = join(directory, "huge.pdf");
    const file = await open(path, "w");
    await file.truncate(8 * 1024 ** 3);
    await file.close();
    const inspector = createInspector({ workerUrl: unusableWorker });
    try {
      expect(await inspector.inspectFile(path)).toEqual({
        ok: false,
        failure: { kind: "too-large", size: 8 * 1024 ** 3, limit: 100 * 1024 * 1024 },
      });
    } finally {
      await inspector.close();
    }
  });

  it("refuses bytes larger than its limit", async () => {
    const inspector = createInspector({ workerUrl: unusableWorker, maxBytes: 1000 });
    try {
      expect(await inspector.inspectBytes(new Uint8Array(1001))).toEqual({
        ok: false,
        failure: { kind: "too-large", size: 1001, limit: 1000 },
      });
    } finally {
      await inspector.close();
    }
  });
});

describe("an inspector's life", () => {
  it("rejects calls once closed", async () => {
    const inspector = createInspector({ workerUrl });
    await inspector.close();
    await expect(inspector.inspectBytes(await makePdf({ pages: 1 }))).rejects.toThrow(InspectorError);
  });

  it("rejects an inspection that is running when it is closed", async () => {
    const inspector = createInspector({ workerUrl });
    await inspector.inspectBytes(new Uint8Array(0));
    const running = inspector.inspectBytes(await pageTreeBombPdf(20_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await inspector.close();
    await expect(running).rejects.toThrow("the inspector was closed during an inspection");
  });

  it("reports a worker that cannot start as its own failure, not as a verdict on the file", async () => {
    const inspector = createInspector({ workerUrl: new URL("file:///nonexistent/inspect-worker.mjs") });
    try {
      await expect(inspector.inspectBytes(await makePdf({ pages: 1 }))).rejects.toThrow(InspectorError);
    } finally {
      await inspector.close();
    }
  });

  it("runs from source with its default worker entry, and does not keep the process alive when idle", async () => {
    const inspectorModule = new URL("../../../shared/pdf/inspector.ts", import.meta.url).href;
    const script = `
      const { createInspector } = await import(${JSON.stringify(inspectorModule)});
      const result = await createInspector().inspectBytes(new TextEncoder().encode("%PDF-1.7\\n"));
      console.log(JSON.stringify(result));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "--eval", script],
      { timeout: 20_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      failure: { kind: "damaged", detail: "InvalidPDFException: Invalid PDF structure." },
    });
  });
});
