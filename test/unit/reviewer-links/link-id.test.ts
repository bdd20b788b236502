import { describe, expect, it } from "vitest";
import { reviewerLink } from "../../../shared/api/page-links.ts";
import {
  generateLinkId,
  hashLinkId,
  linkIdIn,
  linkRef,
  looksLikeLinkId,
  looksLikeLinkRef,
} from "../../../shared/reviewer-links/link-id.ts";
import { linkStatus, type ReviewerLinkRecord } from "../../../shared/reviewer-links/reviewer-link.ts";

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
