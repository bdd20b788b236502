import type { CheckContext } from "../checks/context.ts";
import { normalizeCreditCode } from "../checks/credit-code.ts";
import type { Finding } from "../checks/finding.ts";
import {
  normalizeContactName,
  normalizeEmail,
  normalizePhone,
  normalizeSchoolName,
  parseSchoolLevel,
  type SchoolIdentityInput,
  validateSchoolIdentity,
} from "../checks/school-identity.ts";
import { SchoolNotFound } from "../submissions/errors.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import { generateSchoolToken, hashToken, SchoolIdNotTokenable } from "../submissions/tokens.ts";

export type RegistrationOutcome =
  | { kind: "invalid"; findings: Finding[] }
  /** `token` is shown to the operator once and never stored. */
  | { kind: "registered"; school: SchoolRecord; token: string };

/** Validates a school's identity, stores it in normalised form, and issues its first token. */
export async function registerSchool(
  input: SchoolIdentityInput,
  deps: { ctx: Pick<CheckContext, "call">; schools: Pick<SchoolRepository, "registerSchool">; now: Date },
): Promise<RegistrationOutcome> {
  const findings = validateSchoolIdentity(input, deps.ctx);
  const level = parseSchoolLevel(input.level);
  if (findings.length > 0 || !level) return { kind: "invalid", findings };
  const creditCode = normalizeCreditCode(input.creditCode);
  const token = generateSchoolToken(creditCode);
  const at = deps.now.toISOString();
  const school: SchoolRecord = {
    schoolId: creditCode,
    name: normalizeSchoolName(input.name),
    creditCode,
    level,
    contactName: normalizeContactName(input.contactName),
    email: normalizeEmail(input.email),
    phone: normalizePhone(input.phone),
    tokenHash: hashToken(token),
    tokenIssuedAt: at,
    status: "active",
    createdAt: at,
  };
  await deps.schools.registerSchool(school);
  return { kind: "registered", school, token };
}

/**
 * Issues a new token for a school; the old one stops working at once. An id no token can name (not a credit code's
 * shape) is no registered school's: SchoolNotFound, as for any unknown id, without a call.
 */
export async function reissueToken(
  schoolId: string,
  deps: { schools: Pick<SchoolRepository, "replaceToken">; now: Date },
): Promise<string> {
  let token: string;
  try {
    token = generateSchoolToken(schoolId);
  } catch (error) {
    if (error instanceof SchoolIdNotTokenable) throw new SchoolNotFound(schoolId, { cause: error });
    throw error;
  }
  await deps.schools.replaceToken(schoolId, hashToken(token), deps.now.toISOString());
  return token;
}
