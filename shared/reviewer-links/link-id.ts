import { createHash, randomBytes } from "node:crypto";

/**
 * A reviewer link's id: 256 random bits, base64url (43 characters), the only credential its route asks for. Only its
 * SHA-256 is stored, so a copy of the table grants no download; a guess has a 2^-256 chance, so there is nothing to
 * enumerate and no counter of failed guesses to keep (floods are API Gateway's throttling's to bound).
 */
export function generateLinkId(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkId(linkId: string): string {
  return createHash("sha256").update(linkId, "utf8").digest("hex");
}

/** Well-formed ids only: anything else is answered "not found" before any lookup. */
export function looksLikeLinkId(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * How logs, `shenbao links list` and an operator name a link without holding it: the first 12 hex digits of its
 * hash (48 bits: unique among a call's few thousand links, and useless for downloading).
 */
export const LINK_REF_LENGTH = 12;

export function linkRef(linkHash: string): string {
  return linkHash.slice(0, LINK_REF_LENGTH);
}

/** A reference as an operator types it: hex, at least LINK_REF_LENGTH digits (a whole hash will do). */
export function looksLikeLinkRef(value: string): boolean {
  return new RegExp(`^[0-9a-f]{${LINK_REF_LENGTH},64}$`).test(value);
}

/**
 * The link id in what an operator pastes: the id itself, or the whole link from a reviewer's e-mail
 * (`https://…/r/{id}`). Undefined when it holds no well-formed id.
 */
export function linkIdIn(value: string): string | undefined {
  const trimmed = value.trim();
  if (looksLikeLinkId(trimmed)) return trimmed;
  const fromUrl = /\/r\/([A-Za-z0-9_-]{43})\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  return fromUrl;
}
