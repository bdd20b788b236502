import { SchoolLevel } from "../call/schema.ts";
import type { CheckContext } from "./context.ts";
import { checkCreditCode } from "./credit-code.ts";
import type { Finding } from "./finding.ts";
import { finding } from "./make-finding.ts";

/**
 * A school's record as entered at registration, checked field by field. Every problem is returned at once; the
 * normalisers give the form to store once the record passes.
 */

export interface SchoolIdentityInput {
  name: string;
  level: string;
  creditCode: string;
  contactName: string;
  email: string;
  phone: string;
}

/** Every space and invisible format character, which pasted text is full of. */
const SPACES = /[\s\p{Cf}]/gu;
const CONTROL = /[\p{Cc}\p{Co}\p{Cn}]/u;

/** A school's full name: no spaces, compatibility forms folded, brackets full-width as in Chinese official names. */
export function normalizeSchoolName(name: string): string {
  return name.normalize("NFKC").replace(SPACES, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

/**
 * Chinese characters, with Latin letters, digits, brackets, the middle dot and hyphens as found in real names
 * ("中国人民解放军陆军工程大学", "北京 BIT 学院"); at least one Chinese character.
 */
const SCHOOL_NAME = /^[\p{Script=Han}A-Za-z0-9（）·-]{2,50}$/u;

export function isValidSchoolName(name: string): boolean {
  if (CONTROL.test(name)) return false;
  const normalized = normalizeSchoolName(name);
  return SCHOOL_NAME.test(normalized) && /\p{Script=Han}/u.test(normalized) && [...normalized].length <= 50;
}

/** A person's name: Chinese names lose the spaces people pad them with ("修  晨"); Latin names keep single ones. */
export function normalizeContactName(name: string): string {
  const trimmed = name
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .trim()
    .replace(/\s+/g, " ");
  return /^[\p{Script=Han}·\s]+$/u.test(trimmed) ? trimmed.replace(/\s/g, "") : trimmed;
}

/** Letters of any script, with the middle dot of transliterated names ("阿卜杜拉·艾则孜"), spaces, hyphens, dots. */
const CONTACT_NAME = /^\p{L}[\p{L}\p{M}·.' -]*$/u;

export function isValidContactName(name: string): boolean {
  if (CONTROL.test(name)) return false;
  const normalized = normalizeContactName(name);
  const length = [...normalized].length;
  return length >= 2 && length <= 30 && CONTACT_NAME.test(normalized);
}

export function normalizeEmail(email: string): string {
  const trimmed = email.normalize("NFKC").replace(SPACES, "");
  const at = trimmed.lastIndexOf("@");
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * A practical address: dot-separated atoms before the "@", a domain of letter-digit-hyphen labels with an
 * alphabetic top-level domain (163.com, qq.com, henan.edu.cn). Internationalised domains are not accepted.
 */
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidEmail(email: string): boolean {
  const normalized = normalizeEmail(email);
  return normalized.length <= 254 && EMAIL.test(normalized);
}

/** Digits with the separators people write: spaces, hyphens, brackets around the area code. */
export function normalizePhone(phone: string): string {
  return phone
    .normalize("NFKC")
    .replace(SPACES, "")
    .replace(/[‐‑–—－]/g, "-");
}

/** Mainland mobile: 1[3-9] and nine digits, optionally after +86 or 0086. */
const MOBILE = /^(?:(?:\+|00)86-?)?1[3-9]\d(?:-?\d{4}){2}$/;
/**
 * Landline: area code 0 plus 2 or 3 digits (dropped to 2 or 3 digits after +86), a local number of 7 or 8 digits not
 * starting with 0 or 1, and an optional extension ("-8001", "转8001", "ext. 8001").
 */
const LANDLINE =
  /^(?:(?:(?:\+|00)86-?(?:\(0?\d{2,3}\)|0?\d{2,3}))|\(0\d{2,3}\)|0\d{2,3})-?[2-9]\d{2,3}-?\d{4}(?:(?:-|转|分机|ext\.?|x|#)\d{1,6})?$/i;

export function isValidPhone(phone: string): boolean {
  const normalized = normalizePhone(phone);
  return MOBILE.test(normalized) || LANDLINE.test(normalized);
}

/** 专科 or 本科, also accepted as written on the notice's forms (高职专科, 高职本科); undefined otherwise. */
export function parseSchoolLevel(level: string): SchoolLevel | undefined {
  const normalized = level.normalize("NFKC").replace(SPACES, "").replace(/^高职/, "").replace(/[()]/g, "");
  const parsed = SchoolLevel.safeParse(normalized);
  return parsed.success ? parsed.data : undefined;
}

/** Validates a school's record at registration. */
export function validateSchoolIdentity(
  input: SchoolIdentityInput,
  ctx: Pick<CheckContext, "call">,
): Finding[] {
  const findings: Finding[] = [];
  if (!isValidSchoolName(input.name)) {
    findings.push(
      ...finding(ctx, "SCHOOL_NAME_INVALID", "school.name", { actual: input.name }, { actual: input.name }),
    );
  }
  if (parseSchoolLevel(input.level) === undefined) {
    findings.push(
      ...finding(
        ctx,
        "SCHOOL_LEVEL_INVALID",
        "school.level",
        { actual: input.level },
        { expected: SchoolLevel.options.join(" | "), actual: input.level },
      ),
    );
  }
  const credit = checkCreditCode(input.creditCode);
  if (!credit.ok && credit.reason === "format") {
    findings.push(
      ...finding(
        ctx,
        "CREDIT_CODE_FORMAT",
        "school.creditCode",
        { actual: input.creditCode },
        { actual: input.creditCode },
      ),
    );
  }
  if (!credit.ok && credit.reason === "check-character") {
    findings.push(
      ...finding(
        ctx,
        "CREDIT_CODE_CHECK_CHARACTER",
        "school.creditCode",
        { actual: credit.code, expectedCharacter: credit.expectedCharacter },
        { expected: credit.expectedCharacter, actual: credit.code.charAt(17) },
      ),
    );
  }
  if (!isValidContactName(input.contactName)) {
    findings.push(
      ...finding(
        ctx,
        "CONTACT_NAME_INVALID",
        "school.contactName",
        { actual: input.contactName },
        { actual: input.contactName },
      ),
    );
  }
  if (!isValidEmail(input.email)) {
    findings.push(
      ...finding(ctx, "EMAIL_INVALID", "school.email", { actual: input.email }, { actual: input.email }),
    );
  }
  if (!isValidPhone(input.phone)) {
    findings.push(
      ...finding(ctx, "PHONE_INVALID", "school.phone", { actual: input.phone }, { actual: input.phone }),
    );
  }
  return findings;
}
