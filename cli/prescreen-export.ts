import { EVIDENCE_DOCUMENT_TYPE } from "../shared/application/prescreen-school.ts";
import { createAwsClients } from "../shared/aws/clients.ts";
import { DynamoApplicationFormStore } from "../shared/aws/dynamodb-application-forms.ts";
import type { Eligibility } from "../shared/call/eligibility.ts";
import { prescreenSources } from "../shared/prescreen/prescreen-sources.ts";
import { type PrescreenTable, prescreenTable } from "../shared/prescreen/prescreen-table.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { bundleEntries } from "../shared/summary/bundle-manifest.ts";
import { type CurrentApplication, currentApplications } from "../shared/summary/current-applications.ts";
import type { Operator } from "./operator-context.ts";

/** The stored 申报书 forms of the operator's target. */
export function formStore(op: Operator): DynamoApplicationFormStore {
  return new DynamoApplicationFormStore(createAwsClients(op.target.connection).document, op.target.table);
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
  const forms = await formStore(op).listForms();
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
