import { describe, expect, it } from "vitest";
import type { Finding } from "../../../shared/checks/finding.ts";
import { acceptedHistory, verdictState, versionOf } from "../../../shared/processing/decide.ts";
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

describe("verdictState", () => {
  it("is LATE after the deadline whatever else is wrong, REJECTED on an error, else ACCEPTED", () => {
    expect(verdictState({ verdict: "rejected", findings: [pages, late] })).toBe("LATE");
    expect(verdictState({ verdict: "rejected", findings: [pages] })).toBe("REJECTED");
    expect(verdictState({ verdict: "accepted", findings: [] })).toBe("ACCEPTED");
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
  const record = (key: string, eventName = "ObjectCreated:Post") => ({
    eventName,
    eventTime: "2024-11-15T15:50:00.000Z",
    s3: { bucket: { name: "b" }, object: { key, size: 10, eTag: "e", sequencer: "0A" } },
  });

  it("decodes S3's form-encoded keys", () => {
    const [object] = uploadedObjectsFromBody(
      JSON.stringify({ Records: [record("uploads/S/ID/%E6%B2%B3%E5%8D%97+%EF%BC%88x%EF%BC%89%2B1.pdf")] }),
    );
    expect(object?.key).toBe("uploads/S/ID/河南 （x）+1.pdf");
    expect(object && objectVersionOf(object)).toBe("e@0A");
  });

  it("ignores test events and other event types, and refuses what is not an S3 event", () => {
    expect(uploadedObjectsFromBody(JSON.stringify({ Event: "s3:TestEvent", Service: "Amazon S3" }))).toEqual(
      [],
    );
    expect(
      uploadedObjectsFromBody(JSON.stringify({ Records: [record("k", "ObjectRemoved:Delete")] })),
    ).toEqual([]);
    expect(() => uploadedObjectsFromBody("not json")).toThrow(SyntaxError);
    expect(() => uploadedObjectsFromBody(JSON.stringify({ hello: 1 }))).toThrow();
  });
});
