/**
 * The token check cannot leak a near miss through timing: the token is looked up only by its SHA-256 (so how far a
 * guess matches a real token never steers the lookup), and the stored hash is compared with crypto.timingSafeEqual
 * over the whole 32 bytes. Proven on the code path, with a spy; timing itself is not measured (too noisy for CI).
 */
import * as crypto from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateSchool } from "../../shared/api/authenticate.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { generateSchoolToken, hashesEqual, hashToken } from "../../shared/submissions/tokens.ts";
import { resultsRecorder } from "./results.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const results = resultsRecorder("constant-time", { source: "test/security/constant-time.test.ts" });
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
const checked: string[] = [];

beforeEach(() => {
  timingSafeEqual.mockClear();
});

// biome-ignore lint/correctness/noEmptyPattern: vitest passes a hook its suite only after a destructured context.
afterAll(async ({}, file) => {
  results.record({
    id: "access.constant-time",
    area: "Access control",
    tried: "the token check's code path, spied: lookup key, comparison function, bytes compared",
    cases: checked.length,
    outcome: checked.join("; "),
    lost: 0,
  });
  await results.finish(file);
});

function school(token: string, status: SchoolRecord["status"] = "active"): SchoolRecord {
  return {
    schoolId: "12410000MB1234567L",
    name: "河南演示职业技术学院",
    creditCode: "12410000MB1234567L",
    level: "专科",
    contactName: "王晓明",
    email: "office@demo-college.edu.cn",
    phone: "0371-69691995",
    tokenHash: hashToken(token),
    tokenIssuedAt: "2024-10-01T00:00:00.000Z",
    status,
    createdAt: "2024-10-01T00:00:00.000Z",
  };
}

describe("hashesEqual", () => {
  it("compares all 32 bytes with timingSafeEqual, whether the hashes differ in the first byte or the last", () => {
    const hash = hashToken(generateSchoolToken());
    const firstDiffers = (hash[0] === "0" ? "1" : "0") + hash.slice(1);
    const lastDiffers = hash.slice(0, -1) + (hash.endsWith("0") ? "1" : "0");

    expect([
      hashesEqual(hash, hash),
      hashesEqual(hash, firstDiffers),
      hashesEqual(hash, lastDiffers),
    ]).toEqual([true, false, false]);
    expect(timingSafeEqual).toHaveBeenCalledTimes(3);
    for (const [left, right] of timingSafeEqual.mock.calls) {
      expect([(left as Buffer).length, (right as Buffer).length]).toEqual([32, 32]);
    }
    checked.push("hashesEqual: timingSafeEqual over 32 bytes, early or late difference alike");
  });
});

describe("authenticateSchool", () => {
  it("looks the school up by the token's SHA-256 only, then compares the stored hash in constant time", async () => {
    const token = generateSchoolToken();
    const lookups: string[] = [];
    const schools = {
      findSchoolByTokenHash: vi.fn(async (tokenHash: string) => {
        lookups.push(tokenHash);
        return school(token);
      }),
    };

    const auth = await authenticateSchool(`Bearer ${token}`, schools);

    expect(auth).toMatchObject({ ok: true, school: { tokenHash: hashToken(token) } });
    expect(lookups).toEqual([hashToken(token)]);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [stored, presented] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
    expect(stored.toString("hex")).toBe(hashToken(token));
    expect(presented.toString("hex")).toBe(hashToken(token));
    checked.push("authenticateSchool: lookup by SHA-256, then timingSafeEqual of stored and presented hash");
  });

  it("refuses a token whose index entry names a school holding another hash, through the same comparison", async () => {
    const current = generateSchoolToken();
    const stale = generateSchoolToken();
    const auth = await authenticateSchool(`Bearer ${stale}`, {
      findSchoolByTokenHash: async () => school(current),
    });

    expect(auth).toEqual({ ok: false, reason: "unknown" });
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    checked.push("a stale index entry: refused by the constant-time comparison");
  });

  it("refuses a revoked school's token and a malformed token; a malformed one is never looked up", async () => {
    const token = generateSchoolToken();
    const lookup = vi.fn(async () => school(token, "revoked"));

    expect(await authenticateSchool(`Bearer ${token}`, { findSchoolByTokenHash: lookup })).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await authenticateSchool(`Bearer ${token}x`, { findSchoolByTokenHash: lookup })).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(lookup).toHaveBeenCalledTimes(1);
    checked.push("revoked: refused; malformed: refused before any lookup");
  });
});
