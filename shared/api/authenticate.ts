import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import { hashesEqual, hashToken, parseToken } from "../submissions/tokens.ts";

export type Authentication =
  | { ok: true; school: SchoolRecord }
  | { ok: false; reason: "missing" | "malformed" | "unknown" };

/** What authentication reads: the school item, and the token index for tokens issued before tokens named schools. */
export type TokenLookup = Pick<SchoolRepository, "findSchoolByTokenHash" | "getSchool">;

/** Compared against when the named school does not exist, so that a missing school takes the same path. */
const NO_HASH = "0".repeat(64);

/**
 * Finds the school a bearer token belongs to. The token is never stored or logged in clear, only its SHA-256; the
 * final comparison is constant-time so that nothing about a near-miss leaks through timing.
 *
 * A token that names its school (`sbt_{schoolId}.{secret}`) costs one strongly consistent read of that school's
 * item, the authority on its current hash and status. An unknown school, a wrong secret and a revoked school all
 * end in the same comparison and the same "unknown": the id in the token is not secret, and the answer does not
 * tell whether it names a school. A token issued before tokens named their school goes through the token index.
 */
export async function authenticateSchool(
  authorization: string | undefined,
  schools: TokenLookup,
): Promise<Authentication> {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  const shape = token ? parseToken(token) : undefined;
  if (!token || !shape) return { ok: false, reason: "malformed" };
  const tokenHash = hashToken(token);
  const school =
    shape.kind === "named"
      ? await schools.getSchool(shape.schoolId)
      : await schools.findSchoolByTokenHash(tokenHash);
  const matches = hashesEqual(school?.tokenHash ?? NO_HASH, tokenHash);
  if (!school || !matches || school.status !== "active") return { ok: false, reason: "unknown" };
  return { ok: true, school };
}
