import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSubmissionId, newSubmissionId, receiptNumber } from "../../../shared/submissions/ids.ts";
import { decodeS3EventKey, parseUploadKey, uploadKey } from "../../../shared/submissions/object-key.ts";
import {
  generateSchoolToken,
  hashesEqual,
  hashToken,
  looksLikeToken,
  parseToken,
  SchoolIdNotTokenable,
} from "../../../shared/submissions/tokens.ts";

describe("submission ids", () => {
  it("are 26-character ULIDs that sort by creation time", () => {
    const earlier = newSubmissionId(new Date("2024-11-15T15:00:00Z"));
    const later = newSubmissionId(new Date("2024-11-15T15:00:00.001Z"));
    expect(isSubmissionId(earlier)).toBe(true);
    expect(earlier < later).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newSubmissionId())).size).toBe(1000);
  });

  it("give receipt numbers dated in Beijing time, the same every time", () => {
    const id = "01JCQ3Z8XW5G7T2M9K4N6P8R0S";
    // 16:30 UTC on the 15th is already the 16th in Beijing.
    expect(receiptNumber(id, new Date("2024-11-15T16:30:00Z"))).toBe(`SB20241116-${id.slice(-10)}`);
    expect(receiptNumber(id, new Date("2024-11-15T15:59:59Z"))).toBe(`SB20241115-${id.slice(-10)}`);
  });
});

describe("upload keys", () => {
  const id = newSubmissionId();
  const name = "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术 专业）+1.pdf";

  it("round-trip through the layout", () => {
    expect(parseUploadKey(uploadKey("12410000MB0123456X", id, name))).toEqual({
      schoolId: "12410000MB0123456X",
      submissionId: id,
      fileName: name,
    });
  });

  it("refuse keys outside the layout", () => {
    expect(parseUploadKey(`other/${id}/a.pdf`)).toBeNull();
    expect(parseUploadKey(`uploads/S/${id}`)).toBeNull();
    expect(parseUploadKey("uploads/S/not-an-id/a.pdf")).toBeNull();
    expect(parseUploadKey(`uploads/S/${id}/nested/a.pdf`)).toBeNull();
  });

  it("decode keys exactly as S3 form-encodes them in events", () => {
    const encode = (k: string) => encodeURIComponent(k).replace(/%20/g, "+");
    expect(decodeS3EventKey(encode(name))).toBe(name);
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (key) => decodeS3EventKey(encode(key)) === key));
  });
});

const SCHOOL = "12410000MB1234567L";

describe("school tokens", () => {
  it("are recognisable, and stored only as a hash", () => {
    const token = generateSchoolToken(SCHOOL);
    expect(looksLikeToken(token)).toBe(true);
    expect(looksLikeToken(`${token}x`)).toBe(false);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token.slice(4, 20));
  });

  it("name their school before 256 random bits; tokens issued before (no school) are still recognised", () => {
    const token = generateSchoolToken(SCHOOL);
    const [head, secret = ""] = token.split(".");
    expect(head).toBe(`sbt_${SCHOOL}`);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(parseToken(token)).toEqual({ kind: "named", schoolId: SCHOOL });
    expect(parseToken(`sbt_${secret}`)).toEqual({ kind: "indexed" });
    expect(parseToken(`sbt_${SCHOOL}.${secret.slice(1)}`)).toBeUndefined();
    expect(parseToken(`sbt_${SCHOOL.toLowerCase()}.${secret}`)).toBeUndefined();
    expect(new Set([generateSchoolToken(SCHOOL), generateSchoolToken(SCHOOL)]).size).toBe(2);
  });

  it("cannot name an id outside the credit code's alphabet", () => {
    for (const id of [
      "",
      "school-a",
      `${SCHOOL}.`,
      SCHOOL.toLowerCase(),
      "12410000MB1234567I",
      `${SCHOOL}0`,
    ]) {
      expect(() => generateSchoolToken(id), id).toThrow(SchoolIdNotTokenable);
    }
  });

  it("compare hashes exactly", () => {
    const a = hashToken(generateSchoolToken(SCHOOL));
    const b = hashToken(generateSchoolToken(SCHOOL));
    expect(hashesEqual(a, a)).toBe(true);
    expect(hashesEqual(a, b)).toBe(false);
    expect(hashesEqual(a, a.slice(0, 62))).toBe(false);
  });
});
