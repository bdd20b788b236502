/**
 * What accepting a 佐证材料 adds to processing an upload: its per-page text kept beside it for the pre-screen, and the
 * school's pre-screen recomputed against it. Both are idempotent and both throw on a transient failure, so the queue
 * redelivers the message:
 *
 * - the text is written before the verdict is recorded (keepEvidenceText, called from `decide`): if the write fails,
 *   the submission stays claimed and undecided, no receipt has gone out, and the redelivery examines the file again
 *   and writes the same object under the same key. A receipt is never sent for an evidence file whose text is not
 *   kept, and never twice.
 * - the pre-screen is recomputed once the decision's side effects are done (prescreenOnEvidence): the receipt is
 *   already marked sent when it runs, so a redelivery after its failure sends nothing again and only recomputes.
 */
import type { EvidenceTextStore, PrescreenEvidence } from "../application/evidence-text.ts";
import type { ApplicationFormStore } from "../application/form-store.ts";
import { EVIDENCE_DOCUMENT_TYPE, prescreenSchool } from "../application/prescreen-school.ts";
import type { CheckContext } from "../checks/context.ts";
import type { Examination } from "../examination/examine.ts";
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
 * Keeps an accepted evidence file's per-page text (nothing for another document type or a refused file), and returns
 * what it kept, so that the pre-screen of the same delivery need not read it back.
 */
export async function keepEvidenceText(
  submission: Pick<SubmissionRecord, "schoolId" | "submissionId" | "documentType">,
  examination: Pick<Examination, "verdict" | "facts">,
  deps: { prescreen?: EvidencePrescreenDeps; log: Log },
): Promise<PrescreenEvidence | undefined> {
  if (!deps.prescreen || submission.documentType !== EVIDENCE_DOCUMENT_TYPE) return undefined;
  if (examination.verdict !== "accepted" || !examination.facts) return undefined;
  const text = evidenceTextOf(examination.facts);
  if (!text) return undefined;
  await deps.prescreen.evidenceText.writeEvidenceText(submission.schoolId, submission.submissionId, text);
  deps.log.info("evidence text kept", {
    submissionId: submission.submissionId,
    pageCount: text.pageCount,
    scannedPages: text.pages.filter((p) => p.kind === "scanned").length,
  });
  return text;
}

/**
 * Recomputes and records the school's pre-screen after an evidence file is accepted (also on a redelivery of an
 * accepted one, whose earlier recomputation may have failed). Nothing for another document type or a refused file,
 * and nothing to read when the call sets no conditions (the pre-screen would be empty). What the delivery holds (the
 * decided submission, the text it kept) is not read back. The form and the evidence's application pointer are read
 * in one request, the pointer fresh, so that a later evidence file placed meanwhile is the one judged, as before; a
 * school without a form costs that one read.
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
      savePrescreen: (school, result, at) => forms.savePrescreen(school, result, at),
    },
    now: deps.clock(),
  });
  deps.log.info("pre-screen recomputed after evidence accepted", {
    submissionId,
    recomputed: prescreen !== undefined,
    summary: prescreen?.overall.summary,
  });
}
