import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A reviewer link's id issued before links lived on their submission: 256 random bits, base64url (43 characters), the only credential its route asks for. Only its
 * SHA-256 is stored, so a copy of the table grants no download; a guess has a 2^-256 chance, so there is nothing to
 * enumerate and no counter of failed guesses to keep (floods are API Gateway's throttling's to bound).
 */
export function generateLinkId(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkId(linkId: string): string {
  return createHash("sha256").update(linkId, "utf8").digest("hex");
}

/**
 * The school id and the submission id as a link names them: a 统一社会信用代码's shape (as in a token,
 * shared/submissions/tokens.ts) and a ULID's. `.` is in neither alphabet nor in base64url, so the parts split
 * unambiguously, and no part can hold a key's `#`.
 */
const SCHOOL_ID_IN_LINK = "[0-9A-HJ-NPQRTUWXY]{18}";
const SUBMISSION_ID_IN_LINK = "[0-9A-HJKMNP-TV-Z]{26}";
const SECRET = "[A-Za-z0-9_-]{43}";
const ITEM_LINK_ID = new RegExp(`^${SECRET}$`);
const SUBMISSION_LINK_ID = new RegExp(`^(${SCHOOL_ID_IN_LINK})\\.(${SUBMISSION_ID_IN_LINK})\\.${SECRET}$`);

/** The ids cannot be written into a link (never an accepted submission's: their ids have these shapes). */
export class SubmissionNotLinkable extends Error {
  constructor(schoolId: string, submissionId: string) {
    super(`submission ${JSON.stringify(`${schoolId}/${submissionId}`)} cannot be named in a link`);
    this.name = "SubmissionNotLinkable";
  }
}

/**
 * A reviewer link's id, `{schoolId}.{submissionId}.{secret}`: the submission it downloads, so that the route reads
 * the submission item (where the link is kept) with one GetItem, and 256 random bits. Only the SHA-256 of the whole
 * id is stored, so the same secret under another submission is another link.
 */
export function generateSubmissionLinkId(schoolId: string, submissionId: string): string {
  const named = `${schoolId}.${submissionId}`;
  if (!new RegExp(`^${SCHOOL_ID_IN_LINK}\\.${SUBMISSION_ID_IN_LINK}$`).test(named)) {
    throw new SubmissionNotLinkable(schoolId, submissionId);
  }
  return `${named}.${randomBytes(32).toString("base64url")}`;
}

/** Where a well-formed link id is kept: its own item (issued before), or the submission it names. */
export type LinkIdShape = { kind: "item" } | { kind: "submission"; schoolId: string; submissionId: string };

/** Well-formed ids only: anything else (undefined) is answered "not found" before any lookup. */
export function parseLinkId(value: string): LinkIdShape | undefined {
  if (ITEM_LINK_ID.test(value)) return { kind: "item" };
  const named = SUBMISSION_LINK_ID.exec(value);
  if (named?.[1] && named[2]) return { kind: "submission", schoolId: named[1], submissionId: named[2] };
  return undefined;
}

export function looksLikeLinkId(value: string): boolean {
  return parseLinkId(value) !== undefined;
}

/** Compares two hex hashes in constant time. */
export function linkHashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
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
  const fromUrl = /\/r\/([A-Za-z0-9_.-]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  return fromUrl && looksLikeLinkId(fromUrl) ? fromUrl : undefined;
}
