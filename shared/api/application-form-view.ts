import type { ApplicationForm } from "../application/form.ts";
import type { FormFinding } from "../application/form-parse.ts";
import type { EvidenceSummary } from "../application/prescreen-read.ts";
import type { PrescreenResult } from "../prescreen/types.ts";

/**
 * GET /api/me/application-form: the stored draft (null before the first save), its pre-screen, what a finished
 * form still lacks (field paths), until when it may be changed, the accepted evidence it cites, and what a first
 * visit starts from besides the registered school (GET /api/me): its registered telephone.
 */
export function applicationFormView(input: {
  form: ApplicationForm | undefined;
  school: { phone: string };
  prescreen: PrescreenResult | undefined;
  missing: FormFinding[];
  deadline: Date;
  evidence: EvidenceSummary | undefined;
}) {
  return {
    form: input.form ?? null,
    prescreen: input.prescreen ?? null,
    missing: input.missing.map((f) => f.path),
    editableUntil: input.deadline.toISOString(),
    evidence: input.evidence ?? null,
    defaults: { contactPhone: input.school.phone },
  };
}

/** PUT /api/me/application-form's 200: the form as stored (normalised), its pre-screen and what it still lacks. */
export function savedApplicationFormView(input: {
  form: ApplicationForm;
  prescreen: PrescreenResult | undefined;
  missing: FormFinding[];
}) {
  return {
    form: input.form,
    prescreen: input.prescreen ?? null,
    missing: input.missing.map((f) => f.path),
    findings: [] as FormFinding[],
  };
}

export type ApplicationFormView = ReturnType<typeof applicationFormView>;
export type SavedApplicationFormView = ReturnType<typeof savedApplicationFormView>;
/** PUT's 422: `{ error: { code: "CHECKS_FAILED", message, findings } }`, findings field by field in Chinese. */
export type ApplicationFormRefusal = {
  error: { code: "CHECKS_FAILED"; message: string; findings: FormFinding[] };
};
