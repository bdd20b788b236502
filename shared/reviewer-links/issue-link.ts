import { reviewerLink } from "../api/page-links.ts";
import { generateLinkId, hashLinkId } from "./link-id.ts";
import type { ReviewerLinkRecord, ReviewerLinkStore } from "./reviewer-link.ts";

/** What a reviewer's notice needs to link to the checked file. */
export type ReviewerLinkRequest = Pick<
  ReviewerLinkRecord,
  "schoolId" | "submissionId" | "receiptNumber" | "objectKey" | "versionId" | "fileName" | "reviewer"
>;

export interface ReviewerLinkIssuer {
  /** A new link for one reviewer: its URL (the only place the id ever appears) and when it stops working. */
  issue(request: ReviewerLinkRequest): Promise<{ url: string; expiresAt: Date }>;
}

/**
 * Issues reviewer links on the API's `/r/{linkId}` route (not presigned S3 URLs: those die with the signing role's
 * temporary credentials, hours before the lifetime a notice promises). Each reviewer gets a link of their own, so
 * one can be revoked and every download is attributed.
 */
export function createReviewerLinkIssuer(options: {
  store: ReviewerLinkStore;
  /** Where the API answers, e.g. `https://abc.execute-api.region.amazonaws.com/`. */
  apiUrl: string;
  lifetimeSeconds: number;
  clock: () => Date;
}): ReviewerLinkIssuer {
  return {
    async issue(request) {
      const linkId = generateLinkId();
      const now = options.clock();
      const expiresAt = new Date(now.getTime() + options.lifetimeSeconds * 1000);
      await options.store.create({
        linkHash: hashLinkId(linkId),
        ...request,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        downloads: 0,
      });
      return { url: reviewerLink(options.apiUrl, linkId), expiresAt };
    },
  };
}
