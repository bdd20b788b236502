/**
 * ApplicationFormStore in memory: one form per school, the last save wins. The application pointers live with the
 * submissions (as in the table, where both are items of the school's partition): give the store the submission
 * repository whose pointers `getFormAndApplication` reads.
 */
import type {
  ApplicationFormStore,
  FormAndApplication,
  PrescreenBasis,
  StoredForm,
} from "../../shared/application/form-store.ts";
import type { PrescreenResult } from "../../shared/prescreen/types.ts";
import type { SubmissionRepository } from "../../shared/submissions/repository.ts";

export class MemoryApplicationForms implements ApplicationFormStore {
  readonly forms = new Map<string, StoredForm>();

  constructor(private readonly applications?: Pick<SubmissionRepository, "getApplication">) {}

  async getForm(schoolId: string): Promise<StoredForm | undefined> {
    const stored = this.forms.get(schoolId);
    return stored ? structuredClone(stored) : undefined;
  }

  async getFormAndApplication(schoolId: string, documentType: string): Promise<FormAndApplication> {
    if (!this.applications) {
      throw new Error("MemoryApplicationForms was built without the submissions whose pointers it reads");
    }
    const stored = await this.getForm(schoolId);
    const application = await this.applications.getApplication(schoolId, documentType);
    return { ...(stored ? { stored } : {}), ...(application ? { application } : {}) };
  }

  async saveForm(stored: StoredForm): Promise<void> {
    this.forms.set(stored.schoolId, structuredClone(stored));
  }

  async savePrescreen(
    schoolId: string,
    prescreen: PrescreenResult,
    at: string,
    basis?: PrescreenBasis,
  ): Promise<void> {
    const stored = this.forms.get(schoolId);
    if (!stored || (basis && basis.formUpdatedAt !== stored.updatedAt)) return;
    this.forms.set(schoolId, {
      ...stored,
      prescreen: structuredClone(prescreen),
      prescreenAt: at,
      ...(basis ? { prescreenBasis: structuredClone(basis) } : {}),
    });
  }

  async listForms(): Promise<StoredForm[]> {
    return [...this.forms.values()]
      .sort((a, b) => a.schoolId.localeCompare(b.schoolId))
      .map((f) => structuredClone(f));
  }
}
