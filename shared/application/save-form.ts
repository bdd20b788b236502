import type { PrescreenResult } from "../prescreen/types.ts";
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
 * pre-screen recomputed against the school's current accepted evidence, in one write: a form with any field-level
 * problem is not saved at all. After the deadline the school is refused; an operator entering a paper form may
 * save only when `afterDeadline` says so explicitly (the CLI logs it).
 */
export async function saveApplicationForm(
  schoolId: string,
  input: unknown,
  deps: PrescreenDeps & {
    forms: Pick<ApplicationFormStore, "saveForm">;
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
  const prescreen = await computePrescreen(schoolId, parsed.form, deps);
  const at = deps.now.toISOString();
  const stored: StoredForm = {
    schoolId,
    form: parsed.form,
    updatedAt: at,
    updatedBy: deps.by,
    ...(prescreen ? { prescreen, prescreenAt: at } : {}),
  };
  await deps.forms.saveForm(stored);
  return { kind: "saved", stored, prescreen, missing: missingFields(parsed.form) };
}
