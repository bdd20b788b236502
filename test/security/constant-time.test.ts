/**
 * The token check cannot leak a near miss through timing: the secret never steers the lookup (a token that names its
 * school is looked up by that id, which is not secret; a token issued before, by its SHA-256 through the index), and
 * the stored hash is compared with crypto.timingSafeEqual over the whole 32 bytes, also when the named school does
 * not exist, so an unknown school, a wrong secret and a revoked school take one path to one answer. Proven on the
 * code path, with a spy; timing itself is not measured (too noisy for CI).
 */
import * as crypto from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateSchool } from "../../shared/api/authenticate.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { generateSchoolToken, hashesEqual, hashToken } from "../../shared/submissions/tokens.ts";
import { legacyToken } from "../integration/repository/school-repository-contract.ts";
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

const SCHOOL_ID = "12410000MB1234567L";

function school(token: string, status: SchoolRecord["status"] = "active"): SchoolRecord {
  return {
    schoolId: SCHOOL_ID,
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
    const hash = hashToken(generateSchoolToken(SCHOOL_ID));
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

/** A school item read that a token issued before tokens named their school must never make. */
const noSchoolRead = () => vi.fn(async (): Promise<SchoolRecord | undefined> => expect.unreachable());
/** An index read that a token naming its school must never make. */
const noIndexRead = () => vi.fn(async (): Promise<SchoolRecord | undefined> => expect.unreachable());

describe("authenticateSchool, a token that names its school", () => {
  it("reads that school's item only, then compares the stored hash in constant time", async () => {
    const token = generateSchoolToken(SCHOOL_ID);
    const schools = { getSchool: vi.fn(async () => school(token)), findSchoolByTokenHash: noIndexRead() };

    const auth = await authenticateSchool(`Bearer ${token}`, schools);

    expect(auth).toMatchObject({ ok: true, school: { tokenHash: hashToken(token) } });
    expect(schools.getSchool.mock.calls).toEqual([[SCHOOL_ID]]);
    expectOneComparisonAgainst(hashToken(token));
    checked.push(
      "named token: one read of the named school, then timingSafeEqual of stored and presented hash",
    );
  });

  it("answers an unknown school, a wrong secret and a revoked school alike, each through one 32-byte comparison", async () => {
    const token = generateSchoolToken(SCHOOL_ID);
    const cases: Array<[string, SchoolRecord | undefined]> = [
      ["unknown school", undefined],
      ["wrong secret", school(generateSchoolToken(SCHOOL_ID))],
      ["revoked", school(token, "revoked")],
    ];
    for (const [name, stored] of cases) {
      timingSafeEqual.mockClear();
      const schools = { getSchool: vi.fn(async () => stored), findSchoolByTokenHash: noIndexRead() };

      expect(await authenticateSchool(`Bearer ${token}`, schools), name).toEqual({
        ok: false,
        reason: "unknown",
      });
      expect(schools.getSchool, name).toHaveBeenCalledTimes(1);
      expect(timingSafeEqual, name).toHaveBeenCalledTimes(1);
      const [left, right] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
      expect([left.length, right.length], name).toEqual([32, 32]);
    }
    checked.push(
      "named token: unknown school, wrong secret, revoked: one read, one 32-byte comparison, one answer",
    );
  });

  it("refuses malformed tokens before any lookup", async () => {
    const secret = generateSchoolToken(SCHOOL_ID).split(".")[1] ?? "";
    const schools = { getSchool: noSchoolRead(), findSchoolByTokenHash: noIndexRead() };
    const malformed = [
      `sbt_${SCHOOL_ID.toLowerCase()}.${secret}`,
      `sbt_12410000MB1234567I.${secret}`, // I is not a credit-code character
      `sbt_${SCHOOL_ID.slice(1)}.${secret}`,
      `sbt_${SCHOOL_ID}${secret}`,
      `sbt_${SCHOOL_ID}.${secret.slice(1)}`,
      `sbt_${SCHOOL_ID}.${secret}x`,
      `sbt_${SCHOOL_ID}:${secret}`,
      `sbt_${SCHOOL_ID}.${secret}.${secret}`,
      `sbt_../${SCHOOL_ID}.${secret}`,
    ];
    for (const token of malformed) {
      expect(await authenticateSchool(`Bearer ${token}`, schools), token).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
    checked.push(`malformed named tokens (${malformed.length}): refused before any lookup`);
  });
});

describe("authenticateSchool, a token issued before tokens named their school", () => {
  it("looks the school up by the token's SHA-256 only, then compares the stored hash in constant time", async () => {
    const token = legacyToken();
    const lookups: string[] = [];
    const schools = {
      getSchool: noSchoolRead(),
      findSchoolByTokenHash: vi.fn(async (tokenHash: string) => {
        lookups.push(tokenHash);
        return school(token);
      }),
    };

    const auth = await authenticateSchool(`Bearer ${token}`, schools);

    expect(auth).toMatchObject({ ok: true, school: { tokenHash: hashToken(token) } });
    expect(lookups).toEqual([hashToken(token)]);
    expectOneComparisonAgainst(hashToken(token));
    checked.push(
      "old-format token: lookup by SHA-256 through the index, then timingSafeEqual of stored and presented hash",
    );
  });

  it("refuses a token whose index entry names a school holding another hash, through the same comparison", async () => {
    const current = legacyToken();
    const stale = legacyToken();
    const auth = await authenticateSchool(`Bearer ${stale}`, {
      getSchool: noSchoolRead(),
      findSchoolByTokenHash: async () => school(current),
    });

    expect(auth).toEqual({ ok: false, reason: "unknown" });
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    checked.push("a stale index entry: refused by the constant-time comparison");
  });

  it("refuses a revoked school's token and a malformed token; a malformed one is never looked up", async () => {
    const token = legacyToken();
    const lookup = vi.fn(async () => school(token, "revoked"));

    expect(
      await authenticateSchool(`Bearer ${token}`, {
        getSchool: noSchoolRead(),
        findSchoolByTokenHash: lookup,
      }),
    ).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(
      await authenticateSchool(`Bearer ${token}x`, {
        getSchool: noSchoolRead(),
        findSchoolByTokenHash: lookup,
      }),
    ).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(lookup).toHaveBeenCalledTimes(1);
    checked.push("revoked: refused; malformed: refused before any lookup");
  });
});

/** timingSafeEqual ran once, over the stored and the presented hash, both `hash`. */
function expectOneComparisonAgainst(hash: string): void {
  expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  const [stored, presented] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
  expect(stored.toString("hex")).toBe(hash);
  expect(presented.toString("hex")).toBe(hash);
}
