import { randomBytes } from "node:crypto";

// Crockford's base32: no I, L, O or U, so ids read aloud and typed from a receipt survive.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 48 bits of milliseconds then 80 random bits, 26 characters, sortable by creation time. */
export function newSubmissionId(now: Date = new Date()): string {
  let time = now.getTime();
  let timePart = "";
  for (let i = 0; i < 10; i += 1) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const random = randomBytes(16);
  let randomPart = "";
  for (let i = 0; i < 16; i += 1) randomPart += ALPHABET[(random[i] ?? 0) % 32];
  return timePart + randomPart;
}

export const SUBMISSION_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function isSubmissionId(value: string): boolean {
  return SUBMISSION_ID_PATTERN.test(value);
}

/**
 * The receipt number a school cites: the Beijing date of the upload and the submission id's random tail,
 * e.g. "SB20241115-7K3M9Q2XWD". Derived, not counted, so recording it twice yields the same number.
 */
export function receiptNumber(submissionId: string, uploadedAt: Date): string {
  const beijing = new Date(uploadedAt.getTime() + 8 * 3600_000);
  const date = beijing.toISOString().slice(0, 10).replaceAll("-", "");
  return `SB${date}-${submissionId.slice(-10)}`;
}
