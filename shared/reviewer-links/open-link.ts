import type { ObjectStore } from "../processing/ports.ts";
import { hashLinkId, linkHashesEqual, parseLinkId } from "./link-id.ts";
import { homeOf, linkStatus, type ReviewerLinkRecord, type ReviewerLinkStore } from "./reviewer-link.ts";

/** How long the redirect's presigned GET lives: long enough to start a download, too short to pass around. */
export const DOWNLOAD_REDIRECT_SECONDS = 300;

export interface OpenLinkDeps {
  links: Pick<ReviewerLinkStore, "get" | "getOnSubmission" | "recordDownload">;
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
  const link = await findLink(linkId, deps);
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
  await deps.links.recordDownload(link.linkHash, now.toISOString(), homeOf(link));
  return { kind: "download", url, link };
}

/** Compared against when a submission has no links, so an unknown submission costs the same comparison. */
const PLACEHOLDER_HASH = "0".repeat(64);

/**
 * The link a well-formed id names. A link item (issued before links named their submission) is looked up by the
 * id's hash: no comparison of the id itself, so nothing to time. A link on a submission is one strongly consistent
 * read of the submission item it names, then the id's hash compared in constant time against every link there (all
 * of them, and a placeholder when there are none), so the answer's timing tells nothing about which hash came close
 * or whether the submission exists: an unknown submission, a wrong secret and a link of another submission all end
 * as "not found".
 */
async function findLink(
  linkId: string,
  deps: Pick<OpenLinkDeps, "links">,
): Promise<ReviewerLinkRecord | undefined> {
  const shape = parseLinkId(linkId);
  if (!shape) return undefined;
  const linkHash = hashLinkId(linkId);
  if (shape.kind === "item") return deps.links.get(linkHash);
  const links = (await deps.links.getOnSubmission(shape.schoolId, shape.submissionId)) ?? [];
  let found: ReviewerLinkRecord | undefined;
  for (const candidate of links.length > 0 ? links : [undefined]) {
    const matches = linkHashesEqual(candidate?.linkHash ?? PLACEHOLDER_HASH, linkHash);
    if (matches && candidate) found = candidate;
  }
  return found;
}
