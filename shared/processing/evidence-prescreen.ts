/**
 * What accepting a 佐证材料 adds to processing an upload: its per-page text kept beside it for the pre-screen, and the
 * school's pre-screen recomputed against it. Both come after the receipt and the reviewers' notices, both are
 * idempotent and both throw on a transient failure, so the queue redelivers the message:
 *
 * - the text is read and kept after the receipt (keep-evidence-text.ts): a redelivery finds the upload decided and
 *   its mail marked sent, sends nothing again, and keeps the text if it is not kept yet.
 * - the pre-screen is recomputed after the text is kept (prescreenOnEvidence), against that text: a redelivery after
 *   its failure sends nothing again and only recomputes.
 *
 * A school that had no form when its link was issued (the snapshot's `hasForm` is false) has no pre-screen to
 * recompute, and costs no call here. If it saved its form since, the pre-screen stored with the form was computed
 * without this evidence (or its text); it records what it judged, so its readers find it outdated and recompute it
 * (shared/application/prescreen-read.ts).
 */
import type { EvidenceTextStore, PrescreenEvidence } from "../application/evidence-text.ts";
import type { ApplicationFormStore } from "../application/form-store.ts";
import { EVIDENCE_DOCUMENT_TYPE, prescreenSchool } from "../application/prescreen-school.ts";
import type { CheckContext } from "../checks/context.ts";
import type { PdfFacts } from "../pdf/facts.ts";
import type { SubmissionRecord } from "../submissions/records.ts";
import type { SubmissionRepository } from "../submissions/repository.ts";
import type { Log } from "./ports.ts";

/** The stores the pre-screen needs; process-upload does without them only in tests that predate the pre-screen. */
export interface EvidencePrescreenDeps {
  forms: ApplicationFormStore;
  evidenceText: EvidenceTextStore;
}

/**
 * The inspected evidence's pages as the pre-screen reads them: the text of each page the text layer examined, a page
 * without text as scanned. Pages past the text layer's limits are left out (their text is unknown, not scanned).
 * Undefined when the text layer was not read.
 */
export function evidenceTextOf(facts: PdfFacts): PrescreenEvidence | undefined {
  const layer = facts.textLayer;
  if (!layer) return undefined;
  const withoutText = new Set(layer.pagesWithoutText);
  return {
    pageCount: facts.pageCount,
    pages: layer.pageTexts
      .slice(0, facts.pageCount)
      .map((text, index) =>
        withoutText.has(index + 1) ? { kind: "scanned" as const } : { kind: "text" as const, text },
      ),
  };
}

/**
 * Recomputes and records the school's pre-screen after an evidence file is accepted (also on a redelivery of an
 * accepted one, whose earlier recomputation may have failed). Nothing for another document type or a refused file,
 * and nothing to read when the call sets no conditions (the pre-screen would be empty). What the delivery holds (the
 * decided submission, the text it kept) is not read back. The form and the evidence's application pointer are read
 * in one request, the pointer fresh, so that a later evidence file placed meanwhile is the one judged, as before. A
 * school whose snapshot says it had no form costs nothing; a snapshot written before it said so costs that one read.
 */
export async function prescreenOnEvidence(
  submission: SubmissionRecord,
  deps: {
    ctx: CheckContext;
    submissions: Pick<SubmissionRepository, "getApplication" | "getSubmission">;
    prescreen?: EvidencePrescreenDeps;
    clock: () => Date;
    log: Log;
  },
  held: { text?: PrescreenEvidence } = {},
): Promise<void> {
  if (!deps.prescreen || submission.documentType !== EVIDENCE_DOCUMENT_TYPE) return;
  if (submission.state !== "ACCEPTED" || !deps.ctx.call.eligibility) return;
  const { schoolId, submissionId } = submission;
  if (submission.school?.hasForm === false) {
    deps.log.info("pre-screen skipped: no form when the link was issued", { submissionId });
    return;
  }
  const { evidenceText, forms } = deps.prescreen;
  const read = await forms.getFormAndApplication(schoolId, EVIDENCE_DOCUMENT_TYPE);
  const { prescreen } = await prescreenSchool(schoolId, {
    ctx: deps.ctx,
    submissions: {
      getApplication: async (school, documentType) =>
        school === schoolId && documentType === EVIDENCE_DOCUMENT_TYPE
          ? read.application
          : deps.submissions.getApplication(school, documentType),
      getSubmission: async (school, id) =>
        school === schoolId && id === submissionId ? submission : deps.submissions.getSubmission(school, id),
    },
    evidenceText: {
      readEvidenceText: async (school, id) =>
        held.text && school === schoolId && id === submissionId
          ? held.text
          : evidenceText.readEvidenceText(school, id),
    },
    forms: {
      getForm: async (school) => (school === schoolId ? read.stored : forms.getForm(school)),
      savePrescreen: (school, result, at, basis) => forms.savePrescreen(school, result, at, basis),
    },
    now: deps.clock(),
  });
  deps.log.info("pre-screen recomputed after evidence accepted", {
    submissionId,
    recomputed: prescreen !== undefined,
    summary: prescreen?.overall.summary,
  });
}
