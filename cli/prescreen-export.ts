import type { StoredForm } from "../shared/application/form-store.ts";
import {
  prescreenFreshness,
  type ReadPrescreenDeps,
  readPrescreen,
} from "../shared/application/prescreen-read.ts";
import { EVIDENCE_DOCUMENT_TYPE } from "../shared/application/prescreen-school.ts";
import { createAwsClients } from "../shared/aws/clients.ts";
import { DynamoApplicationFormStore } from "../shared/aws/dynamodb-application-forms.ts";
import { S3EvidenceTextStore } from "../shared/aws/s3-evidence-text.ts";
import type { Eligibility } from "../shared/call/eligibility.ts";
import { OPERATOR_TEXT } from "../shared/messages/operator.ts";
import { prescreenSources } from "../shared/prescreen/prescreen-sources.ts";
import { type PrescreenTable, prescreenTable } from "../shared/prescreen/prescreen-table.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { bundleEntries } from "../shared/summary/bundle-manifest.ts";
import { type CurrentApplication, currentApplications } from "../shared/summary/current-applications.ts";
import type { Operator } from "./operator-context.ts";
import { UsageError } from "./usage-error.ts";

/** The stored 申报书 forms of the operator's target. */
export function formStore(op: Operator): DynamoApplicationFormStore {
  return new DynamoApplicationFormStore(createAwsClients(op.target.connection).document, op.target.table);
}

/**
 * What reading a school's stored pre-screen takes from the target (shared/application/prescreen-read.ts). The
 * evidence text store is opened only when the pre-screen must be checked against a text or recomputed.
 */
export function prescreenReadDeps(op: Operator): ReadPrescreenDeps {
  return {
    ctx: op.ctx,
    forms: formStore(op),
    submissions: op.submissions,
    evidenceText: { readEvidenceText: (school, id) => evidenceTextStore(op).readEvidenceText(school, id) },
    now: () => new Date(),
  };
}

/** The accepted evidence's page texts in the target's bucket, which the pre-screen reads. @throws UsageError */
export function evidenceTextStore(op: Operator): S3EvidenceTextStore {
  if (!op.target.bucket) throw new UsageError(OPERATOR_TEXT.bucketMissing);
  return new S3EvidenceTextStore(createAwsClients(op.target.connection).s3, op.target.bucket);
}

export interface PrescreenExport {
  table: PrescreenTable;
  /** Listed schools (with a current accepted application) that have not filled their 申报书. */
  withoutForm: SchoolRecord[];
}

/**
 * The 资格初审表 of the target's record, undefined when the call defines no eligibility conditions. Given the
 * current applications (as `export bundle` has them), their bundle paths are the links' targets; else they are read.
 */
export async function buildPrescreenExport(
  op: Operator,
  read?: { applications: readonly CurrentApplication[]; schools: readonly SchoolRecord[] },
): Promise<PrescreenExport | undefined> {
  const eligibility: Eligibility | undefined = op.ctx.call.eligibility;
  if (!eligibility) return undefined;
  const { applications, schools } =
    read ??
    (await currentApplications(
      op,
      op.ctx.call.documentTypes.map((d) => d.id),
    ));
  const forms = await currentForms(op, await formStore(op).listForms(), applications);
  const { sources, withoutForm } = prescreenSources({
    call: op.ctx.call,
    catalog: op.ctx.catalog,
    schools,
    forms,
    entries: bundleEntries(applications, op.ctx),
    evidenceDocumentType: EVIDENCE_DOCUMENT_TYPE,
  });
  return { table: prescreenTable(sources, eligibility), withoutForm };
}

/**
 * The listed forms, each with a pre-screen that judges the school's current evidence: one whose stored pre-screen
 * judged the current 佐证材料 (the pointer the applications followed) is taken as listed, with no read of its own;
 * the others go through readPrescreen (one read, recomputed and recorded when outdated), a few at a time.
 */
async function currentForms(
  op: Operator,
  listed: readonly StoredForm[],
  applications: readonly CurrentApplication[],
): Promise<StoredForm[]> {
  const evidence = new Map(
    applications
      .filter((a) => a.documentType === EVIDENCE_DOCUMENT_TYPE)
      .map((a) => [a.school.schoolId, { currentSubmissionId: a.submission.submissionId }]),
  );
  const deps = prescreenReadDeps(op);
  const forms = [...listed];
  const outdated = forms
    .map((form, index) => ({ form, index }))
    .filter(({ form }) => prescreenFreshness(form, evidence.get(form.schoolId), op.ctx.call.id) !== "fresh");
  for (let start = 0; start < outdated.length; start += READ_BATCH) {
    await Promise.all(
      outdated.slice(start, start + READ_BATCH).map(async ({ form, index }) => {
        forms[index] = (await readPrescreen(form.schoolId, deps)).stored ?? form;
      }),
    );
  }
  return forms;
}

/** Outdated pre-screens read (and recomputed) at once. */
const READ_BATCH = 8;
