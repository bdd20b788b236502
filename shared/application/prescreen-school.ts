import type { CheckContext } from "../checks/context.ts";
import { prescreen } from "../prescreen/prescreen.ts";
import type { EvidenceFacts, PrescreenResult } from "../prescreen/types.ts";
import type { SubmissionRepository } from "../submissions/repository.ts";
import type { EvidenceTextStore } from "./evidence-text.ts";
import type { ApplicationForm } from "./form.ts";
import type { ApplicationFormStore, StoredForm } from "./form-store.ts";

/** The document type whose accepted file is the 佐证材料 the form's page references point into. */
export const EVIDENCE_DOCUMENT_TYPE = "evidence";

export interface PrescreenDeps {
  ctx: CheckContext;
  submissions: Pick<SubmissionRepository, "getApplication" | "getSubmission">;
  evidenceText: Pick<EvidenceTextStore, "readEvidenceText">;
}

/** The school's current accepted 佐证材料, as the pre-screen sees it. */
export interface CurrentEvidence {
  submissionId: string;
  facts: EvidenceFacts;
}

/**
 * The school's current accepted evidence: its page count from the submission's verdict and, when the sidecar is
 * there, its page texts. Undefined when no evidence is accepted (or its page count is unknown).
 */
export async function currentEvidence(
  schoolId: string,
  deps: PrescreenDeps,
): Promise<CurrentEvidence | undefined> {
  const pointer = await deps.submissions.getApplication(schoolId, EVIDENCE_DOCUMENT_TYPE);
  if (!pointer) return undefined;
  const submission = await deps.submissions.getSubmission(schoolId, pointer.currentSubmissionId);
  const pageCount = submission?.verdict?.pageCount;
  if (submission?.state !== "ACCEPTED" || pageCount == null) return undefined;
  const text = await deps.evidenceText.readEvidenceText(schoolId, submission.submissionId);
  return {
    submissionId: submission.submissionId,
    facts: text ? { pageCount, pages: text.pages.slice(0, pageCount) } : { pageCount },
  };
}

/** The pre-screen of a form against the school's current evidence; undefined when the call has no conditions. */
export async function computePrescreen(
  schoolId: string,
  form: ApplicationForm,
  deps: PrescreenDeps,
): Promise<PrescreenResult | undefined> {
  if (!deps.ctx.call.eligibility) return undefined;
  const evidence = await currentEvidence(schoolId, deps);
  return prescreen(deps.ctx.call, form, deps.ctx.catalog, evidence?.facts);
}

/**
 * Recomputes and records the school's pre-screen from its stored form and its current accepted evidence (after a
 * new evidence file is accepted, or on an operator's request). Nothing to do for a school with no form yet.
 */
export async function prescreenSchool(
  schoolId: string,
  deps: PrescreenDeps & { forms: Pick<ApplicationFormStore, "getForm" | "savePrescreen">; now: Date },
): Promise<{ stored: StoredForm | undefined; prescreen: PrescreenResult | undefined }> {
  const stored = await deps.forms.getForm(schoolId);
  if (!stored) return { stored: undefined, prescreen: undefined };
  const result = await computePrescreen(schoolId, stored.form, deps);
  if (!result) return { stored, prescreen: undefined };
  const at = deps.now.toISOString();
  await deps.forms.savePrescreen(schoolId, result, at);
  return { stored: { ...stored, prescreen: result, prescreenAt: at }, prescreen: result };
}
