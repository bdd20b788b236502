/** EvidenceTextStore in memory, keyed like the S3 sidecar; counts writes so tests can see idempotent rewrites. */
import {
  type EvidenceTextStore,
  evidenceTextKey,
  type PrescreenEvidence,
} from "../../shared/application/evidence-text.ts";

export class MemoryEvidenceText implements EvidenceTextStore {
  readonly texts = new Map<string, PrescreenEvidence>();
  writes = 0;

  async readEvidenceText(schoolId: string, submissionId: string): Promise<PrescreenEvidence | undefined> {
    const found = this.texts.get(evidenceTextKey(schoolId, submissionId));
    return found ? structuredClone(found) : undefined;
  }

  async writeEvidenceText(
    schoolId: string,
    submissionId: string,
    evidence: PrescreenEvidence,
  ): Promise<void> {
    this.writes++;
    this.texts.set(evidenceTextKey(schoolId, submissionId), structuredClone(evidence));
  }
}
