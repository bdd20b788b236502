/**
 * 统一社会信用代码 (unified social credit identifier), GB 32100-2015: 18 characters from a 31-character set, the last
 * being a check character over the first 17.
 */

/** The code's alphabet: digits and capitals without I, O, Z, S, V. A character's value is its index. */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * The layout: registration authority (1) and organisation type (1) from the alphabet, the administrative division
 * of the registering authority (6 digits), the organisation code (9) and the check character (1).
 */
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** As people type and paste it: full-width characters, lower case, spaces and hyphens between groups. */
export function normalizeCreditCode(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\p{Cf}-]/gu, "")
    .toUpperCase();
}

/** The check character for the first 17 characters. Throws a RangeError for input outside the alphabet. */
export function computeCheckCharacter(first17: string): string {
  if (first17.length !== WEIGHTS.length) {
    throw new RangeError(`Expected ${WEIGHTS.length} characters, got ${first17.length}`);
  }
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (value < 0)
      throw new RangeError(`"${first17.charAt(i)}" at position ${i + 1} is not a credit-code character`);
    sum += value * weight;
  });
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

export type CreditCodeCheck =
  | { ok: true; code: string }
  | { ok: false; reason: "format"; code: string }
  | { ok: false; reason: "check-character"; code: string; expectedCharacter: string };

/** Checks a credit code as typed; `code` is its normalised form. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normalizeCreditCode(input);
  if (!FORMAT.test(code)) return { ok: false, reason: "format", code };
  const expectedCharacter = computeCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expectedCharacter)
    return { ok: false, reason: "check-character", code, expectedCharacter };
  return { ok: true, code };
}
