import { beforeEach, describe, expect, it } from "vitest";
import { createReviewerLinkIssuer } from "../../../shared/reviewer-links/issue-link.ts";
import { generateLinkId, hashLinkId } from "../../../shared/reviewer-links/link-id.ts";
import { DOWNLOAD_REDIRECT_SECONDS, openReviewerLink } from "../../../shared/reviewer-links/open-link.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";

const KEY = "uploads/12410000MB0000001X/01JSUB/河南工业职业技术学院申报材料（数控技术专业）.pdf";
const FILE_NAME = "河南工业职业技术学院申报材料（数控技术专业）.pdf";
const ISSUED = new Date("2024-11-10T02:00:00.000Z");
const DAY_S = 86_400;

let store: MemoryReviewerLinkStore;
let objects: MemoryObjectStore;
let now: Date;
let checkedVersion: string;

beforeEach(() => {
  store = new MemoryReviewerLinkStore();
  objects = new MemoryObjectStore();
  now = ISSUED;
  checkedVersion = objects.put(KEY, new Uint8Array([1, 2, 3])).versionId;
});

async function issue(reviewer = "expert@review.example.cn") {
  const issuer = createReviewerLinkIssuer({
    store,
    apiUrl: "https://abc.execute-api.ap-east-1.amazonaws.com/",
    lifetimeSeconds: DAY_S,
    clock: () => now,
  });
  const issued = await issuer.issue({
    schoolId: "12410000MB0000001X",
    submissionId: "01JSUB",
    receiptNumber: "SB20241110-ABCDEFGHJK",
    objectKey: KEY,
    versionId: checkedVersion,
    fileName: FILE_NAME,
    reviewer,
  });
  const linkId = /\/r\/([A-Za-z0-9_-]{43})$/.exec(issued.url)?.[1] ?? "";
  return { ...issued, linkId };
}

const open = (linkId: string) => openReviewerLink(linkId, { links: store, objects, clock: () => now });

describe("issuing a reviewer link", () => {
  it("stores only the id's hash, with the checked version, the reviewer and the stated expiry", async () => {
    const { url, linkId, expiresAt } = await issue();

    expect(url).toBe(`https://abc.execute-api.ap-east-1.amazonaws.com/r/${linkId}`);
    expect(expiresAt).toEqual(new Date(ISSUED.getTime() + DAY_S * 1000));
    expect([...store.links.keys()]).toEqual([hashLinkId(linkId)]);
    expect(JSON.stringify([...store.links.values()])).not.toContain(linkId);
    expect(store.links.get(hashLinkId(linkId))).toStrictEqual({
      linkHash: hashLinkId(linkId),
      schoolId: "12410000MB0000001X",
      submissionId: "01JSUB",
      receiptNumber: "SB20241110-ABCDEFGHJK",
      objectKey: KEY,
      versionId: checkedVersion,
      fileName: FILE_NAME,
      reviewer: "expert@review.example.cn",
      createdAt: ISSUED.toISOString(),
      expiresAt: expiresAt.toISOString(),
      downloads: 0,
    });
  });

  it("gives each reviewer a link of their own", async () => {
    const a = await issue("a@review.example.cn");
    const b = await issue("b@review.example.cn");
    expect(a.linkId).not.toBe(b.linkId);
    expect(store.links.size).toBe(2);
  });
});

describe("opening a reviewer link", () => {
  it("downloads the checked version, presigned now for minutes, under the file's name, and counts it", async () => {
    const { linkId } = await issue();
    // A later upload under the same key is not what the reviewer gets.
    objects.put(KEY, new Uint8Array([9, 9, 9]));
    now = new Date(ISSUED.getTime() + (DAY_S - 1) * 1000);

    const outcome = await open(linkId);

    expect(outcome.kind).toBe("download");
    expect(objects.presigned).toStrictEqual([
      {
        key: KEY,
        fileName: FILE_NAME,
        expiresInSeconds: DOWNLOAD_REDIRECT_SECONDS,
        versionId: checkedVersion,
      },
    ]);
    expect(DOWNLOAD_REDIRECT_SECONDS).toBeLessThanOrEqual(600);
    const stored = await store.get(hashLinkId(linkId));
    expect(stored).toMatchObject({ downloads: 1, lastAccessAt: now.toISOString() });
    await open(linkId);
    expect((await store.get(hashLinkId(linkId)))?.downloads).toBe(2);
  });

  it("works for the link's whole stated life and not a moment longer", async () => {
    const { linkId, expiresAt } = await issue();
    now = new Date(expiresAt.getTime() - 1);
    expect((await open(linkId)).kind).toBe("download");
    now = expiresAt;
    expect(await open(linkId)).toMatchObject({ kind: "gone", reason: "expired" });
    expect(objects.presigned).toHaveLength(1);
  });

  it("refuses a revoked link, and counts nothing", async () => {
    const { linkId } = await issue();
    expect(await store.revoke(hashLinkId(linkId), ISSUED.toISOString())).toBe("revoked");
    expect(await store.revoke(hashLinkId(linkId), ISSUED.toISOString())).toBe("already");

    expect(await open(linkId)).toMatchObject({ kind: "gone", reason: "revoked" });
    expect(objects.presigned).toEqual([]);
    expect((await store.get(hashLinkId(linkId)))?.downloads).toBe(0);
  });

  it("says only 'not found' for a tampered, unknown or malformed id, and presigns nothing", async () => {
    const { linkId } = await issue();
    const last = linkId.at(-1) === "A" ? "B" : "A";
    const tampered = `${linkId.slice(0, -1)}${last}`;
    for (const id of [tampered, generateLinkId(), "", "../../etc/passwd", `${linkId}=`]) {
      expect(await open(id), id).toStrictEqual({ kind: "not-found" });
    }
    expect(objects.presigned).toEqual([]);
  });

  it("answers 'gone' when the checked version is no longer stored", async () => {
    const { linkId } = await issue();
    objects.delete(KEY);
    expect(await open(linkId)).toMatchObject({ kind: "gone", reason: "object-missing" });
    expect(objects.presigned).toEqual([]);
  });
});
