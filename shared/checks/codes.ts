import type { Severity } from "./finding.ts";

/**
 * Every finding code, with the severity it has unless the call says otherwise (CallDefinition.rules).
 * Codes are stable: clients, receipts and tests key on them.
 */
export const DEFAULT_SEVERITY = {
  // The file's name
  NAME_NOT_PDF_EXTENSION: "error",
  NAME_TEMPLATE_MISMATCH: "error",
  NAME_NOT_CANONICAL: "warning",
  NAME_SCHOOL_MISMATCH: "error",
  MAJOR_NOT_IN_CATALOG: "error",
  MAJOR_WRONG_LEVEL: "error",
  // The submission's context
  DOCUMENT_TYPE_UNKNOWN: "error",
  DEADLINE_PASSED: "error",
  // The file's bytes
  FILE_EMPTY: "error",
  FILE_MISSING: "error",
  FILE_TOO_LARGE: "error",
  FILE_NOT_PDF: "error",
  PDF_DAMAGED: "error",
  PDF_PASSWORD_PROTECTED: "error",
  PDF_RESTRICTED: "error",
  PDF_TOO_MANY_PAGES: "error",
  PDF_PAGE_COUNT_INCONSISTENT: "error",
  PDF_PAGE_NOT_A4: "warning",
  PDF_NO_BOOKMARKS: "warning",
  PDF_ACTIVE_CONTENT: "error",
  PDF_TOO_COMPLEX: "error",
  // The file's document properties (metadata)
  PDF_METADATA_OTHER_SCHOOL: "warning",
  PDF_TITLE_GENERIC: "info",
  PDF_DATES_INCONSISTENT: "warning",
  // What a 申报书 (附件1) or 建设方案 (附件2) says and how it is typeset, read from its text layer
  TEXT_LAYER_MISSING: "warning",
  BODY_FONT_NOT_FANGSONG: "warning",
  BODY_SIZE_NOT_XIAOSI: "warning",
  BODY_LEADING_NOT_16PT: "warning",
  COVER_FIELD_MISSING: "warning",
  COVER_SCHOOL_MISMATCH: "error",
  COVER_MAJOR_MISMATCH: "error",
  COVER_LEVEL_MISMATCH: "warning",
  COVER_MAJOR_NOT_IN_CATALOG: "error",
  COVER_CATEGORY_MISMATCH: "error",
  COVER_CLASS_MISMATCH: "error",
  DECLARATION_MISSING: "warning",
  PLAN_HEADING_MISSING: "warning",
  PLAN_HEADINGS_OUT_OF_ORDER: "warning",
  // The school's identity (registration)
  SCHOOL_NAME_INVALID: "error",
  SCHOOL_LEVEL_INVALID: "error",
  CREDIT_CODE_FORMAT: "error",
  CREDIT_CODE_CHECK_CHARACTER: "error",
  CONTACT_NAME_INVALID: "error",
  EMAIL_INVALID: "error",
  PHONE_INVALID: "error",
  // The application's details for the summary table (附件3)
  DETAILS_FIELD_MISSING: "error",
  DETAILS_FIELD_TOO_LONG: "error",
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof DEFAULT_SEVERITY;

export const FINDING_CODES = Object.keys(DEFAULT_SEVERITY) as FindingCode[];
