import type { PrescreenResult } from "../prescreen/types.ts";
import type { ApplicationPointer } from "../submissions/records.ts";
import type { ApplicationForm } from "./form.ts";

/**
 * One school's 申报书 form as stored: the parsed (normalised) draft, who saved it last and when, and the pre-screen
 * last computed for it (recomputed when the form is saved and when a new 佐证材料 is accepted).
 */
export interface StoredForm {
  schoolId: string;
  form: ApplicationForm;
  updatedAt: string;
  updatedBy: "school" | "operator";
  prescreen?: PrescreenResult;
  prescreenAt?: string;
  /** What the stored pre-screen was computed against; absent on pre-screens stored before it was kept. */
  prescreenBasis?: PrescreenBasis;
}

/**
 * What a stored pre-screen judged, so that its readers can tell whether it still stands (shared/application/
 * prescreen-read.ts): the form (its `updatedAt`), the school's current accepted 佐证材料 then, and whether that
 * evidence's page texts were there to read.
 */
export interface PrescreenBasis {
  formUpdatedAt: string;
  /** The accepted 佐证材料 it judged (the submission the application pointer named), null without one. */
  evidenceSubmissionId: string | null;
  /** That evidence's page count, as its verdict has it (what GET /api/me/application-form shows with it). */
  evidencePageCount?: number;
  /** Whether that evidence's page texts were read (kept after the receipt, so possibly not yet). */
  evidenceText: boolean;
}

/** A school's form and one of its application pointers, as read together; either may be absent. */
export interface FormAndApplication {
  stored?: StoredForm;
  application?: ApplicationPointer;
}

/** The forms, one per school. Implemented over DynamoDB in shared/aws/dynamodb-application-forms.ts. */
export interface ApplicationFormStore {
  getForm(schoolId: string): Promise<StoredForm | undefined>;
  /**
   * The school's form and its current application of `documentType` (the pointer the submissions keep), read
   * together in one strongly consistent request: what the pre-screen needs after a 佐证材料 is accepted.
   */
  getFormAndApplication(schoolId: string, documentType: string): Promise<FormAndApplication>;
  /** Replaces the school's form as a whole (with its pre-screen, when given). */
  saveForm(stored: StoredForm): Promise<void>;
  /**
   * Records a recomputed pre-screen on the stored form; a no-op when the school has no form. With its basis, only
   * onto the form it judged (the same `updatedAt`): a form saved meanwhile keeps the pre-screen its save computed.
   */
  savePrescreen(
    schoolId: string,
    prescreen: PrescreenResult,
    at: string,
    basis?: PrescreenBasis,
  ): Promise<void>;
  listForms(): Promise<StoredForm[]>;
}
