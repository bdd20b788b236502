import type { FindingCode } from "./codes.ts";

/** "info" is a suggestion: shown with the other findings, never a reason to reject. */
export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Which part of a submission a finding is about. */
export type FindingField =
  | "fileName"
  | "file"
  | "documentType"
  | "submittedAt"
  | "school.name"
  | "school.level"
  | "school.creditCode"
  | "school.email"
  | "school.phone"
  | "school.contactName"
  | "details.servedMajorGroup"
  | "details.partner1"
  | "details.partner2"
  | "details.contactName"
  | "details.contactPhone";

/**
 * One problem with a submission, in the applicant's terms. `message` says what is wrong (expected vs found) and
 * `fix` how to put it right; both are Simplified Chinese from shared/messages.
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  field: FindingField;
  message: string;
  fix: string;
  expected?: string;
  actual?: string;
}

/** Accepted means no finding of severity "error". */
export function isAccepted(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.severity === "error");
}
