/**
 * A reviewer link: what one reviewer's notice of one accepted submission points at, stored under the SHA-256 of its
 * id. It names the object version that was checked, so a later upload under the same key is never what it serves.
 */
export interface ReviewerLinkRecord {
  /** SHA-256 (hex) of the link id; the id itself is never stored. */
  linkHash: string;
  schoolId: string;
  submissionId: string;
  receiptNumber: string;
  objectKey: string;
  /** The S3 version that was checked (absent only on an unversioned bucket). */
  versionId?: string;
  /** The official file name the download is saved under. */
  fileName: string;
  reviewer: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  /** Downloads through the link so far, and the last one's time. */
  downloads: number;
  lastAccessAt?: string;
}

export type ReviewerLinkStatus = "live" | "expired" | "revoked";

/** A revoked link stays revoked after it would have expired: the operator's act is the fact worth showing. */
export function linkStatus(link: ReviewerLinkRecord, now: Date): ReviewerLinkStatus {
  if (link.revokedAt) return "revoked";
  return now.getTime() >= Date.parse(link.expiresAt) ? "expired" : "live";
}

/** The table's port for reviewer links (shared/aws/dynamodb-reviewer-links.ts; test/fakes in unit tests). */
export interface ReviewerLinkStore {
  /** Stores a new link. Throws if its hash is taken (with 256 random bits, a broken generator, never chance). */
  create(link: ReviewerLinkRecord): Promise<void>;
  /**
   * Stores several new links in one request (a notice's links for every reviewer at once). Unconditional puts: the
   * hashes of 256 random bits are distinct within the batch (checked) and never collide with a stored one except
   * through a broken generator, which `create`'s condition is there to expose.
   */
  createMany(links: readonly ReviewerLinkRecord[]): Promise<void>;
  /** The link, read strongly consistently, so a revocation holds from the moment it is recorded. */
  get(linkHash: string): Promise<ReviewerLinkRecord | undefined>;
  /** Counts a download and records its time; false when the link no longer exists. */
  recordDownload(linkHash: string, at: string): Promise<boolean>;
  /** Revokes a link: `revoked` now, `already` revoked before, or `not-found`. */
  revoke(linkHash: string, at: string): Promise<"revoked" | "already" | "not-found">;
  /** A submission's links, oldest first. */
  listForSubmission(submissionId: string): Promise<ReviewerLinkRecord[]>;
  /** Links whose hash starts with `ref` (an operator's reference from a log or a listing). */
  findByRef(ref: string): Promise<ReviewerLinkRecord[]>;
}
