import type { EvidenceFacts } from "../prescreen/types.ts";

/**
 * The per-page text of one accepted 佐证材料 version (`{kind:"scanned"}` for a page without text), as the isolated
 * inspector extracted it: bounded in pages and characters per page.
 */
export type PrescreenEvidence = Required<EvidenceFacts>;

/** The evidence text sidecar: JSON in S3 beside the object (`evidence-text/{schoolId}/{submissionId}.json`). */
export interface EvidenceTextStore {
  readEvidenceText(schoolId: string, submissionId: string): Promise<PrescreenEvidence | undefined>;
  /** Idempotent: the same submission always writes the same key with the same content. */
  writeEvidenceText(schoolId: string, submissionId: string, evidence: PrescreenEvidence): Promise<void>;
}

export const EVIDENCE_TEXT_PREFIX = "evidence-text/";

export function evidenceTextKey(schoolId: string, submissionId: string): string {
  return `${EVIDENCE_TEXT_PREFIX}${schoolId}/${submissionId}.json`;
}
