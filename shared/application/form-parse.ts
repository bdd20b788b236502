import type * as z from "zod/mini";
import { fieldLabel, FORM_MESSAGES as M } from "../messages/form.ts";
import { ApplicationForm } from "./form.ts";

/** One field-level problem with a form, in Chinese: which field (path and label) and what is wrong. */
export interface FormFinding {
  /** Dot-separated path into the form, array indices as numbers: "basic.partners.1.creditCode". */
  path: string;
  label: string;
  message: string;
}

export type FormParse = { ok: true; form: ApplicationForm } | { ok: false; findings: FormFinding[] };

/**
 * Parses a form as typed. Every problem of every field is reported at once; a form with any problem yields no
 * form at all, so nothing is ever saved half.
 */
export function parseApplicationForm(input: unknown): FormParse {
  const result = ApplicationForm.safeParse(input ?? {});
  if (result.success) return { ok: true, form: result.data };
  return { ok: false, findings: result.error.issues.flatMap(issueFindings) };
}

function issueFindings(issue: z.core.$ZodIssue): FormFinding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const full = [...path, key];
      return { path: full.join("."), label: key, message: M.unknownField };
    });
  }
  const message = issue.code === "custom" || issue.code === "too_big" ? issue.message : messageFor(issue);
  return [{ path: path.join("."), label: fieldLabel(path), message }];
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value" || issue.code === "invalid_format") return issue.message;
  if (issue.code === "invalid_type") {
    if (issue.expected === "boolean") return M.notYesNo;
    if (issue.expected === "number") return M.notANumber;
  }
  if (issue.code === "invalid_key") {
    // A year-keyed table ("2021") with a key that is not a year: the key's own message says so.
    return issue.issues[0]?.message ?? M.invalid;
  }
  if (issue.code === "invalid_union") {
    // Zod reports a union that matched none of its branches; our unions are "as typed" inputs of one field.
    return M.invalid;
  }
  return M.invalid;
}
