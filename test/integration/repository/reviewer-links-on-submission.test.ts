/**
 * Reviewer links kept on their submission's item (written by the verdict's own write), on dynalite and in the
 * in-memory stores of the unit tests alike: read back with the submission's fields, a download counted and a link
 * revoked on the item, a redelivery's links added in one write that never overwrites one, and the operator's
 * listing and reference search finding them beside link items issued before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoReviewerLinkStore } from "../../../shared/aws/dynamodb-reviewer-links.ts";
import { DynamoSubmissionRepository } from "../../../shared/aws/dynamodb-submissions.ts";
import { createReviewerLinkIssuer, type PreparedLinks } from "../../../shared/reviewer-links/issue-link.ts";
import { hashLinkId, linkRef, parseLinkId } from "../../../shared/reviewer-links/link-id.ts";
import type { ReviewerLinkRecord, ReviewerLinkStore } from "../../../shared/reviewer-links/reviewer-link.ts";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";
import type { SubmissionRepository } from "../../../shared/submissions/repository.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { anAcceptedVerdict, aPendingSubmission, SCHOOL_ID } from "./records.ts";

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

interface Stores {
  links: ReviewerLinkStore;
  submissions: SubmissionRepository;
}

const stores: Array<[string, () => Promise<Stores>]> = [
  [
    "dynalite",
    async () => {
      const table = await dynamo.createTable();
      return {
        links: new DynamoReviewerLinkStore(dynamo.doc, table),
        submissions: new DynamoSubmissionRepository(dynamo.doc, table),
      };
    },
  ],
  [
    "memory",
    async () => {
      const submissions = new MemorySubmissionRepository();
      return { links: new MemoryReviewerLinkStore(submissions), submissions };
    },
  ],
];

const NOW = new Date("2024-11-15T01:05:03.000Z");
const VERSION = "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY";
const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];

function issuerOn(links: ReviewerLinkStore, now = NOW) {
  return createReviewerLinkIssuer({
    store: links,
    apiUrl: "https://api.example.cn/",
    lifetimeSeconds: 86_400,
    clock: () => now,
  });
}

/** An accepted submission whose verdict's write stored links for REVIEWERS (or none). */
async function accepted(
  { links, submissions }: Stores,
  withLinks = true,
): Promise<{ submission: SubmissionRecord; prepared?: PreparedLinks }> {
  const submission = aPendingSubmission();
  await submissions.createPending(submission);
  await submissions.claim(SCHOOL_ID, submission.submissionId, {
    objectVersion: VERSION,
    uploadedAt: "2024-11-15T01:04:59.000Z",
    now: "2024-11-15T01:05:01.000Z",
  });
  const prepared = withLinks ? issuerOn(links).prepare(submission, REVIEWERS) : undefined;
  const recorded = await submissions.recordVerdict(
    SCHOOL_ID,
    submission.submissionId,
    VERSION,
    anAcceptedVerdict(),
    undefined,
    prepared?.entries,
  );
  return { submission: recorded, ...(prepared ? { prepared } : {}) };
}

const idOf = (url: string) => new URL(url).pathname.split("/").at(-1) ?? "";

describe.each(stores)("links on the submission's item, on %s", (_name, make) => {
  it("are read back with the submission's file, checked version and receipt, in the reviewers' order", async () => {
    const s = await make();
    const { submission, prepared } = await accepted(s);

    const read = await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId);

    expect(read).toStrictEqual(
      REVIEWERS.map((reviewer, i): ReviewerLinkRecord => {
        const link = prepared?.links[i];
        return {
          linkHash: link?.linkHash ?? "",
          schoolId: SCHOOL_ID,
          submissionId: submission.submissionId,
          receiptNumber: submission.verdict?.receiptNumber ?? "",
          objectKey: submission.objectKey,
          versionId: VERSION,
          fileName: submission.fileName,
          reviewer,
          createdAt: new Date(NOW.getTime() + i).toISOString(),
          expiresAt: "2024-11-16T01:05:03.000Z",
          downloads: 0,
          onSubmission: true,
        };
      }),
    );
    // Each id names the submission, and only its hash is stored.
    for (const link of prepared?.links ?? []) {
      const id = idOf(link.url);
      expect(parseLinkId(id)).toEqual({
        kind: "submission",
        schoolId: SCHOOL_ID,
        submissionId: submission.submissionId,
      });
      expect(hashLinkId(id)).toBe(link.linkHash);
      expect(
        JSON.stringify(await s.submissions.getSubmission(SCHOOL_ID, submission.submissionId)),
      ).not.toContain(id.split(".").at(-1));
    }
  });

  it("are none on a submission without links, and undefined for an unknown submission", async () => {
    const s = await make();
    const { submission } = await accepted(s, false);

    expect(await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId)).toEqual([]);
    expect(await s.links.getOnSubmission(SCHOOL_ID, "01JCZZZZZZZZZZZZZZZZZZZZZZ")).toBeUndefined();
  });

  it("count a download on the item, and only for a link that is there", async () => {
    const s = await make();
    const { submission, prepared } = await accepted(s);
    const home = { schoolId: SCHOOL_ID, submissionId: submission.submissionId };
    const hash = prepared?.links[0]?.linkHash ?? "";

    expect(await s.links.recordDownload(hash, "2024-11-15T02:00:00.000Z", home)).toBe(true);
    expect(await s.links.recordDownload(hash, "2024-11-15T03:00:00.000Z", home)).toBe(true);
    expect(await s.links.recordDownload("f".repeat(64), "2024-11-15T03:00:00.000Z", home)).toBe(false);

    const [first, second] = (await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId)) ?? [];
    expect(first).toMatchObject({ downloads: 2, lastAccessAt: "2024-11-15T03:00:00.000Z" });
    expect(second).toMatchObject({ downloads: 0 });
    expect(second).not.toHaveProperty("lastAccessAt");
    // The link item of the same hash is another place: none there.
    expect(await s.links.recordDownload(hash, "2024-11-15T03:00:00.000Z")).toBe(false);
  });

  it("revoke one link on the item: revoked, then already; an unknown link or submission is not found", async () => {
    const s = await make();
    const { submission, prepared } = await accepted(s);
    const home = { schoolId: SCHOOL_ID, submissionId: submission.submissionId };
    const hash = prepared?.links[1]?.linkHash ?? "";

    expect(await s.links.revoke(hash, "2024-11-15T04:00:00.000Z", home)).toBe("revoked");
    expect(await s.links.revoke(hash, "2024-11-15T05:00:00.000Z", home)).toBe("already");
    expect(await s.links.revoke("f".repeat(64), "2024-11-15T05:00:00.000Z", home)).toBe("not-found");
    expect(
      await s.links.revoke(hash, "2024-11-15T05:00:00.000Z", {
        ...home,
        submissionId: "01JCZZZZZZZZZZZZZZZZZZZZZZ",
      }),
    ).toBe("not-found");

    const read = (await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId)) ?? [];
    expect(read.map((l) => l.revokedAt)).toEqual([undefined, "2024-11-15T04:00:00.000Z"]);
  });

  it("take a redelivery's links in one write beside the verdict's, and refuse a write that misjudged the map", async () => {
    const s = await make();
    const { submission, prepared } = await accepted(s);
    const home = { schoolId: SCHOOL_ID, submissionId: submission.submissionId };
    const later = issuerOn(s.links, new Date("2024-11-15T06:00:00.000Z"));

    await expect(later.issueOnSubmission(home, [REVIEWERS[1] ?? ""], false)).rejects.toThrow(/changed/);
    const added = await later.issueOnSubmission(home, [REVIEWERS[1] ?? ""], true);

    const read = (await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId)) ?? [];
    expect(read.map((l) => [l.linkHash, l.reviewer])).toEqual([
      [prepared?.links[0]?.linkHash, REVIEWERS[0]],
      [prepared?.links[1]?.linkHash, REVIEWERS[1]],
      [added.links[0]?.linkHash, REVIEWERS[1]],
    ]);
    // A link already there is never overwritten.
    await expect(s.links.addToSubmission(home, prepared?.entries ?? {}, true)).rejects.toThrow(/changed/);
    expect(await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(read);
  });

  it("start the map on a submission decided without links", async () => {
    const s = await make();
    const { submission } = await accepted(s, false);
    const home = { schoolId: SCHOOL_ID, submissionId: submission.submissionId };

    await expect(issuerOn(s.links).issueOnSubmission(home, REVIEWERS, true)).rejects.toThrow(/changed/);
    const added = await issuerOn(s.links).issueOnSubmission(home, REVIEWERS, false);

    const read = (await s.links.getOnSubmission(SCHOOL_ID, submission.submissionId)) ?? [];
    expect(read.map((l) => l.linkHash)).toEqual(added.links.map((l) => l.linkHash));
  });

  it("are listed for the operator beside the submission's link items, and found by reference", async () => {
    const s = await make();
    const { submission, prepared } = await accepted(s);
    const older = await issuerOn(s.links, new Date("2024-11-15T01:00:00.000Z")).issue({
      schoolId: SCHOOL_ID,
      submissionId: submission.submissionId,
      receiptNumber: submission.verdict?.receiptNumber ?? "",
      objectKey: submission.objectKey,
      versionId: VERSION,
      fileName: submission.fileName,
      reviewer: "earlier@review.henan.gov.cn",
    });
    const olderHash = hashLinkId(idOf(older.url));

    const listed = await s.links.listForSubmission(submission.submissionId, SCHOOL_ID);
    expect(listed.map((l) => [l.linkHash, l.onSubmission ?? false])).toEqual([
      [olderHash, false],
      [prepared?.links[0]?.linkHash, true],
      [prepared?.links[1]?.linkHash, true],
    ]);
    // Without the school's id, only the link items (as before).
    expect((await s.links.listForSubmission(submission.submissionId)).map((l) => l.linkHash)).toEqual([
      olderHash,
    ]);

    const ref = linkRef(prepared?.links[1]?.linkHash ?? "");
    expect(await s.links.findByRef(ref)).toStrictEqual([listed[2]]);
    expect((await s.links.findByRef(linkRef(olderHash))).map((l) => l.linkHash)).toEqual([olderHash]);
  });
});
