import { beforeAll, describe, expect, it } from "vitest";
import type { InspectionResult } from "../../../shared/pdf/facts.ts";
import { createInspector } from "../../../shared/pdf/inspector.ts";
import { bundledInspectWorker } from "../../fixtures/pdf/bundle-worker.ts";
import {
  makePdf,
  metadataBombPdf,
  objectBombPdf,
  pageTreeBombPdf,
} from "../../fixtures/pdf/make-fixtures.ts";

let workerUrl: URL;

beforeAll(async () => {
  workerUrl = await bundledInspectWorker();
});

const pageCountOf = (result: InspectionResult) => (result.ok ? result.facts.pageCount : result.failure);

describe("an inspector's time bound", () => {
  it("stops a file that keeps pdf.js busy, and the next call gets a fresh worker", async () => {
    const inspector = createInspector({ workerUrl, timeoutMs: 1000 });
    try {
      // 20,000 pages that are one page listed again and again: pdf.js walks the page tree anew for each.
      expect(await inspector.inspectBytes(await pageTreeBombPdf(20_000))).toEqual({
        ok: false,
        failure: { kind: "timeout", limitMs: 1000 },
      });
      expect(pageCountOf(await inspector.inspectBytes(await makePdf({ pages: 2 })))).toBe(2);
    } finally {
      await inspector.close();
    }
  });

  it("stops a large ordinary file that needs longer than allowed", async () => {
    const inspector = createInspector({ workerUrl, timeoutMs: 5 });
    try {
      expect(await inspector.inspectBytes(await makePdf({ pages: 500, chinese: true }))).toEqual({
        ok: false,
        failure: { kind: "timeout", limitMs: 5 },
      });
    } finally {
      await inspector.close();
    }
  });
});

describe("an inspector's memory bounds", () => {
  it("stops a decompression bomb by the memory it takes, which the heap limit does not see", async () => {
    const inspector = createInspector({ workerUrl, maxRssGrowthMb: 128 });
    try {
      // 2 MB that inflate to 2 GB of zeros when pdf.js reads the XMP metadata stream.
      const result = await inspector.inspectBytes(await metadataBombPdf(2048));
      expect(result).toEqual({ ok: false, failure: { kind: "resource-limit", detail: expect.any(String) } });
      expect(result.ok || result.failure).toMatchObject({
        detail: expect.stringMatching(/^memory grew by \d+ MB during inspection \(limit 128 MB\)$/),
      });
      expect(pageCountOf(await inspector.inspectBytes(await makePdf({ pages: 1 })))).toBe(1);
    } finally {
      await inspector.close();
    }
  });

  it("stops a file whose objects overflow the worker's heap", async () => {
    const inspector = createInspector({ workerUrl, maxHeapMb: 64 });
    try {
      expect(await inspector.inspectBytes(await objectBombPdf(2_000_000))).toEqual({
        ok: false,
        failure: { kind: "resource-limit", detail: "the JavaScript heap limit of 64 MB was reached" },
      });
      expect(pageCountOf(await inspector.inspectBytes(await makePdf({ pages: 1 })))).toBe(1);
    } finally {
      await inspector.close();
    }
  });
});
