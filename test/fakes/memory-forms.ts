/** ApplicationFormStore in memory: one form per school, the last save wins. */
import type { ApplicationFormStore, StoredForm } from "../../shared/application/form-store.ts";
import type { PrescreenResult } from "../../shared/prescreen/types.ts";

export class MemoryApplicationForms implements ApplicationFormStore {
  readonly forms = new Map<string, StoredForm>();

  async getForm(schoolId: string): Promise<StoredForm | undefined> {
    const stored = this.forms.get(schoolId);
    return stored ? structuredClone(stored) : undefined;
  }

  async saveForm(stored: StoredForm): Promise<void> {
    this.forms.set(stored.schoolId, structuredClone(stored));
  }

  async savePrescreen(schoolId: string, prescreen: PrescreenResult, at: string): Promise<void> {
    const stored = this.forms.get(schoolId);
    if (!stored) return;
    this.forms.set(schoolId, { ...stored, prescreen: structuredClone(prescreen), prescreenAt: at });
  }

  async listForms(): Promise<StoredForm[]> {
    return [...this.forms.values()]
      .sort((a, b) => a.schoolId.localeCompare(b.schoolId))
      .map((f) => structuredClone(f));
  }
}
