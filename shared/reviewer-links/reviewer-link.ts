import { s3VersionIdOf } from "../processing/uploaded-object.ts";
import type { ReviewerLinkEntry, SubmissionRecord } from "../submissions/records.ts";

/**
 * A reviewer link: what one reviewer's notice of one accepted submission points at, stored under the SHA-256 of its
 * id. It names the object version that was checked, so a later upload under the same key is never what it serves.
 */
export interface ReviewerLinkRecord extends ReviewerLinkEntry {
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
  /** Kept on its submission's item (links issued since); absent for a link item of its own (issued before). */
  onSubmission?: true;
}

/** The submission whose item holds a link (`onSubmission`), for the writes that change it. */
export interface LinkHome {
  schoolId: string;
  submissionId: string;
}

export function homeOf(link: ReviewerLinkRecord): LinkHome | undefined {
  return link.onSubmission ? { schoolId: link.schoolId, submissionId: link.submissionId } : undefined;
}

/** The links kept on a submission's item as records, oldest first (the reviewers' order within one issue). */
export function linksOfSubmission(submission: SubmissionRecord): ReviewerLinkRecord[] {
  const versionId = s3VersionIdOf(submission.objectVersion);
  return Object.entries(submission.reviewerLinks ?? {})
    .map(([linkHash, entry]: [string, ReviewerLinkEntry]) => ({
      linkHash,
      schoolId: submission.schoolId,
      submissionId: submission.submissionId,
      receiptNumber: submission.verdict?.receiptNumber ?? "",
      objectKey: submission.objectKey,
      ...(versionId ? { versionId } : {}),
      fileName: submission.fileName,
      ...entry,
      onSubmission: true as const,
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.linkHash.localeCompare(b.linkHash));
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
  /** The link item, read strongly consistently, so a revocation holds from the moment it is recorded. */
  get(linkHash: string): Promise<ReviewerLinkRecord | undefined>;
  /**
   * The links kept on a submission's item (one strongly consistent read of it), oldest first; undefined when there
   * is no such submission.
   */
  getOnSubmission(schoolId: string, submissionId: string): Promise<ReviewerLinkRecord[] | undefined>;
  /**
   * Adds links to a submission's item in one write (a redelivery's links for the reviewers still to be notified).
   * `mapExists`: whether the item already has its map of links (as the caller read it); the write is conditioned on
   * it, so a wrong belief fails instead of overwriting links.
   */
  addToSubmission(
    home: LinkHome,
    links: Readonly<Record<string, ReviewerLinkEntry>>,
    mapExists: boolean,
  ): Promise<void>;
  /**
   * Counts a download and records its time; false when the link no longer exists. `home`: the submission that
   * holds the link; without it, the link's own item.
   */
  recordDownload(linkHash: string, at: string, home?: LinkHome): Promise<boolean>;
  /** Revokes a link (on `home`'s item, else its own): `revoked` now, `already` revoked before, or `not-found`. */
  revoke(linkHash: string, at: string, home?: LinkHome): Promise<"revoked" | "already" | "not-found">;
  /**
   * A submission's links, oldest first: its link items and, given the school's id, the links on its item too.
   */
  listForSubmission(submissionId: string, schoolId?: string): Promise<ReviewerLinkRecord[]>;
  /** Links whose hash starts with `ref` (an operator's reference from a log or a listing), wherever kept. */
  findByRef(ref: string): Promise<ReviewerLinkRecord[]>;
}
