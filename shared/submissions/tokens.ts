import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_PREFIX = "sbt_";

/**
 * A school id as a token may name it: a 统一社会信用代码's shape (18 characters of digits and capitals without I, O,
 * Z, S, V; shared/checks/credit-code.ts). Registration stores only validated credit codes as ids, so every school
 * has one of these; `.` is outside the alphabet and outside base64url, so it separates id and secret unambiguously.
 */
const SCHOOL_ID_IN_TOKEN = "[0-9A-HJ-NPQRTUWXY]{18}";
const SECRET = "[A-Za-z0-9_-]{43}";
const NAMED_TOKEN = new RegExp(`^sbt_(${SCHOOL_ID_IN_TOKEN})\\.${SECRET}$`);
/** Tokens issued before tokens named their school: looked up through the token index. */
const INDEXED_TOKEN = new RegExp(`^sbt_${SECRET}$`);

/** The school id cannot be written into a token (never a registered school's: their ids are credit codes). */
export class SchoolIdNotTokenable extends Error {
  constructor(readonly schoolId: string) {
    super(`school id ${JSON.stringify(schoolId)} cannot be named in a token`);
    this.name = "SchoolIdNotTokenable";
  }
}

/**
 * A school's bearer token, `sbt_{schoolId}.{secret}`: 256 random bits after the school's id, so that authentication
 * reads the school item directly. The id is not secret; only the whole token's hash is ever stored.
 */
export function generateSchoolToken(schoolId: string): string {
  if (!new RegExp(`^${SCHOOL_ID_IN_TOKEN}$`).test(schoolId)) throw new SchoolIdNotTokenable(schoolId);
  return `${TOKEN_PREFIX}${schoolId}.${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** How a well-formed token is looked up: by the school it names, or (issued before that) through the index. */
export type TokenShape = { kind: "named"; schoolId: string } | { kind: "indexed" };

/** Well-formed tokens only: anything else (undefined) is refused before any lookup. */
export function parseToken(value: string): TokenShape | undefined {
  const named = NAMED_TOKEN.exec(value);
  if (named?.[1]) return { kind: "named", schoolId: named[1] };
  return INDEXED_TOKEN.test(value) ? { kind: "indexed" } : undefined;
}

export function looksLikeToken(value: string): boolean {
  return parseToken(value) !== undefined;
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
