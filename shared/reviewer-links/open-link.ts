import type { ObjectStore } from "../processing/ports.ts";
import { hashLinkId, looksLikeLinkId } from "./link-id.ts";
import { linkStatus, type ReviewerLinkRecord, type ReviewerLinkStore } from "./reviewer-link.ts";

/** How long the redirect's presigned GET lives: long enough to start a download, too short to pass around. */
export const DOWNLOAD_REDIRECT_SECONDS = 300;

export interface OpenLinkDeps {
  links: Pick<ReviewerLinkStore, "get" | "recordDownload">;
  objects: Pick<ObjectStore, "head" | "presignDownload">;
  clock: () => Date;
}

/**
 * What a presented link id leads to. `not-found` for an id that is malformed or matches no link: a guesser learns
 * nothing else. A link that exists can only be presented by someone who holds its 256-bit id (a reviewer, or whoever
 * they forwarded it to), so telling them it expired or was revoked discloses nothing to a guesser and saves the
 * holder a call to the operator.
 */
export type OpenLinkOutcome =
  | { kind: "not-found" }
  | { kind: "gone"; reason: "expired" | "revoked" | "object-missing"; link: ReviewerLinkRecord }
  | { kind: "download"; url: string; link: ReviewerLinkRecord };

export async function openReviewerLink(linkId: string, deps: OpenLinkDeps): Promise<OpenLinkOutcome> {
  if (!looksLikeLinkId(linkId)) return { kind: "not-found" };
  // The lookup is by the id's hash: no comparison of the id itself, so nothing to time.
  const link = await deps.links.get(hashLinkId(linkId));
  if (!link) return { kind: "not-found" };
  const now = deps.clock();
  const status = linkStatus(link, now);
  if (status !== "live") return { kind: "gone", reason: status, link };
  // The checked version may have been expired by the lifecycle rule (superseded, then past retention).
  if (!(await deps.objects.head(link.objectKey, link.versionId))) {
    return { kind: "gone", reason: "object-missing", link };
  }
  const url = await deps.objects.presignDownload(
    link.objectKey,
    link.fileName,
    DOWNLOAD_REDIRECT_SECONDS,
    link.versionId,
  );
  // Revoked between the read and now? The counter's write is conditional on the link existing, not on it being
  // live: a revocation racing a download by milliseconds lets that one download through, and it is counted.
  await deps.links.recordDownload(link.linkHash, now.toISOString());
  return { kind: "download", url, link };
}
