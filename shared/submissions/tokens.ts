import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_PREFIX = "sbt_";

/** A school's bearer token: 256 random bits. Only its hash is ever stored. */
export function generateSchoolToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Well-formed tokens only: anything else is refused before any lookup. */
export function looksLikeToken(value: string): boolean {
  return /^sbt_[A-Za-z0-9_-]{43}$/.test(value);
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
