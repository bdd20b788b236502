import type { S3Event } from "aws-lambda";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeS3EventKey, s3TestEvent, toS3Notification } from "../../../infra/local/s3-notification.ts";

/** The decoding every handler must apply (FINDINGS: "S3 event keys are form-URL-encoded"). */
const decodeEventKey = (key: string) => decodeURIComponent(key.replace(/\+/g, " "));

describe("encodeS3EventKey", () => {
  it("form-URL-encodes a key as S3 writes it into events, keeping '/'", () => {
    expect(encodeS3EventKey("uploads/red flower.jpg")).toBe("uploads/red+flower.jpg");
    expect(encodeS3EventKey("uploads/c++ (1).pdf")).toBe("uploads/c%2B%2B+%281%29.pdf");
    expect(encodeS3EventKey("test/10:47:07=a,b;c@d&e$f")).toBe("test/10%3A47%3A07%3Da%2Cb%3Bc%40d%26e%24f");
    expect(encodeS3EventKey("uploads/申报材料（计算机）.pdf")).toBe(
      "uploads/%E7%94%B3%E6%8A%A5%E6%9D%90%E6%96%99%EF%BC%88%E8%AE%A1%E7%AE%97%E6%9C%BA%EF%BC%89.pdf",
    );
    expect(encodeS3EventKey("a-b_c.d*e~f!g'h")).toBe("a-b_c.d*e%7Ef%21g%27h");
  });

  it("decodes back to the original key for any key", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (key) => {
        const encoded = encodeS3EventKey(key);

        expect(encoded).not.toMatch(/[ （）]/);
        expect(decodeEventKey(encoded)).toBe(key);
      }),
    );
  });
});

describe("toS3Notification", () => {
  const raw: S3Event = {
    Records: [
      {
        eventVersion: "2.0",
        eventSource: "aws:s3",
        awsRegion: "us-east-1",
        eventTime: "2026-01-01T00:00:00.000Z",
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:X" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": "1", "x-amz-id-2": "2" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "testConfigId",
          bucket: { name: "b", ownerIdentity: { principalId: "P" }, arn: "arn:aws:s3: : :b" },
          object: { key: "uploads/a b.pdf", size: 3, eTag: "e", sequencer: "1" },
        },
      },
    ],
  };

  it("fixes what s3rver gets wrong: key encoding, ARN, region, event name, sequencer order", () => {
    const first = toS3Notification(raw, {
      region: "cn-north-1",
      configurationId: "uploads",
      eventName: "ObjectCreated:Post",
    });
    const second = toS3Notification(raw, { region: "cn-north-1", configurationId: "uploads" });

    expect(first.Records[0]).toMatchObject({
      eventVersion: "2.1",
      awsRegion: "cn-north-1",
      eventName: "ObjectCreated:Post",
      s3: {
        configurationId: "uploads",
        bucket: { arn: "arn:aws:s3:::b" },
        object: { key: "uploads/a+b.pdf", size: 3, eTag: "e" },
      },
    });
    expect(second.Records[0]?.eventName).toBe("ObjectCreated:Put");
    expect(
      (second.Records[0]?.s3.object.sequencer ?? "") > (first.Records[0]?.s3.object.sequencer ?? ""),
    ).toBe(true);
    expect(raw.Records[0]?.s3.object.key).toBe("uploads/a b.pdf");
  });

  it("builds S3's test event", () => {
    expect(s3TestEvent("b", new Date("2026-01-01T00:00:00Z"))).toMatchObject({
      Service: "Amazon S3",
      Event: "s3:TestEvent",
      Time: "2026-01-01T00:00:00.000Z",
      Bucket: "b",
    });
  });
});
