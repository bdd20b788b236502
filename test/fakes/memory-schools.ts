/**
 * SchoolRepository in memory, with the DynamoDB adapter's rules: one registration per id, one valid token, and a
 * token index that only tokens issued before tokens named their school have (`indexLegacyToken`, as the old code
 * wrote it); a lookup through it is checked against the school.
 */
import { SchoolAlreadyRegistered, SchoolNotFound } from "../../shared/submissions/errors.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import type { SchoolRepository } from "../../shared/submissions/repository.ts";

export class MemorySchoolRepository implements SchoolRepository {
  private readonly schools = new Map<string, SchoolRecord>();
  private readonly tokenIndex = new Map<string, string>();

  /** Starts with `registered` already registered (for set-ups that need no token). */
  constructor(registered: readonly SchoolRecord[] = []) {
    for (const school of registered) this.schools.set(school.schoolId, { ...school });
  }

  /** An index item as registration and replacement wrote it before tokens named their school. */
  indexLegacyToken(tokenHash: string, schoolId: string): void {
    this.tokenIndex.set(tokenHash, schoolId);
  }

  hasTokenIndex(tokenHash: string): boolean {
    return this.tokenIndex.has(tokenHash);
  }

  /** A retry of the same registration (same token hash) succeeds; another registration of the id is refused. */
  async registerSchool(school: SchoolRecord): Promise<void> {
    const stored = this.schools.get(school.schoolId);
    if (stored && stored.tokenHash !== school.tokenHash) throw new SchoolAlreadyRegistered(school.schoolId);
    if (!stored) this.schools.set(school.schoolId, { ...school });
  }

  async getSchool(schoolId: string): Promise<SchoolRecord | undefined> {
    const stored = this.schools.get(schoolId);
    return stored ? { ...stored } : undefined;
  }

  async findSchoolByTokenHash(tokenHash: string): Promise<SchoolRecord | undefined> {
    const schoolId = this.tokenIndex.get(tokenHash);
    const school = schoolId === undefined ? undefined : this.schools.get(schoolId);
    return school?.tokenHash === tokenHash && school.status === "active" ? { ...school } : undefined;
  }

  async replaceToken(schoolId: string, tokenHash: string, issuedAt: string): Promise<void> {
    const stored = this.schools.get(schoolId);
    if (!stored) throw new SchoolNotFound(schoolId);
    this.schools.set(schoolId, { ...stored, tokenHash, tokenIssuedAt: issuedAt });
    if (stored.tokenHash !== tokenHash) this.tokenIndex.delete(stored.tokenHash);
  }

  async revokeSchool(schoolId: string): Promise<void> {
    const stored = this.schools.get(schoolId);
    if (!stored) throw new SchoolNotFound(schoolId);
    this.schools.set(schoolId, { ...stored, status: "revoked" });
  }

  async markFormSaved(schoolId: string, at: string): Promise<void> {
    const stored = this.schools.get(schoolId);
    if (!stored) throw new SchoolNotFound(schoolId);
    if (stored.formSavedAt === undefined) this.schools.set(schoolId, { ...stored, formSavedAt: at });
  }

  /** Ordered by name, then id (UTF-8 code units), as the adapter's index. */
  async listSchools(): Promise<SchoolRecord[]> {
    const order = (s: SchoolRecord) => `${s.name}#${s.schoolId}`;
    return [...this.schools.values()]
      .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
      .map((s) => ({ ...s }));
  }
}
