/**
 * `shenbao check`'s inspector is started once, possibly before the CLI has parsed the command line (bin/shenbao.js);
 * at the end of the run one still starting is stopped and one that started is left to end with the process.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import type { Inspector } from "../../../shared/pdf/inspector.ts";

const fresh = async () => {
  vi.resetModules();
  return import("../../../cli/check-inspector.ts");
};

let opened: Inspector | undefined;

afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

// Each test starts an inspection worker: seconds on a busy machine.
describe("check's inspector", { timeout: 60_000 }, () => {
  it("is one per process: the early start and the command get the same one", async () => {
    const { checkInspector } = await fresh();
    opened = checkInspector();
    expect(checkInspector()).toBe(opened);
  });

  it("is stopped at the end of a run that never used it while its worker was still starting", async () => {
    const { checkInspector, releaseCheckInspector } = await fresh();
    opened = checkInspector();
    await releaseCheckInspector();
    await expect(opened.inspectBytes(await samplePdf({ pages: 1 }))).rejects.toThrow(
      "the inspector is closed",
    );
  });

  it("is left as it is once started (it keeps nothing alive and ends with the process)", async () => {
    const { checkInspector, releaseCheckInspector } = await fresh();
    opened = checkInspector();
    await opened.warm();
    await releaseCheckInspector();
    const result = await opened.inspectBytes(await samplePdf({ pages: 2 }));
    expect(result.ok && result.facts.pageCount).toBe(2);
  });
});
