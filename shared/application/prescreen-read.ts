import type { ApplicationPointer } from "../submissions/records.ts";
import type { PrescreenEvidence } from "./evidence-text.ts";
import type { ApplicationFormStore, PrescreenBasis, StoredForm } from "./form-store.ts";
import { computePrescreen, EVIDENCE_DOCUMENT_TYPE, type PrescreenDeps } from "./prescreen-school.ts";

/**
 * Whether a stored pre-screen still judges what is current: `fresh`; `fresh-unless-text-kept` when it judged the
 * current evidence before its page texts were kept (only the text store can say whether they are now); `stale` when
 * the form, the current evidence or the call differ from what it judged, or it does not say what it judged (stored
 * before that was kept). Pure.
 */
export type PrescreenFreshness = "fresh" | "fresh-unless-text-kept" | "stale";

export function prescreenFreshness(
  stored: StoredForm,
  pointer: Pick<ApplicationPointer, "currentSubmissionId"> | undefined,
  callId: string,
): PrescreenFreshness {
  const basis = stored.prescreenBasis;
  if (!stored.prescreen || !basis || stored.prescreen.callId !== callId) return "stale";
  if (basis.formUpdatedAt !== stored.updatedAt) return "stale";
  if (basis.evidenceSubmissionId !== (pointer?.currentSubmissionId ?? null)) return "stale";
  if (basis.evidenceSubmissionId !== null && !basis.evidenceText) return "fresh-unless-text-kept";
  return "fresh";
}

/** The school's current accepted 佐证材料 as the form's page shows it (its page references point into it). */
export interface EvidenceSummary {
  submissionId: string;
  pageCount: number;
}

/** A school's form with a pre-screen that judges its current evidence, and that evidence as the page shows it. */
export interface CurrentPrescreen {
  stored: StoredForm | undefined;
  evidence: EvidenceSummary | undefined;
}

export type ReadPrescreenDeps = PrescreenDeps & {
  forms: Pick<ApplicationFormStore, "getFormAndApplication" | "savePrescreen">;
  now: () => Date;
};

/**
 * The one way to read a school's stored pre-screen (the school's page, `application show`, `submissions show`, the
 * export's outdated rows). Processing skips the pre-screen of a 佐证材料 whose school had no form when the link was
 * issued, so a form saved since holds a pre-screen computed without that evidence (or without its text): the
 * stored pre-screen says what it judged, and this reads the form and the evidence pointer in one strongly consistent
 * request and compares. When it still stands, that one request is all (the text store is asked only when the
 * evidence's text was missing then); otherwise the pre-screen is recomputed, recorded onto that form
 * (`savePrescreen`, conditional on the form being the one judged) and answered.
 */
export async function readPrescreen(schoolId: string, deps: ReadPrescreenDeps): Promise<CurrentPrescreen> {
  const { stored, application } = await deps.forms.getFormAndApplication(schoolId, EVIDENCE_DOCUMENT_TYPE);
  if (!stored || !deps.ctx.call.eligibility) {
    return { stored, evidence: await evidenceSummary(schoolId, application, deps) };
  }
  const freshness = prescreenFreshness(stored, application, deps.ctx.call.id);
  let text: PrescreenEvidence | undefined;
  if (freshness === "fresh-unless-text-kept") {
    const judged = stored.prescreenBasis?.evidenceSubmissionId ?? "";
    text = await deps.evidenceText.readEvidenceText(schoolId, judged);
  }
  if (freshness === "fresh" || (freshness === "fresh-unless-text-kept" && !text)) {
    return { stored, evidence: summaryOfBasis(stored.prescreenBasis) };
  }
  const computed = await computePrescreen(schoolId, stored.form, stored.updatedAt, {
    ctx: deps.ctx,
    submissions: {
      // The pointer just read; the submission it names is read once more only for its verdict.
      getApplication: async (school, documentType) =>
        school === schoolId && documentType === EVIDENCE_DOCUMENT_TYPE
          ? application
          : deps.submissions.getApplication(school, documentType),
      getSubmission: (school, id) => deps.submissions.getSubmission(school, id),
    },
    evidenceText: {
      readEvidenceText: async (school, id) =>
        text && school === schoolId && id === stored.prescreenBasis?.evidenceSubmissionId
          ? text
          : deps.evidenceText.readEvidenceText(school, id),
    },
  });
  if (!computed) return { stored, evidence: await evidenceSummary(schoolId, application, deps) };
  const at = deps.now().toISOString();
  await deps.forms.savePrescreen(schoolId, computed.prescreen, at, computed.basis);
  return {
    stored: { ...stored, prescreen: computed.prescreen, prescreenAt: at, prescreenBasis: computed.basis },
    evidence: summaryOfBasis(computed.basis),
  };
}

function summaryOfBasis(basis: PrescreenBasis | undefined): EvidenceSummary | undefined {
  return basis?.evidenceSubmissionId && basis.evidencePageCount != null
    ? { submissionId: basis.evidenceSubmissionId, pageCount: basis.evidencePageCount }
    : undefined;
}

/** The current accepted evidence's id and page count, from its submission's verdict (no text read). */
async function evidenceSummary(
  schoolId: string,
  pointer: ApplicationPointer | undefined,
  deps: Pick<PrescreenDeps, "submissions">,
): Promise<EvidenceSummary | undefined> {
  if (!pointer) return undefined;
  const submission = await deps.submissions.getSubmission(schoolId, pointer.currentSubmissionId);
  const pageCount = submission?.verdict?.pageCount;
  if (submission?.state !== "ACCEPTED" || pageCount == null) return undefined;
  return { submissionId: submission.submissionId, pageCount };
}
