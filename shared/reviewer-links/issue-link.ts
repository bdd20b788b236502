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
  /** One link for each request, stored in one write: a notice's links for every reviewer at once. */
  issueMany(requests: readonly ReviewerLinkRequest[]): Promise<Array<{ url: string; expiresAt: Date }>>;
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
  /** `order` ms after `now`: a batch's links are created a millisecond apart, all living the stated lifetime. */
  function prepare(request: ReviewerLinkRequest, now: Date, order = 0) {
    const linkId = generateLinkId();
    const expiresAt = new Date(now.getTime() + options.lifetimeSeconds * 1000);
    const record: ReviewerLinkRecord = {
      linkHash: hashLinkId(linkId),
      ...request,
      createdAt: new Date(now.getTime() + order).toISOString(),
      expiresAt: expiresAt.toISOString(),
      downloads: 0,
    };
    return { record, link: { url: reviewerLink(options.apiUrl, linkId), expiresAt } };
  }
  return {
    async issue(request) {
      const { record, link } = prepare(request, options.clock());
      await options.store.create(record);
      return link;
    },
    async issueMany(requests) {
      if (requests.length === 0) return [];
      const now = options.clock();
      // Created a millisecond apart, in the order given: listings by issue time keep the reviewers' order.
      const prepared = requests.map((request, index) => prepare(request, now, index));
      await options.store.createMany(prepared.map((p) => p.record));
      return prepared.map((p) => p.link);
    },
  };
}
