import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import { hashesEqual, hashToken, looksLikeToken } from "../submissions/tokens.ts";

export type Authentication =
  | { ok: true; school: SchoolRecord }
  | { ok: false; reason: "missing" | "malformed" | "unknown" };

/**
 * Finds the school a bearer token belongs to. The token is looked up by its SHA-256, never stored or logged in
 * clear; the final comparison is constant-time so that nothing about a near-miss leaks through timing.
 */
export async function authenticateSchool(
  authorization: string | undefined,
  schools: Pick<SchoolRepository, "findSchoolByTokenHash">,
): Promise<Authentication> {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (!token || !looksLikeToken(token)) return { ok: false, reason: "malformed" };
  const tokenHash = hashToken(token);
  const school = await schools.findSchoolByTokenHash(tokenHash);
  if (school?.status !== "active" || !hashesEqual(school.tokenHash, tokenHash)) {
    return { ok: false, reason: "unknown" };
  }
  return { ok: true, school };
}
