import { describe, expect, it } from "vitest";
import { createInspectorPool } from "../../../infra/local/inspector-pool.ts";
import type { InspectionResult } from "../../../shared/pdf/facts.ts";
import { type Inspector, InspectorError } from "../../../shared/pdf/inspector.ts";

/** An inspector whose inspections finish only when the test says so, recording what it was given. */
function heldInspector(name: string, log: string[]) {
  const waiting: Array<() => void> = [];
  let closed = false;
  let warmed = false;
  const result: InspectionResult = { ok: false, failure: { kind: "empty" } };
  const inspector: Inspector = {
    inspectBytes(bytes) {
      log.push(`${name}:${bytes.byteLength}`);
      return new Promise((resolve) => waiting.push(() => resolve(result)));
    },
    inspectFile(path) {
      log.push(`${name}:${path}`);
      return new Promise((resolve) => waiting.push(() => resolve(result)));
    },
    async warm() {
      warmed = true;
    },
    async close() {
      closed = true;
    },
  };
  return {
    inspector,
    finishOne: () => waiting.shift()?.(),
    get closed() {
      return closed;
    },
    get warmed() {
      return warmed;
    },
  };
}

describe("inspector pool", () => {
  it("gives each file to the inspector with the fewest files in hand", async () => {
    const log: string[] = [];
    const made = ["a", "b"].map((name) => heldInspector(name, log));
    let next = 0;
    const pool = createInspectorPool(() => made[next++]?.inspector as Inspector, 2);

    const first = pool.inspectBytes(new Uint8Array(1));
    const second = pool.inspectBytes(new Uint8Array(2));
    const third = pool.inspectFile("/c.pdf");
    made[1]?.finishOne();
    await second;
    const fourth = pool.inspectBytes(new Uint8Array(4));

    expect(log).toEqual(["a:1", "b:2", "a:/c.pdf", "b:4"]);
    made[0]?.finishOne();
    made[0]?.finishOne();
    made[1]?.finishOne();
    await expect(Promise.all([first, third, fourth])).resolves.toHaveLength(3);
  });

  it("warms and closes every inspector it made", async () => {
    const made = ["a", "b", "c"].map((name) => heldInspector(name, []));
    let next = 0;
    const pool = createInspectorPool(() => made[next++]?.inspector as Inspector, 3);

    await pool.warm();
    await pool.close();

    expect(made.map((m) => [m.warmed, m.closed])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
  });

  it("holds a background request until an inspector has nothing in hand; inspections asked later go first", async () => {
    const log: string[] = [];
    const made = heldInspector("a", log);
    const pool = createInspectorPool(() => made.inspector, 1);

    const receipt1 = pool.inspectBytes(new Uint8Array(1));
    const text = pool.inspectBytes(new Uint8Array(10), { textLayer: "if-readable", priority: "background" });
    const receipt2 = pool.inspectBytes(new Uint8Array(2));
    const receipt3 = pool.inspectFile("/3.pdf");
    expect(log).toEqual(["a:1", "a:2", "a:/3.pdf"]);

    made.finishOne();
    made.finishOne();
    await Promise.all([receipt1, receipt2]);
    expect(log).toEqual(["a:1", "a:2", "a:/3.pdf"]);
    made.finishOne();
    await receipt3;
    expect(log).toEqual(["a:1", "a:2", "a:/3.pdf", "a:10"]);
    made.finishOne();
    await expect(text).resolves.toMatchObject({ ok: false });
  });

  it("starts held background requests in the order they came, on whichever inspector is idle", async () => {
    const log: string[] = [];
    const made = ["a", "b"].map((name) => heldInspector(name, log));
    let next = 0;
    const pool = createInspectorPool(() => made[next++]?.inspector as Inspector, 2);

    const busy = pool.inspectBytes(new Uint8Array(1));
    const first = pool.inspectBytes(new Uint8Array(10), { priority: "background" });
    const second = pool.inspectBytes(new Uint8Array(20), { priority: "background" });
    expect(log).toEqual(["a:1", "b:10"]);

    made[0]?.finishOne();
    await busy;
    expect(log).toEqual(["a:1", "b:10", "a:20"]);
    made[0]?.finishOne();
    made[1]?.finishOne();
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
  });

  it("passes the request's options to the inspector it chose", async () => {
    const asked: unknown[] = [];
    const result: InspectionResult = { ok: false, failure: { kind: "empty" } };
    const pool = createInspectorPool(
      () => ({
        inspectBytes: async (_bytes, options) => {
          asked.push(options);
          return result;
        },
        inspectFile: async (_path, options) => {
          asked.push(options);
          return result;
        },
        warm: async () => undefined,
        close: async () => undefined,
      }),
      1,
    );
    await pool.inspectBytes(new Uint8Array(1), { textLayer: "if-readable", priority: "background" });
    await pool.inspectFile("/a.pdf", { textLayer: true });
    expect(asked).toEqual([{ textLayer: "if-readable", priority: "background" }, { textLayer: true }]);
  });

  it("refuses background requests still held when it closes", async () => {
    const made = heldInspector("a", []);
    const pool = createInspectorPool(() => made.inspector, 1);
    const running = pool.inspectBytes(new Uint8Array(1));
    const text = pool.inspectBytes(new Uint8Array(10), { priority: "background" });

    await pool.close();

    await expect(text).rejects.toThrow(InspectorError);
    made.finishOne();
    await running;
    expect(made.closed).toBe(true);
  });

  it("refuses a pool of no inspectors", () => {
    expect(() => createInspectorPool(() => heldInspector("a", []).inspector, 0)).toThrow(RangeError);
  });
});
