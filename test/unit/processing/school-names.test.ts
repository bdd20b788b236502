/** The per-container cache of registered school names, on a fake clock: one read, then none until it is stale. */
import { describe, expect, it } from "vitest";
import { cachedSchoolNames } from "../../../shared/processing/school-names.ts";

function setUp(maxAgeMs = 60_000) {
  let now = Date.parse("2024-11-15T01:00:00.000Z");
  const reads: number[] = [];
  let listing: readonly string[] = ["河南甲职业学院"];
  let failing: Error | undefined;
  const stale: unknown[] = [];
  const names = cachedSchoolNames({
    list: async () => {
      reads.push(now);
      if (failing) throw failing;
      return listing;
    },
    clock: () => new Date(now),
    maxAgeMs,
    onStale: (error) => stale.push(error),
  });
  return {
    names,
    reads,
    stale,
    advance: (ms: number) => {
      now += ms;
    },
    set: (next: readonly string[]) => {
      listing = next;
    },
    fail: (error: Error | undefined) => {
      failing = error;
    },
  };
}

describe("cachedSchoolNames", () => {
  it("reads once, answers from memory until maxAge, then reads again", async () => {
    const t = setUp();
    expect(await t.names.current()).toEqual(["河南甲职业学院"]);
    t.set(["河南甲职业学院", "河南乙职业学院"]);
    t.advance(59_999);
    expect(await t.names.current()).toEqual(["河南甲职业学院"]);
    expect(t.reads).toHaveLength(1);
    t.advance(1);
    expect(await t.names.current()).toEqual(["河南甲职业学院", "河南乙职业学院"]);
    expect(t.reads).toHaveLength(2);
    expect(await t.names.current()).toHaveLength(2);
    expect(t.reads).toHaveLength(2);
  });

  it("shares one read among concurrent callers", async () => {
    const t = setUp();
    const all = await Promise.all([t.names.current(), t.names.current(), t.names.current()]);
    expect(all).toEqual([["河南甲职业学院"], ["河南甲职业学院"], ["河南甲职业学院"]]);
    expect(t.reads).toHaveLength(1);
  });

  it("throws when the names were never read and cannot be (the delivery is retried)", async () => {
    const t = setUp();
    t.fail(new Error("throttled"));
    await expect(t.names.current()).rejects.toThrow("throttled");
    t.fail(undefined);
    expect(await t.names.current()).toEqual(["河南甲职业学院"]);
  });

  it("keeps the last listing when a refresh fails, says so, and tries again on the next call", async () => {
    const t = setUp();
    await t.names.current();
    t.advance(60_000);
    t.fail(new Error("throttled"));
    expect(await t.names.current()).toEqual(["河南甲职业学院"]);
    expect(t.stale).toHaveLength(1);
    t.fail(undefined);
    t.set(["河南丙职业学院"]);
    expect(await t.names.current()).toEqual(["河南丙职业学院"]);
    expect(t.reads).toHaveLength(3);
  });
});
