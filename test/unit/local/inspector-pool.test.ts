import { describe, expect, it } from "vitest";
import { createInspectorPool } from "../../../infra/local/inspector-pool.ts";
import type { InspectionResult } from "../../../shared/pdf/facts.ts";
import type { Inspector } from "../../../shared/pdf/inspector.ts";

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

  it("refuses a pool of no inspectors", () => {
    expect(() => createInspectorPool(() => heldInspector("a", []).inspector, 0)).toThrow(RangeError);
  });
});
