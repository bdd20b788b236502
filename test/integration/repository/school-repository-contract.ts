/**
 * The behaviour every SchoolRepository must have for authentication, stated once and run against each
 * implementation: the DynamoDB adapter on dynalite (schools.test.ts here) and the in-memory store of the unit tests
 * (test/unit/fakes/memory-schools.test.ts). Tokens are checked the way the API checks them (authenticateSchool): a
 * token naming its school by the school item alone, a token issued before that through the token index.
 */
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { authenticateSchool } from "../../../shared/api/authenticate.ts";
import { SchoolAlreadyRegistered, SchoolNotFound } from "../../../shared/submissions/errors.ts";
import type { SchoolRepository } from "../../../shared/submissions/repository.ts";
import { generateSchoolToken, hashToken } from "../../../shared/submissions/tokens.ts";
import { aSchool, SCHOOL_ID } from "./records.ts";

export interface SchoolRepositoryUnderTest {
  schools: SchoolRepository;
  /** Writes a token index item as registration and replacement did before tokens named their school. */
  indexLegacyToken(tokenHash: string, schoolId: string, issuedAt: string): Promise<void>;
  hasTokenIndex(tokenHash: string): Promise<boolean>;
}

/** A token in the format issued before tokens named their school. */
export function legacyToken(): string {
  return `sbt_${randomBytes(32).toString("base64url")}`;
}

const UNREGISTERED = "12410000000000000X";
const LATER = "2024-11-10T08:00:00.000Z";

/** Each test gets a fresh, empty repository from `make`. */
export function describeSchoolRepositoryContract(make: () => Promise<SchoolRepositoryUnderTest>): void {
  let it_: SchoolRepositoryUnderTest;
  let schools: SchoolRepository;
  beforeEach(async () => {
    it_ = await make();
    schools = it_.schools;
  });

  const authenticate = async (token: string) => {
    const auth = await authenticateSchool(`Bearer ${token}`, schools);
    return auth.ok ? auth.school : auth.reason;
  };

  async function registered(token = generateSchoolToken(SCHOOL_ID)) {
    const school = aSchool({ tokenHash: hashToken(token) });
    await schools.registerSchool(school);
    return { school, token };
  }

  describe("registering schools", () => {
    it("returns a registered school as it was given, Chinese text included", async () => {
      const { school } = await registered();
      expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual(school);
    });

    it("returns undefined for a school never registered", async () => {
      expect(await schools.getSchool(UNREGISTERED)).toBeUndefined();
    });

    it("refuses a second registration of the same school, keeps the first, and the second's token fails", async () => {
      const { school: first, token } = await registered();
      const secondToken = generateSchoolToken(SCHOOL_ID);
      const second = aSchool({ name: "另一所学院", tokenHash: hashToken(secondToken) });

      await expect(schools.registerSchool(second)).rejects.toThrow(SchoolAlreadyRegistered);
      expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual(first);
      expect(await authenticate(secondToken)).toBe("unknown");
      expect(await authenticate(token)).toStrictEqual(first);
    });

    it("completes a retried registration (same token) instead of refusing it", async () => {
      const { school, token } = await registered();
      await schools.registerSchool(school);
      expect(await authenticate(token)).toStrictEqual(school);
    });

    it("writes no token index: the token names its school", async () => {
      const { school } = await registered();
      expect(await it_.hasTokenIndex(school.tokenHash)).toBe(false);
    });
  });

  describe("tokens that name their school", () => {
    it("authenticate the active school; the same school with another secret, or an unregistered id, does not", async () => {
      const { school, token } = await registered();

      expect(await authenticate(token)).toStrictEqual(school);
      expect(await authenticate(generateSchoolToken(SCHOOL_ID))).toBe("unknown");
      expect(await authenticate(generateSchoolToken(UNREGISTERED))).toBe("unknown");
      // Another school's secret behind this school's id: the hash covers the whole token.
      const other = generateSchoolToken(UNREGISTERED);
      expect(await authenticate(`sbt_${SCHOOL_ID}.${other.split(".")[1]}`)).toBe("unknown");
    });

    it("replacing the token stops the old one at once and starts the new one", async () => {
      const { school, token } = await registered();
      const next = generateSchoolToken(SCHOOL_ID);

      await schools.replaceToken(SCHOOL_ID, hashToken(next), LATER);

      expect(await authenticate(token)).toBe("unknown");
      expect(await authenticate(next)).toStrictEqual({
        ...school,
        tokenHash: hashToken(next),
        tokenIssuedAt: LATER,
      });
      expect(await it_.hasTokenIndex(hashToken(next))).toBe(false);
    });

    it("a retried replacement with the same token keeps that token working", async () => {
      await registered();
      const next = generateSchoolToken(SCHOOL_ID);

      await schools.replaceToken(SCHOOL_ID, hashToken(next), LATER);
      await schools.replaceToken(SCHOOL_ID, hashToken(next), LATER);

      expect(await authenticate(next)).toMatchObject({ schoolId: SCHOOL_ID });
    });

    it("a token replaced twice leaves only the last one working", async () => {
      const { token } = await registered();
      const second = generateSchoolToken(SCHOOL_ID);
      const third = generateSchoolToken(SCHOOL_ID);

      await schools.replaceToken(SCHOOL_ID, hashToken(second), LATER);
      await schools.replaceToken(SCHOOL_ID, hashToken(third), "2024-11-11T08:00:00.000Z");

      expect(await authenticate(token)).toBe("unknown");
      expect(await authenticate(second)).toBe("unknown");
      expect(await authenticate(third)).toMatchObject({ tokenHash: hashToken(third) });
    });

    it("refuses to replace the token of an unknown school, and the new token stays unusable", async () => {
      const next = generateSchoolToken(UNREGISTERED);

      await expect(schools.replaceToken(UNREGISTERED, hashToken(next), LATER)).rejects.toThrow(
        SchoolNotFound,
      );
      expect(await authenticate(next)).toBe("unknown");
      expect(await schools.getSchool(UNREGISTERED)).toBeUndefined();
    });

    it("revoking a school makes its token fail but keeps the school on record", async () => {
      const { school, token } = await registered();

      await schools.revokeSchool(SCHOOL_ID);

      expect(await authenticate(token)).toBe("unknown");
      expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual({ ...school, status: "revoked" });
    });

    it("a revoked school stays locked out after its token is replaced", async () => {
      await registered();
      await schools.revokeSchool(SCHOOL_ID);
      const next = generateSchoolToken(SCHOOL_ID);

      await schools.replaceToken(SCHOOL_ID, hashToken(next), LATER);

      expect(await authenticate(next)).toBe("unknown");
    });

    it("refuses to revoke an unknown school", async () => {
      await expect(schools.revokeSchool(UNREGISTERED)).rejects.toThrow(SchoolNotFound);
    });
  });

  describe("whether the school has saved its form", () => {
    const FIRST = "2024-11-10T03:00:00.000Z";

    it("a registered school has no formSavedAt until its form is saved", async () => {
      await registered();
      expect((await schools.getSchool(SCHOOL_ID))?.formSavedAt).toBeUndefined();
    });

    it("markFormSaved records the first save and keeps it, the rest of the school unchanged", async () => {
      const { school, token } = await registered();

      await schools.markFormSaved(SCHOOL_ID, FIRST);
      await schools.markFormSaved(SCHOOL_ID, LATER);

      expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual({ ...school, formSavedAt: FIRST });
      expect(await authenticate(token)).toMatchObject({ schoolId: SCHOOL_ID, formSavedAt: FIRST });
    });

    it("refuses to mark an unknown school, and creates no school", async () => {
      await expect(schools.markFormSaved(UNREGISTERED, FIRST)).rejects.toThrow(SchoolNotFound);
      expect(await schools.getSchool(UNREGISTERED)).toBeUndefined();
    });
  });

  describe("tokens issued before, with a token index item", () => {
    async function legacyRegistered() {
      const token = legacyToken();
      const { school } = await registered(token);
      await it_.indexLegacyToken(school.tokenHash, SCHOOL_ID, school.tokenIssuedAt);
      return { school, token };
    }

    it("keep working through the index, and a legacy-format token never indexed does not", async () => {
      const { school, token } = await legacyRegistered();

      expect(await authenticate(token)).toStrictEqual(school);
      expect(await schools.findSchoolByTokenHash(school.tokenHash)).toStrictEqual(school);
      expect(await authenticate(legacyToken())).toBe("unknown");
    });

    it("stop at once when replaced by a named token, whose index item is then removed", async () => {
      const { school, token } = await legacyRegistered();
      const next = generateSchoolToken(SCHOOL_ID);

      await schools.replaceToken(SCHOOL_ID, hashToken(next), LATER);

      expect(await authenticate(token)).toBe("unknown");
      expect(await authenticate(next)).toMatchObject({ tokenHash: hashToken(next) });
      expect(await it_.hasTokenIndex(school.tokenHash)).toBe(false);
    });

    it("a stale index item left by a crash after the switch does not authenticate", async () => {
      // A crash between pointing the school at the new hash and deleting the old index: the old index item is
      // written back by hand, exactly as it was before the replacement.
      const { school, token } = await legacyRegistered();
      await schools.replaceToken(SCHOOL_ID, hashToken(generateSchoolToken(SCHOOL_ID)), LATER);
      await it_.indexLegacyToken(school.tokenHash, SCHOOL_ID, school.tokenIssuedAt);

      expect(await schools.findSchoolByTokenHash(school.tokenHash)).toBeUndefined();
      expect(await authenticate(token)).toBe("unknown");
    });

    it("fail once the school is revoked", async () => {
      const { school, token } = await legacyRegistered();

      await schools.revokeSchool(SCHOOL_ID);

      expect(await schools.findSchoolByTokenHash(school.tokenHash)).toBeUndefined();
      expect(await authenticate(token)).toBe("unknown");
    });
  });
}
