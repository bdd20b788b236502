import { S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { S3ObjectStore } from "../../../shared/aws/s3-object-store.ts";
import { s3VersionIdOf } from "../../../shared/processing/uploaded-object.ts";

// Presigning is computed locally; no request is sent.
const store = new S3ObjectStore(
  new S3Client({
    region: "cn-north-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  }),
  "shenbao-uploads",
);
const key = "uploads/12410000MB1234567L/01JCQ3Z8XW5G7T2M9K4N6P8R0S/河南（数控技术专业）.pdf";

describe("reviewers' download links", () => {
  it("pin the version that was checked, and download under the Chinese name", async () => {
    const url = new URL(
      await store.presignDownload(key, "河南（数控技术专业）.pdf", 3600, "096fKKXTRTtl3on89fVO"),
    );
    expect(url.searchParams.get("versionId")).toBe("096fKKXTRTtl3on89fVO");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
    expect(url.searchParams.get("response-content-disposition")).toContain(
      "filename*=UTF-8''%E6%B2%B3%E5%8D%97%EF%BC%88",
    );
  });

  it("take the version from a recorded object version only when the bucket had versioning", () => {
    expect(s3VersionIdOf("096fKKXTRTtl3on89fVO")).toBe("096fKKXTRTtl3on89fVO");
    expect(s3VersionIdOf('"d41d8cd98f00b204e9800998ecf8427e"@0055AED6DCD90281E5')).toBeUndefined();
    expect(s3VersionIdOf(undefined)).toBeUndefined();
  });
});

describe("upload policies", () => {
  it("pin the exact key, the exact size and the PDF content type", async () => {
    const { fields } = await store.presignUpload(key, 123_456, 900);
    const policy = JSON.parse(Buffer.from(fields.Policy ?? "", "base64").toString("utf8")) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["content-length-range", 123_456, 123_456],
        ["eq", "$Content-Type", "application/pdf"],
        { key },
        { bucket: "shenbao-uploads" },
      ]),
    );
  });
});
