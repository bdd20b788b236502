/**
 * A validation issue of a request body, in Chinese from shared/messages/api.ts: what `error.issues[].message`
 * carries beside the Chinese INVALID_REQUEST message. The shape is zod 4's issue, read structurally.
 */
import { API_ISSUE_TEXT } from "../messages/api.ts";

export interface ValidationIssue {
  code: string;
  message: string;
  expected?: unknown;
  input?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  values?: unknown;
  keys?: unknown;
}

const CJK = /[\u3400-\u9fff]/;

export function issueText(issue: ValidationIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return API_ISSUE_TEXT.required;
      return API_ISSUE_TEXT.type(String(issue.expected));
    case "too_small": {
      const minimum = String(issue.minimum);
      if (issue.origin === "string") return API_ISSUE_TEXT.tooShort(minimum);
      if (issue.origin === "array" || issue.origin === "set") return API_ISSUE_TEXT.tooFewItems(minimum);
      return API_ISSUE_TEXT.tooSmall(minimum, issue.inclusive !== false);
    }
    case "too_big": {
      const maximum = String(issue.maximum);
      if (issue.origin === "string") return API_ISSUE_TEXT.tooLong(maximum);
      if (issue.origin === "array" || issue.origin === "set") return API_ISSUE_TEXT.tooManyItems(maximum);
      return API_ISSUE_TEXT.tooBig(maximum, issue.inclusive !== false);
    }
    case "not_multiple_of":
      return API_ISSUE_TEXT.notInteger;
    case "invalid_format":
      return API_ISSUE_TEXT.format;
    case "invalid_value":
      return API_ISSUE_TEXT.value(Array.isArray(issue.values) ? issue.values.map(String).join("、") : "");
    case "unrecognized_keys":
      return API_ISSUE_TEXT.unknownKeys(Array.isArray(issue.keys) ? issue.keys.join("、") : "");
    case "custom":
      // A refinement's own message, when the schema wrote it in Chinese (FILE_NAME_ISSUE_TEXT).
      return CJK.test(issue.message) ? issue.message : API_ISSUE_TEXT.invalid;
    default:
      return API_ISSUE_TEXT.invalid;
  }
}
