/** ApplicationDetailsRepository in memory: one entry per school, the last save wins. */
import type { ApplicationDetails, ApplicationDetailsRepository } from "../../shared/application/details.ts";

export class MemoryApplicationDetails implements ApplicationDetailsRepository {
  readonly details = new Map<string, ApplicationDetails>();

  async getDetails(schoolId: string): Promise<ApplicationDetails | undefined> {
    const stored = this.details.get(schoolId);
    return stored ? { ...stored } : undefined;
  }

  async putDetails(details: ApplicationDetails): Promise<void> {
    this.details.set(details.schoolId, { ...details });
  }
}
