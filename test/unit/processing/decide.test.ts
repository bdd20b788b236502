import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../shared/checks/finding.ts";
import { verdictOf } from "../../../shared/checks/index.ts";
import { acceptedHistory, versionOf } from "../../../shared/processing/decide.ts";
import { objectVersionOf, uploadedObjectsFromBody } from "../../../shared/processing/uploaded-object.ts";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";

function submission(
  id: string,
  uploadedAt: string,
  state: SubmissionRecord["state"],
  documentType = "evidence",
): SubmissionRecord {
  return {
    submissionId: id,
    schoolId: "S",
    callId: "c",
    documentType,
    fileName: "a.pdf",
    objectKey: `uploads/S/${id}/a.pdf`,
    declaredSize: 1,
    state,
    createdAt: uploadedAt,
    linkExpiresAt: uploadedAt,
    uploadedAt,
  };
}

const late: Finding = {
  code: "DEADLINE_PASSED",
  severity: "error",
  field: "submittedAt",
  message: "",
  fix: "",
};
const pages: Finding = { code: "PDF_TOO_MANY_PAGES", severity: "error", field: "file", message: "", fix: "" };

describe("verdictOf", () => {
  it("is LATE after the deadline whatever else is wrong, REJECTED on an error, else ACCEPTED", () => {
    expect(verdictOf([pages, late])).toBe("LATE");
    expect(verdictOf([pages])).toBe("REJECTED");
    expect(verdictOf([])).toBe("ACCEPTED");
  });
});

describe("versionOf", () => {
  const a = submission("A", "2024-11-10T01:00:00.000Z", "SUPERSEDED");
  const b = submission("B", "2024-11-11T01:00:00.000Z", "ACCEPTED");
  const rejected = submission("R", "2024-11-11T02:00:00.000Z", "REJECTED");
  const plan = submission("P", "2024-11-11T03:00:00.000Z", "ACCEPTED", "plan");

  it("counts earlier accepted uploads of the same document and names the latest as replaced", () => {
    const history = acceptedHistory([b, rejected, a, plan], "evidence");
    expect(history.map((s) => s.submissionId)).toEqual(["A", "B"]);
    expect(versionOf(submission("C", "2024-11-12T00:00:00.000Z", "PROCESSING"), history)).toEqual({
      version: 3,
      replaces: "B",
    });
  });

  it("places an older upload processed late by its upload time", () => {
    const history = acceptedHistory([a, b], "evidence");
    expect(versionOf(submission("Z", "2024-11-10T12:00:00.000Z", "PROCESSING"), history)).toEqual({
      version: 2,
      replaces: "A",
    });
  });

  it("gives the first accepted upload version 1 and nothing to replace, also on a retry", () => {
    const first = submission("A", "2024-11-10T01:00:00.000Z", "ACCEPTED");
    expect(versionOf(first, [])).toEqual({ version: 1 });
    expect(versionOf(first, [first])).toEqual({ version: 1 });
  });
});

describe("uploadedObjectsFromBody", () => {
  const event = JSON.parse(
    readFileSync(new URL("../../fixtures/events/s3-object-created-post.json", import.meta.url), "utf8"),
  );
  const testEvent = readFileSync(
    new URL("../../fixtures/events/s3-test-event.json", import.meta.url),
    "utf8",
  );

  it("decodes S3's form-encoded keys and keeps the version", () => {
    const [object, ...rest] = uploadedObjectsFromBody(JSON.stringify(event));
    expect(rest).toEqual([]);
    expect(object).toEqual({
      bucket: "shenbao-uploads-prod",
      key: "uploads/12410000MB1234567L/01JCQ3Z8XW5G7T2M9K4N6P8R0S/河南演示 职业（数控技术专业）+1.pdf",
      size: 1048576,
      eTag: "d41d8cd98f00b204e9800998ecf8427e",
      versionId: "096fKKXTRTtl3on89fVO.nfljtsv6qko",
      sequencer: "0055AED6DCD90281E5",
      eventTime: "2024-11-15T15:50:12.345Z",
    });
    expect(object && objectVersionOf(object)).toBe("096fKKXTRTtl3on89fVO.nfljtsv6qko");
  });

  it("identifies an unversioned object by ETag and sequencer", () => {
    const unversioned = structuredClone(event);
    delete unversioned.Records[0].s3.object.versionId;
    const [object] = uploadedObjectsFromBody(JSON.stringify(unversioned));
    expect(object && objectVersionOf(object)).toBe("d41d8cd98f00b204e9800998ecf8427e@0055AED6DCD90281E5");
  });

  it("ignores test events and other event types, and refuses what is not an S3 event", () => {
    expect(uploadedObjectsFromBody(testEvent)).toEqual([]);
    const removed = structuredClone(event);
    removed.Records[0].eventName = "ObjectRemoved:Delete";
    expect(uploadedObjectsFromBody(JSON.stringify(removed))).toEqual([]);
    expect(() => uploadedObjectsFromBody("not json")).toThrow(SyntaxError);
    expect(() => uploadedObjectsFromBody(JSON.stringify({ hello: 1 }))).toThrow();
  });
});
