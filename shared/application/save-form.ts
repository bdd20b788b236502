import type { PrescreenResult } from "../prescreen/types.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import { missingFields } from "./form-complete.ts";
import { type FormFinding, parseApplicationForm } from "./form-parse.ts";
import type { ApplicationFormStore, StoredForm } from "./form-store.ts";
import { computePrescreen, type PrescreenDeps } from "./prescreen-school.ts";

export type SaveFormOutcome =
  | { kind: "saved"; stored: StoredForm; prescreen: PrescreenResult | undefined; missing: FormFinding[] }
  | { kind: "invalid"; findings: FormFinding[] }
  | { kind: "deadline-passed" };

/**
 * Parses and stores a school's 申报书 form (a draft may be saved at any time before the deadline), with its
 * pre-screen recomputed against the school's current accepted evidence (and what it judged), in one write: a form
 * with any field-level problem is not saved at all. After the deadline the school is refused; an operator entering a
 * paper form may save only when `afterDeadline` says so explicitly (the CLI logs it).
 *
 * Then, on the first save, the school item records that the school has a form (`formSavedAt`): upload links issued
 * from then on tell processing to recompute the pre-screen when their 佐证材料 is accepted. `formSaved` says the
 * caller's school record already has it (no write). A crash before that write leaves a form the flag does not
 * know of; the next save writes it, and the pre-screen's readers recompute what processing skipped meanwhile.
 */
export async function saveApplicationForm(
  schoolId: string,
  input: unknown,
  deps: PrescreenDeps & {
    forms: Pick<ApplicationFormStore, "saveForm">;
    schools: Pick<SchoolRepository, "markFormSaved">;
    /** The school record read by the caller has `formSavedAt` already. */
    formSaved?: boolean;
    now: Date;
    by: StoredForm["updatedBy"];
    afterDeadline?: boolean;
  },
): Promise<SaveFormOutcome> {
  // The deadline instant itself is still on time, as for files (shared/checks/deadline.ts).
  const closed = deps.now.getTime() > new Date(deps.ctx.call.deadline).getTime();
  if (closed && !(deps.by === "operator" && deps.afterDeadline)) return { kind: "deadline-passed" };
  const parsed = parseApplicationForm(input);
  if (!parsed.ok) return { kind: "invalid", findings: parsed.findings };
  const at = deps.now.toISOString();
  const computed = await computePrescreen(schoolId, parsed.form, at, deps);
  const stored: StoredForm = {
    schoolId,
    form: parsed.form,
    updatedAt: at,
    updatedBy: deps.by,
    ...(computed ? { prescreen: computed.prescreen, prescreenAt: at, prescreenBasis: computed.basis } : {}),
  };
  await deps.forms.saveForm(stored);
  if (!deps.formSaved) await deps.schools.markFormSaved(schoolId, at);
  return { kind: "saved", stored, prescreen: computed?.prescreen, missing: missingFields(parsed.form) };
}
