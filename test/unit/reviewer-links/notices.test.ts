/** Reviewers' notices carry a link of each reviewer's own to the API's /r/{linkId} route, never a presigned URL. */
import { beforeEach, describe, expect, it } from "vitest";
import { type ProcessDeps, processUpload } from "../../../shared/processing/process-upload.ts";
import { createReviewerLinkIssuer } from "../../../shared/reviewer-links/issue-link.ts";
import { hashLinkId } from "../../../shared/reviewer-links/link-id.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import { uploadKey } from "../../../shared/submissions/object-key.ts";
import type { SchoolRecord, SubmissionRecord } from "../../../shared/submissions/records.ts";
import { FakeInspector } from "../../fakes/fake-inspector.ts";
import { MemoryMailer } from "../../fakes/memory-mailer.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";
import { inspected } from "../../helpers/facts.ts";
import { storedUpload } from "../../helpers/pending-upload.ts";
import { registeredSchool } from "../../helpers/school-record.ts";

const SCHOOL_ID = "12410000MB0000001X";
const REVIEWERS = ["a@review.example.cn", "b@review.example.cn"];
const NOW = new Date("2024-11-10T02:00:00.000Z");

const school: SchoolRecord = registeredSchool(SCHOOL_ID, NOW.toISOString());

let submissions: MemorySubmissionRepository;
let objects: MemoryObjectStore;
let mailer: MemoryMailer;
let links: MemoryReviewerLinkStore;
let schools: MemorySchoolRepository;

beforeEach(async () => {
  submissions = new MemorySubmissionRepository();
  objects = new MemoryObjectStore();
  mailer = new MemoryMailer();
  links = new MemoryReviewerLinkStore(submissions);
  schools = new MemorySchoolRepository();
  await schools.registerSchool(school);
});

function deps(withLinks = true): ProcessDeps {
  return {
    ctx: henanContext({ deadline: "2024-11-15T23:59:59+08:00" }),
    schools,
    submissions,
    objects,
    mailer,
    inspector: new FakeInspector(inspected({ pageCount: 12, title: "佐证材料" })),
    reviewers: REVIEWERS,
    ...(withLinks
      ? {
          reviewerLinks: createReviewerLinkIssuer({
            store: links,
            apiUrl: "https://abc.execute-api.ap-east-1.amazonaws.com/",
            lifetimeSeconds: 86_400,
            clock: () => NOW,
          }),
        }
      : {}),
    delivery: { id: "message-1", until: new Date(NOW.getTime() + 60_000) },
    clock: () => NOW,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}

async function acceptedUpload(withLinks = true) {
  const submissionId = newSubmissionId(new Date(NOW.getTime() - 60_000));
  const submission: SubmissionRecord = {
    submissionId,
    schoolId: SCHOOL_ID,
    callId: "henan-2024",
    documentType: "evidence",
    fileName: GOOD_NAME,
    objectKey: uploadKey(SCHOOL_ID, submissionId, GOOD_NAME),
    declaredSize: 5,
    state: "PENDING",
    createdAt: new Date(NOW.getTime() - 60_000).toISOString(),
    linkExpiresAt: new Date(NOW.getTime() + 840_000).toISOString(),
  };
  await submissions.createPending(submission);
  const object = storedUpload(objects, submission, new Date(NOW.getTime() - 30_000).toISOString());
  const outcome = await processUpload(object, deps(withLinks));
  expect(outcome).toMatchObject({ kind: "decided", state: "ACCEPTED" });
  return { submission, versionId: object.versionId };
}

/** The link in a notice; its id names the submission (`{schoolId}.{submissionId}.{secret}`). */
const linkIn = (text: string | undefined) =>
  /下载链接（(.*?)前有效）：(https:\/\/\S+\/r\/([0-9A-Z]{18}\.[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}))\n/.exec(
    text ?? "",
  );

describe("reviewers' notices", () => {
  it("give each reviewer a link of their own on the API, stored by hash with the checked version", async () => {
    const { submission, versionId } = await acceptedUpload();

    const found = REVIEWERS.map((to) => {
      const notices = mailer.to(to);
      expect(notices, to).toHaveLength(1);
      const match = linkIn(notices[0]?.text);
      expect(match, notices[0]?.text).not.toBeNull();
      expect(notices[0]?.html).toContain(`href="${match?.[2]}"`);
      return { to, expires: match?.[1], url: match?.[2] ?? "", id: match?.[3] ?? "" };
    });
    expect(found[0]?.id).not.toBe(found[1]?.id);
    for (const { to, expires, url, id } of found) {
      expect(url).toBe(`https://abc.execute-api.ap-east-1.amazonaws.com/r/${id}`);
      // The stated life is the link's, 24 h from now: 2024-11-11 10:00 Beijing time.
      expect(expires).toBe("2024年11月11日 10:00:00（北京时间）");
      expect(id.startsWith(`${SCHOOL_ID}.${submission.submissionId}.`)).toBe(true);
      // Kept on the submission's item, by hash (written with the verdict): no link item.
      const stored = await links.getOnSubmission(SCHOOL_ID, submission.submissionId);
      expect(stored?.find((l) => l.linkHash === hashLinkId(id))).toMatchObject({
        reviewer: to,
        submissionId: submission.submissionId,
        objectKey: submission.objectKey,
        versionId,
        fileName: GOOD_NAME,
        expiresAt: "2024-11-11T02:00:00.000Z",
      });
    }
    expect(links.links.size).toBe(0);
    // No presigned S3 URL went out: those die with the function's credentials.
    expect(objects.presigned).toEqual([]);
  });

  it("without an issuer, carry no link and say where to download", async () => {
    await acceptedUpload(false);
    expect(mailer.to(REVIEWERS[0] ?? "")[0]?.text).toContain("请通过管理端下载该材料。");
    expect(links.links.size).toBe(0);
    expect((await submissions.listSchoolSubmissions(SCHOOL_ID))[0]?.reviewerLinks).toBeUndefined();
  });
});
