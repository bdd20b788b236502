import { reviewerLink } from "../api/page-links.ts";
import type { ReviewerLinkEntry } from "../submissions/records.ts";
import { generateLinkId, generateSubmissionLinkId, hashLinkId } from "./link-id.ts";
import type { LinkHome, ReviewerLinkRecord, ReviewerLinkStore } from "./reviewer-link.ts";

/** What a reviewer's notice needs to link to the checked file. */
export type ReviewerLinkRequest = Pick<
  ReviewerLinkRecord,
  "schoolId" | "submissionId" | "receiptNumber" | "objectKey" | "versionId" | "fileName" | "reviewer"
>;

/** A reviewer's link as the notice needs it: its URL (the only place the id ever appears) and when it stops working. */
export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

/** Links for a submission's reviewers, not yet stored: what its item is to hold, by hash, and each reviewer's URL. */
export interface PreparedLinks {
  entries: Record<string, ReviewerLinkEntry>;
  links: Array<IssuedLink & { reviewer: string; linkHash: string }>;
}

export interface ReviewerLinkIssuer {
  /**
   * New links on the submission for these reviewers, stored by no one yet: the verdict's own write stores them
   * (SubmissionRepository.recordVerdict), so a first delivery pays no request for its links.
   */
  prepare(home: LinkHome, reviewers: readonly string[]): PreparedLinks;
  /**
   * New links on the submission for these reviewers, stored in one write on its item (a redelivery's links: the
   * raw ids of the first delivery's are gone). `mapExists`: whether the item holds links already, as last read.
   */
  issueOnSubmission(home: LinkHome, reviewers: readonly string[], mapExists: boolean): Promise<PreparedLinks>;
  /** A new link item for one reviewer (links issued before links lived on submissions; tests): its URL (the only place the id ever appears) and when it stops working. */
  issue(request: ReviewerLinkRequest): Promise<{ url: string; expiresAt: Date }>;
  /** One link item for each request, stored in one write (as links were issued before; tests). */
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
  function prepareOn(home: LinkHome, reviewers: readonly string[]): PreparedLinks {
    const now = options.clock();
    const expiresAt = new Date(now.getTime() + options.lifetimeSeconds * 1000);
    const prepared: PreparedLinks = { entries: {}, links: [] };
    for (const [index, reviewer] of reviewers.entries()) {
      const linkId = generateSubmissionLinkId(home.schoolId, home.submissionId);
      const linkHash = hashLinkId(linkId);
      // A millisecond apart, in the order given: listings by issue time keep the reviewers' order.
      const createdAt = new Date(now.getTime() + index).toISOString();
      prepared.entries[linkHash] = { reviewer, createdAt, expiresAt: expiresAt.toISOString(), downloads: 0 };
      prepared.links.push({ reviewer, linkHash, url: reviewerLink(options.apiUrl, linkId), expiresAt });
    }
    return prepared;
  }
  return {
    prepare: prepareOn,
    async issueOnSubmission(home, reviewers, mapExists) {
      const prepared = prepareOn(home, reviewers);
      await options.store.addToSubmission(home, prepared.entries, mapExists);
      return prepared;
    },
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
