import type { CheckContext } from "../checks/context.ts";
import type { Finding } from "../checks/finding.ts";
import { finding } from "../checks/make-finding.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import {
  type ApplicationDetails,
  type ApplicationDetailsInput,
  type ApplicationDetailsRepository,
  DETAILS_MAX_LENGTH,
  validateApplicationDetails,
} from "./details.ts";
import { detailsOfForm, type EnteredDetails, splitPartnerText, withDetails } from "./form-details.ts";
import type { FormFinding } from "./form-parse.ts";
import type { ApplicationFormStore } from "./form-store.ts";
import type { PrescreenDeps } from "./prescreen-school.ts";
import { saveApplicationForm } from "./save-form.ts";

export type SaveDetailsOutcome =
  | { kind: "saved"; details: ApplicationDetails; findings: Finding[] }
  | { kind: "invalid"; findings: Finding[] }
  | { kind: "deadline-passed" };

/**
 * Validates a school's details for the summary table (附件3) and writes them into its one 申报书 form (served group,
 * partners, contact: form-details.ts), with the form's pre-screen recomputed, in one write; nothing is saved when
 * any field is wrong. A school may change them until the deadline, as it may its files; an operator (transcribing a
 * paper form, correcting an obvious slip) may at any time.
 */
export async function saveApplicationDetails(
  school: SchoolRecord,
  input: ApplicationDetailsInput,
  deps: PrescreenDeps & {
    forms: Pick<ApplicationFormStore, "getForm" | "saveForm">;
    schools: Pick<SchoolRepository, "markFormSaved">;
    now: Date;
    by: ApplicationDetails["updatedBy"];
  },
): Promise<SaveDetailsOutcome> {
  // The deadline instant itself is still on time, as for files (shared/checks/deadline.ts).
  const closed = deps.now.getTime() > new Date(deps.ctx.call.deadline).getTime();
  if (deps.by === "school" && closed) return { kind: "deadline-passed" };
  const validation = validateApplicationDetails(input, school, deps.ctx);
  if (!validation.ok) return { kind: "invalid", findings: validation.findings };
  const stored = await deps.forms.getForm(school.schoolId);
  const saved = await saveApplicationForm(school.schoolId, withDetails(stored?.form, validation.details), {
    ...deps,
    formSaved: school.formSavedAt !== undefined,
    afterDeadline: deps.by === "operator",
  });
  switch (saved.kind) {
    case "deadline-passed":
      return saved;
    case "invalid":
      return {
        kind: "invalid",
        findings: saved.findings.flatMap((f) => detailsFinding(f, validation.details, deps.ctx)),
      };
    case "saved": {
      const details = detailsOfForm(saved.stored, school) ?? {
        ...validation.details,
        updatedAt: saved.stored.updatedAt,
        updatedBy: deps.by,
      };
      return { kind: "saved", details, findings: validation.findings };
    }
  }
}

/**
 * The school's details as the summary table and GET /api/me/application read them: from its form, or from a
 * details item saved before the details became part of the form, when the form holds none.
 */
export async function currentDetails(
  school: Pick<SchoolRecord, "schoolId" | "contactName" | "phone">,
  deps: {
    forms: Pick<ApplicationFormStore, "getForm">;
    details: Pick<ApplicationDetailsRepository, "getDetails">;
  },
): Promise<ApplicationDetails | undefined> {
  const stored = await deps.forms.getForm(school.schoolId);
  return (stored && detailsOfForm(stored, school)) ?? (await deps.details.getDetails(school.schoolId));
}

/**
 * A form's finding on a field the details wrote, as a details finding: the form's own limits are the only ones the
 * details' validation does not share (a partner's name within its text is at most 100 characters).
 */
function detailsFinding(f: FormFinding, details: EnteredDetails, ctx: Pick<CheckContext, "call">): Finding[] {
  const partner = /^basic\.partners\.(\d)\./u.exec(f.path);
  if (partner || f.path === "basic.servedMajorGroup") {
    const field = !partner ? "servedMajorGroup" : partner[1] === "0" ? "partner1" : "partner2";
    const value = partner ? splitPartnerText(details[field]).name : details[field];
    const max = partner ? PARTNER_NAME_MAX : DETAILS_MAX_LENGTH.servedMajorGroup;
    const length = [...value].length;
    return finding(
      ctx,
      "DETAILS_FIELD_TOO_LONG",
      `details.${field}`,
      { field, length, max },
      { expected: `≤ ${max}`, actual: String(length) },
    );
  }
  if (f.path.endsWith(".name")) {
    const actual = details.contactName;
    return finding(ctx, "CONTACT_NAME_INVALID", "details.contactName", { actual }, { actual });
  }
  const actual = details.contactPhone;
  return finding(ctx, "PHONE_INVALID", "details.contactPhone", { actual }, { actual });
}

/** The form's limit on a partner company's name (shared/application/form.ts). */
const PARTNER_NAME_MAX = 100;
