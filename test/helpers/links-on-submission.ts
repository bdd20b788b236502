import { createReviewerLinkIssuer } from "../../shared/reviewer-links/issue-link.ts";
import type { SubmissionRecord } from "../../shared/submissions/records.ts";
import type { MemoryObjectStore } from "../fakes/memory-objects.ts";
import type { MemoryReviewerLinkStore } from "../fakes/memory-reviewer-links.ts";
import type { MemorySubmissionRepository } from "../fakes/memory-submissions.ts";
import { anAcceptedVerdict, aPendingSubmission } from "../integration/repository/records.ts";

/**
 * An accepted submission whose reviewers' links were stored by its verdict's own write, as processing issues them
 * now (ids `{schoolId}.{submissionId}.{secret}`), on the in-memory fakes. `withLinks: false` records the verdict
 * without them (the ids are made all the same, for a test of links that were never stored).
 */
export async function acceptedWithLinks(
  fakes: {
    submissions: MemorySubmissionRepository;
    store: MemoryReviewerLinkStore;
    objects: MemoryObjectStore;
  },
  options: {
    reviewers: readonly string[];
    clock: () => Date;
    /** When S3 stored the upload, and when processing claimed it. */
    uploadedAt: string;
    claimedAt: string;
    submission?: Partial<SubmissionRecord>;
    bytes?: Uint8Array;
    withLinks?: boolean;
  },
) {
  const { submissions, store, objects } = fakes;
  const submission = aPendingSubmission(options.submission);
  const versionId = objects.put(submission.objectKey, options.bytes ?? new Uint8Array([1])).versionId;
  await submissions.createPending(submission);
  await submissions.claim(submission.schoolId, submission.submissionId, {
    objectVersion: versionId,
    uploadedAt: options.uploadedAt,
    now: options.claimedAt,
  });
  const prepared = createReviewerLinkIssuer({
    store,
    apiUrl: "https://api.example.cn/",
    lifetimeSeconds: 86_400,
    clock: options.clock,
  }).prepare(submission, options.reviewers);
  const recorded = await submissions.recordVerdict(
    submission.schoolId,
    submission.submissionId,
    versionId,
    anAcceptedVerdict(),
    undefined,
    options.withLinks === false ? undefined : prepared.entries,
  );
  return { submission, recorded, ids: prepared.links.map((l) => l.url.split("/r/")[1] ?? "") };
}
