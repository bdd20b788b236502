import { Logger } from "@aws-lambda-powertools/logger";
import { beforeEach, describe, expect, it } from "vitest";
import { createReviewerLinkHandler } from "../../../functions/reviewer-link/create-handler.ts";
import { createReviewerLinkIssuer } from "../../../shared/reviewer-links/issue-link.ts";
import { hashLinkId } from "../../../shared/reviewer-links/link-id.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { acceptedWithLinks } from "../../helpers/links-on-submission.ts";
import { CONTEXT, httpEvent } from "./fake-dependencies.ts";

const KEY = "uploads/12410000MB0000001X/01JSUB/申报材料（数控技术专业）.pdf";
const ISSUED = new Date("2024-11-10T02:00:00.000Z");

/** A logger whose lines are kept, to read what an operator would. */
function recordingLogger() {
  const lines: string[] = [];
  const logger = new Logger({
    serviceName: "reviewer-link",
    logLevel: "INFO",
    logRecordOrder: ["message"],
  });
  // Powertools writes through console methods; keep the JSON lines.
  for (const level of ["info", "warn", "error"] as const) {
    (logger as unknown as { console: Record<string, (line: string) => void> }).console[level] = (line) => {
      lines.push(line);
    };
  }
  return { logger, lines };
}

let store: MemoryReviewerLinkStore;
let submissions: MemorySubmissionRepository;
let objects: MemoryObjectStore;
let now: Date;
let log: ReturnType<typeof recordingLogger>;

beforeEach(() => {
  submissions = new MemorySubmissionRepository();
  store = new MemoryReviewerLinkStore(submissions);
  objects = new MemoryObjectStore();
  now = ISSUED;
  log = recordingLogger();
});

async function liveLink() {
  const versionId = objects.put(KEY, new Uint8Array([37, 80, 68, 70])).versionId;
  const issued = await createReviewerLinkIssuer({
    store,
    apiUrl: "https://api.example.cn/",
    lifetimeSeconds: 86_400,
    clock: () => now,
  }).issue({
    schoolId: "12410000MB0000001X",
    submissionId: "01JSUB",
    receiptNumber: "SB20241110-ABCDEFGHJK",
    objectKey: KEY,
    versionId,
    fileName: "申报材料（数控技术专业）.pdf",
    reviewer: "expert@review.example.cn",
  });
  return { ...issued, linkId: issued.url.split("/r/")[1] ?? "" };
}

function get(linkId: string) {
  const handler = createReviewerLinkHandler({
    reviewerLinks: store,
    objects,
    clock: () => now,
    logger: log.logger,
  });
  return handler(
    httpEvent({ path: `/r/${linkId}`, pathParameters: { linkId }, sourceIp: "198.51.100.7" }),
    CONTEXT,
  );
}

describe("GET /r/{linkId}", () => {
  it("redirects a live link to a fresh presigned GET of the checked version, uncached, and logs the download", async () => {
    const { linkId } = await liveLink();

    const response = await get(linkId);

    expect(response.statusCode).toBe(302);
    expect(response.headers?.location).toMatch(
      /^https:\/\/uploads\.example\.test\/uploads\/.*expires=300&versionId=v1$/,
    );
    expect(response.headers).toMatchObject({ "cache-control": "no-store", "referrer-policy": "no-referrer" });
    const lines = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      message: "reviewer download",
      link: hashLinkId(linkId).slice(0, 12),
      reviewer: "expert@review.example.cn",
      submissionId: "01JSUB",
      receiptNumber: "SB20241110-ABCDEFGHJK",
      versionId: "v1",
      downloads: 1,
      sourceIp: "198.51.100.7",
    });
    // The id itself, the credential, is in no log line.
    expect(log.lines.join("\n")).not.toContain(linkId);
    expect((await store.get(hashLinkId(linkId)))?.downloads).toBe(1);
  });

  it("answers an expired link 410 with a Chinese page giving the expiry in Beijing time", async () => {
    const { linkId } = await liveLink();
    now = new Date(ISSUED.getTime() + 86_400_000);

    const response = await get(linkId);

    expect(response.statusCode).toBe(410);
    expect(response.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers?.["content-security-policy"]).toContain("default-src 'none'");
    expect(response.body).toContain("下载链接已过期");
    expect(response.body).toContain("2024年11月11日 10:00:00（北京时间）");
    expect(objects.presigned).toEqual([]);
  });

  it("answers a revoked link 410 with its own Chinese page", async () => {
    const { linkId } = await liveLink();
    await store.revoke(hashLinkId(linkId), ISSUED.toISOString());

    const response = await get(linkId);

    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("下载链接已被撤销");
    expect(JSON.parse(log.lines[0] ?? "{}")).toMatchObject({
      message: "reviewer link refused",
      reason: "revoked",
    });
  });

  it("answers a tampered or malformed id 404 with the same page, whatever it was", async () => {
    const { linkId } = await liveLink();
    const tampered = `${linkId.slice(0, 10)}${linkId[10] === "x" ? "y" : "x"}${linkId.slice(11)}`;
    const bodies = new Set<string>();
    for (const id of [tampered, "short", `${"A".repeat(42)}%`]) {
      const response = await get(id);
      expect(response.statusCode, id).toBe(404);
      expect(response.body).toContain("下载链接无效");
      bodies.add(response.body ?? "");
    }
    expect(bodies.size).toBe(1);
    expect((await store.get(hashLinkId(linkId)))?.downloads).toBe(0);
  });

  it("answers a store failure 500 with a Chinese page, logging the link's reference, never its id", async () => {
    const { linkId } = await liveLink();
    store.get = async () => {
      throw new Error("ProvisionedThroughputExceededException");
    };

    const response = await get(linkId);

    expect(response.statusCode).toBe(500);
    expect(response.body).toContain("暂时无法下载");
    expect(JSON.parse(log.lines[0] ?? "{}")).toMatchObject({
      message: "reviewer link failed",
      link: hashLinkId(linkId).slice(0, 12),
    });
    expect(log.lines.join("\n")).not.toContain(linkId);
  });
});

/**
 * A link as processing issues it now: on its accepted submission's item, written by the verdict's own write, its id
 * naming the submission. Two reviewers, so a wrong secret has other links to be compared against.
 */
async function linkOnSubmission() {
  const { recorded, ids } = await acceptedWithLinks(
    { submissions, store, objects },
    {
      reviewers: ["expert@review.example.cn", "other@review.example.cn"],
      clock: () => now,
      uploadedAt: "2024-11-10T01:59:00.000Z",
      claimedAt: "2024-11-10T01:59:30.000Z",
      submission: { createdAt: "2024-11-10T01:58:00.000Z" },
      bytes: new Uint8Array([37, 80, 68, 70]),
    },
  );
  const linkId = ids[0] ?? "";
  const downloads = async () =>
    (await store.getOnSubmission(recorded.schoolId, recorded.submissionId))?.find(
      (l) => l.linkHash === hashLinkId(linkId),
    )?.downloads;
  return { submission: recorded, linkId, downloads };
}

describe("GET /r/{linkId} for a link kept on its submission (id `{schoolId}.{submissionId}.{secret}`)", () => {
  it("redirects to a fresh presigned GET of the checked version, counts the download on the item, logs it", async () => {
    const { submission, linkId, downloads } = await linkOnSubmission();

    const response = await get(linkId);

    expect(response.statusCode).toBe(302);
    expect(response.headers?.location).toMatch(
      /^https:\/\/uploads\.example\.test\/uploads\/.*expires=300&versionId=v1$/,
    );
    expect(response.headers).toMatchObject({ "cache-control": "no-store", "referrer-policy": "no-referrer" });
    expect(JSON.parse(log.lines[0] ?? "{}")).toMatchObject({
      message: "reviewer download",
      link: hashLinkId(linkId).slice(0, 12),
      reviewer: "expert@review.example.cn",
      submissionId: submission.submissionId,
      schoolId: submission.schoolId,
      receiptNumber: submission.verdict?.receiptNumber,
      versionId: "v1",
      downloads: 1,
    });
    expect(log.lines.join("\n")).not.toContain(linkId);
    expect(await downloads()).toBe(1);
    expect(store.links.size).toBe(0);
  });

  it("works beside a link item issued before: both shapes download", async () => {
    const older = await liveLink();
    const { linkId } = await linkOnSubmission();

    expect((await get(older.linkId)).statusCode).toBe(302);
    expect((await get(linkId)).statusCode).toBe(302);
    expect((await store.get(hashLinkId(older.linkId)))?.downloads).toBe(1);
  });

  it("answers a wrong secret, an unknown submission and another submission's secret 404 with the old shape's page", async () => {
    const { submission, linkId, downloads } = await linkOnSubmission();
    const other = await linkOnSubmission();
    const secret = linkId.split(".")[2] ?? "";
    const wrongSecret = `${linkId.slice(0, -1)}${linkId.endsWith("A") ? "B" : "A"}`;
    const unknownSubmission = `${submission.schoolId}.01JCZZZZZZZZZZZZZZZZZZZZZZ.${secret}`;
    const moved = `${other.submission.schoolId}.${other.submission.submissionId}.${secret}`;
    const unknownSchool = `91410000MA0000000X.${submission.submissionId}.${secret}`;
    const oldShapeUnknown = await get("A".repeat(43));
    expect(oldShapeUnknown.statusCode).toBe(404);

    for (const id of [wrongSecret, unknownSubmission, moved, unknownSchool]) {
      const response = await get(id);
      expect(response.statusCode, id).toBe(404);
      expect(response.body, id).toBe(oldShapeUnknown.body);
      expect(response.headers, id).toStrictEqual(oldShapeUnknown.headers);
    }
    expect(await downloads()).toBe(0);
    expect(await other.downloads()).toBe(0);
    expect(objects.presigned).toEqual([]);
  });

  it("answers an expired link 410 with the same Chinese page as a link item's", async () => {
    const older = await liveLink();
    const { linkId } = await linkOnSubmission();
    now = new Date(ISSUED.getTime() + 86_400_000);

    const response = await get(linkId);

    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("下载链接已过期");
    expect(response.body).toContain("2024年11月11日 10:00:00（北京时间）");
    expect(response.body).toBe((await get(older.linkId)).body);
    expect(objects.presigned).toEqual([]);
  });

  it("answers a link revoked on the item 410 with the same Chinese page, the other reviewer's still working", async () => {
    const older = await liveLink();
    await store.revoke(hashLinkId(older.linkId), ISSUED.toISOString());
    const { submission, linkId } = await linkOnSubmission();
    const home = { schoolId: submission.schoolId, submissionId: submission.submissionId };
    expect(await store.revoke(hashLinkId(linkId), ISSUED.toISOString(), home)).toBe("revoked");

    const response = await get(linkId);

    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("下载链接已被撤销");
    expect(response.body).toBe((await get(older.linkId)).body);
    const [, otherLink] = (await store.getOnSubmission(home.schoolId, home.submissionId)) ?? [];
    expect(otherLink?.revokedAt).toBeUndefined();
  });
});
