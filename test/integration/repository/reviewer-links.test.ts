/**
 * Storing a notice's reviewer links in one write (ReviewerLinkStore.createMany), on dynalite and in the in-memory
 * store of the unit tests alike: every link is stored as `create` would store it, listed in issue order, past
 * BatchWriteItem's 25 items per request too; a batch whose hashes repeat is refused before anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoReviewerLinkStore } from "../../../shared/aws/dynamodb-reviewer-links.ts";
import { createReviewerLinkIssuer } from "../../../shared/reviewer-links/issue-link.ts";
import { hashLinkId } from "../../../shared/reviewer-links/link-id.ts";
import type { ReviewerLinkRecord, ReviewerLinkStore } from "../../../shared/reviewer-links/reviewer-link.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

function aLink(n: number, submissionId: string): ReviewerLinkRecord {
  return {
    linkHash: hashLinkId(`link-${submissionId}-${n}`),
    schoolId: "12410000MB0000011X",
    submissionId,
    receiptNumber: "SB-20241115-0001",
    objectKey: `uploads/12410000MB0000011X/${submissionId}/申报书.pdf`,
    versionId: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY",
    fileName: "申报书.pdf",
    reviewer: `expert-${n}@review.henan.gov.cn`,
    createdAt: new Date(Date.UTC(2024, 10, 15, 1, 0, 0, n)).toISOString(),
    expiresAt: "2024-12-15T01:00:00.000Z",
    downloads: 0,
  };
}

const stores: Array<[string, () => Promise<ReviewerLinkStore>]> = [
  ["dynalite", async () => new DynamoReviewerLinkStore(dynamo.doc, await dynamo.createTable())],
  ["memory", async () => new MemoryReviewerLinkStore()],
];

describe.each(stores)("createMany on %s", (_name, make) => {
  it("stores every link as create would, listed in issue order", async () => {
    const store = await make();
    const links = [0, 1].map((n) => aLink(n, "01JCSUBMISSIONA0000000000"));

    await store.createMany(links);

    for (const link of links) expect(await store.get(link.linkHash)).toStrictEqual(link);
    expect(await store.listForSubmission("01JCSUBMISSIONA0000000000")).toStrictEqual(links);
  });

  it("stores more links than one request may carry", async () => {
    const store = await make();
    const links = Array.from({ length: 30 }, (_, n) => aLink(n, "01JCSUBMISSIONB0000000000"));

    await store.createMany(links);

    expect(await store.listForSubmission("01JCSUBMISSIONB0000000000")).toStrictEqual(links);
  });

  it("refuses a batch whose hashes repeat, writing nothing", async () => {
    const store = await make();
    const link = aLink(0, "01JCSUBMISSIONC0000000000");

    await expect(
      store.createMany([link, { ...link, reviewer: "other@review.henan.gov.cn" }]),
    ).rejects.toThrow(/share a hash/);
    expect(await store.get(link.linkHash)).toBeUndefined();
  });

  it("backs the issuer's issueMany: one working link per reviewer, in the order asked", async () => {
    const store = await make();
    const issuer = createReviewerLinkIssuer({
      store,
      apiUrl: "https://api.example.cn/",
      lifetimeSeconds: 3600,
      clock: () => new Date("2024-11-15T01:00:00.000Z"),
    });
    const request = {
      schoolId: "12410000MB0000011X",
      submissionId: "01JCSUBMISSIOND0000000000",
      receiptNumber: "SB-20241115-0002",
      objectKey: "uploads/12410000MB0000011X/01JCSUBMISSIOND0000000000/申报书.pdf",
      fileName: "申报书.pdf",
    };
    const reviewers = ["a@review.henan.gov.cn", "b@review.henan.gov.cn"];

    const issued = await issuer.issueMany(reviewers.map((reviewer) => ({ ...request, reviewer })));

    expect(issued).toHaveLength(2);
    const hashes = issued.map(({ url }) => hashLinkId(new URL(url).pathname.split("/").at(-1) ?? ""));
    const stored = await Promise.all(hashes.map((hash) => store.get(hash)));
    expect(stored.map((link) => link?.reviewer)).toStrictEqual(reviewers);
    expect((await store.listForSubmission(request.submissionId)).map((l) => l.reviewer)).toStrictEqual(
      reviewers,
    );
    expect(issued[0]?.expiresAt.toISOString()).toBe("2024-11-15T02:00:00.000Z");
  });
});
