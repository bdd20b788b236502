import type { CheckContext } from "../checks/context.ts";
import { prescreen } from "../prescreen/prescreen.ts";
import type { EvidenceFacts, PrescreenResult } from "../prescreen/types.ts";
import type { SubmissionRepository } from "../submissions/repository.ts";
import type { EvidenceTextStore } from "./evidence-text.ts";
import type { ApplicationForm } from "./form.ts";
import type { ApplicationFormStore, PrescreenBasis, StoredForm } from "./form-store.ts";

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

/** What a pre-screen judged: the form saved at `formUpdatedAt` and the evidence as `currentEvidence` found it. */
export function prescreenBasisOf(
  formUpdatedAt: string,
  evidence: CurrentEvidence | undefined,
): PrescreenBasis {
  return {
    formUpdatedAt,
    evidenceSubmissionId: evidence?.submissionId ?? null,
    ...(evidence ? { evidencePageCount: evidence.facts.pageCount } : {}),
    evidenceText: evidence?.facts.pages !== undefined,
  };
}

/** A pre-screen with what it judged. */
export interface ComputedPrescreen {
  prescreen: PrescreenResult;
  basis: PrescreenBasis;
  evidence: CurrentEvidence | undefined;
}

/**
 * The pre-screen of a form (saved at `formUpdatedAt`) against the school's current evidence, with its basis;
 * undefined when the call has no conditions.
 */
export async function computePrescreen(
  schoolId: string,
  form: ApplicationForm,
  formUpdatedAt: string,
  deps: PrescreenDeps,
): Promise<ComputedPrescreen | undefined> {
  if (!deps.ctx.call.eligibility) return undefined;
  const evidence = await currentEvidence(schoolId, deps);
  return {
    prescreen: prescreen(deps.ctx.call, form, deps.ctx.catalog, evidence?.facts),
    basis: prescreenBasisOf(formUpdatedAt, evidence),
    evidence,
  };
}

/**
 * Recomputes and records the school's pre-screen from its stored form and its current accepted evidence (after a
 * new evidence file is accepted, or when a reader finds the stored one outdated), with what it judged; recorded only
 * onto that very form. Nothing to do for a school with no form yet.
 */
export async function prescreenSchool(
  schoolId: string,
  deps: PrescreenDeps & { forms: Pick<ApplicationFormStore, "getForm" | "savePrescreen">; now: Date },
): Promise<{ stored: StoredForm | undefined; prescreen: PrescreenResult | undefined }> {
  const stored = await deps.forms.getForm(schoolId);
  if (!stored) return { stored: undefined, prescreen: undefined };
  const computed = await computePrescreen(schoolId, stored.form, stored.updatedAt, deps);
  if (!computed) return { stored, prescreen: undefined };
  const at = deps.now.toISOString();
  await deps.forms.savePrescreen(schoolId, computed.prescreen, at, computed.basis);
  return {
    stored: { ...stored, prescreen: computed.prescreen, prescreenAt: at, prescreenBasis: computed.basis },
    prescreen: computed.prescreen,
  };
}
