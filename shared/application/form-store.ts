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
  /** Records a recomputed pre-screen on the stored form; a no-op when the school has no form. */
  savePrescreen(schoolId: string, prescreen: PrescreenResult, at: string): Promise<void>;
  listForms(): Promise<StoredForm[]>;
}
