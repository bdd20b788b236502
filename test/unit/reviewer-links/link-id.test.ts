import { describe, expect, it } from "vitest";
import { reviewerLink } from "../../../shared/api/page-links.ts";
import {
  generateLinkId,
  generateSubmissionLinkId,
  hashLinkId,
  linkIdIn,
  linkRef,
  looksLikeLinkId,
  looksLikeLinkRef,
  parseLinkId,
  SubmissionNotLinkable,
} from "../../../shared/reviewer-links/link-id.ts";
import { linkStatus, type ReviewerLinkRecord } from "../../../shared/reviewer-links/reviewer-link.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";

describe("reviewer link ids", () => {
  it("are 32 random bytes in base64url, never repeated, and only their SHA-256 is a key", () => {
    const ids = Array.from({ length: 200 }, generateLinkId);
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(id, "base64url")).toHaveLength(32);
      expect(looksLikeLinkId(id)).toBe(true);
      expect(hashLinkId(id)).toMatch(/^[0-9a-f]{64}$/);
      expect(hashLinkId(id)).not.toContain(id);
    }
    // The SHA-256 test vector, so the hash is the one documented.
    expect(hashLinkId("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("refuse anything else before a lookup: short, long, padded, other alphabets, a school token", () => {
    const id = generateLinkId();
    for (const bad of [
      "",
      id.slice(1),
      `${id}A`,
      `${id.slice(0, 42)}=`,
      `${id.slice(0, 42)}+`,
      `sbt_${id}`,
    ]) {
      expect(looksLikeLinkId(bad), bad).toBe(false);
    }
  });

  it("are found in what an operator pastes: the id, or the link from the e-mail", () => {
    const id = generateLinkId();
    const url = reviewerLink("https://abc.execute-api.ap-east-1.amazonaws.com/", id);
    expect(url).toBe(`https://abc.execute-api.ap-east-1.amazonaws.com/r/${id}`);
    expect(linkIdIn(url)).toBe(id);
    expect(linkIdIn(` ${id} `)).toBe(id);
    expect(linkIdIn(`${url}/`)).toBe(id);
    expect(linkIdIn(`${url}x`)).toBeUndefined();
    expect(linkIdIn("https://example.cn/r/short")).toBeUndefined();
  });

  it("are referred to by their hash's first 12 hex digits", () => {
    const hash = hashLinkId(generateLinkId());
    expect(linkRef(hash)).toBe(hash.slice(0, 12));
    expect(looksLikeLinkRef(linkRef(hash))).toBe(true);
    expect(looksLikeLinkRef(hash)).toBe(true);
    expect(looksLikeLinkRef(hash.slice(0, 11))).toBe(false);
    expect(looksLikeLinkRef(linkRef(hash).toUpperCase().replace(/[0-9]/g, "G"))).toBe(false);
  });
});

describe("reviewer link ids that name their submission", () => {
  const SCHOOL_ID = "12410000MB0000001X";
  const SUBMISSION_ID = newSubmissionId(new Date("2024-11-15T01:00:00.000Z"));

  it("are the school's and the submission's ids, then 32 random bytes; the hash covers the whole id", () => {
    const ids = Array.from({ length: 200 }, () => generateSubmissionLinkId(SCHOOL_ID, SUBMISSION_ID));
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) {
      const [school, submission, secret] = id.split(".");
      expect([school, submission]).toEqual([SCHOOL_ID, SUBMISSION_ID]);
      expect(Buffer.from(secret ?? "", "base64url")).toHaveLength(32);
      expect(parseLinkId(id)).toEqual({
        kind: "submission",
        schoolId: SCHOOL_ID,
        submissionId: SUBMISSION_ID,
      });
      expect(hashLinkId(id)).not.toBe(hashLinkId(secret ?? ""));
    }
    // An id of the old shape is still recognised, as a link item's.
    expect(parseLinkId(generateLinkId())).toEqual({ kind: "item" });
  });

  it("refuse ids that cannot be named, and parse nothing malformed", () => {
    expect(() => generateSubmissionLinkId("S", SUBMISSION_ID)).toThrow(SubmissionNotLinkable);
    expect(() => generateSubmissionLinkId(SCHOOL_ID, "01JSUB")).toThrow(SubmissionNotLinkable);
    const id = generateSubmissionLinkId(SCHOOL_ID, SUBMISSION_ID);
    for (const bad of [
      `${id}A`,
      id.slice(0, -1),
      id.replace(".", "#"),
      id.toLowerCase(),
      `${SCHOOL_ID}.${SUBMISSION_ID}`,
      `${SCHOOL_ID}.${SUBMISSION_ID}.${SUBMISSION_ID}.${generateLinkId()}`,
      `../${id}`,
    ]) {
      expect(parseLinkId(bad), bad).toBeUndefined();
      expect(looksLikeLinkId(bad), bad).toBe(false);
    }
  });

  it("are found in what an operator pastes", () => {
    const id = generateSubmissionLinkId(SCHOOL_ID, SUBMISSION_ID);
    const url = reviewerLink("https://abc.execute-api.ap-east-1.amazonaws.com/", id);
    expect(linkIdIn(url)).toBe(id);
    expect(linkIdIn(` ${id} `)).toBe(id);
    expect(linkIdIn(`${url}/`)).toBe(id);
    expect(linkIdIn(`${url}x`)).toBeUndefined();
  });
});

describe("reviewer link URLs", () => {
  it("never double the slash and keep a path in the API's URL", () => {
    for (const base of ["https://api.example.cn/", "https://api.example.cn", "https://api.example.cn//"]) {
      expect(reviewerLink(base, "ID")).toBe("https://api.example.cn/r/ID");
    }
    expect(reviewerLink("https://example.cn/shenbao/", "ID")).toBe("https://example.cn/shenbao/r/ID");
  });
});

describe("a link's status", () => {
  const link: ReviewerLinkRecord = {
    linkHash: "a".repeat(64),
    schoolId: "S",
    submissionId: "SUB",
    receiptNumber: "SB1",
    objectKey: "uploads/S/SUB/f.pdf",
    fileName: "f.pdf",
    reviewer: "r@example.cn",
    createdAt: "2024-11-10T00:00:00.000Z",
    expiresAt: "2024-11-11T00:00:00.000Z",
    downloads: 0,
  };

  it("is live until its expiry, expired from that instant, revoked whatever the time once revoked", () => {
    expect(linkStatus(link, new Date("2024-11-10T23:59:59.999Z"))).toBe("live");
    expect(linkStatus(link, new Date("2024-11-11T00:00:00.000Z"))).toBe("expired");
    const revoked = { ...link, revokedAt: "2024-11-10T12:00:00.000Z" };
    expect(linkStatus(revoked, new Date("2024-11-10T12:00:01.000Z"))).toBe("revoked");
    expect(linkStatus(revoked, new Date("2025-01-01T00:00:00.000Z"))).toBe("revoked");
  });
});
