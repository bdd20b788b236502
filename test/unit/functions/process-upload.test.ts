import { FullBatchFailureError } from "@aws-lambda-powertools/batch";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createProcessUploadHandler } from "../../../functions/process-upload/create-handler.ts";
import { issueUploadLink } from "../../../shared/uploads/issue-upload-link.ts";
import { CONTEXT, type FakeDependencies, fakeDependencies, registeredSchool } from "./fake-dependencies.ts";

const FILE_NAME = "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf";

/** A link issued and the file "uploaded" to the fake bucket: the S3 notification that follows, as SQS carries it. */
async function uploaded(deps: FakeDependencies, messageId: string) {
  const { school } = await registeredSchool(deps);
  const bytes = new TextEncoder().encode("%PDF-1.7 a readable eight-page file");
  const link = await issueUploadLink(school, { fileName: FILE_NAME, size: bytes.byteLength }, deps.clock(), {
    ctx: deps.ctx,
    submissions: deps.submissions,
    signer: deps.signer,
    linkSeconds: 900,
  });
  if (link.kind !== "issued") throw new Error(`link refused: ${link.kind}`);
  const { objectKey } = link.submission;
  const stored = deps.objects.put(objectKey, bytes);
  const body = JSON.stringify({
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "us-east-1",
        eventTime: deps.clock().toISOString(),
        eventName: "ObjectCreated:Post",
        userIdentity: { principalId: "local" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": "1", "x-amz-id-2": "2" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "shenbao-uploads",
          bucket: { name: "shenbao-uploads", ownerIdentity: { principalId: "local" }, arn: "arn:aws:s3:::b" },
          object: {
            key: encodeURIComponent(objectKey).replace(/%2F/g, "/"),
            size: bytes.byteLength,
            eTag: stored.eTag.replace(/"/g, ""),
            versionId: stored.versionId,
            sequencer: "0055AED6DCD90281E5",
          },
        },
      },
    ],
  });
  return { school, submissionId: link.submission.submissionId, record: sqsRecord(messageId, body) };
}

function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "0",
      SenderId: "local",
      ApproximateFirstReceiveTimestamp: "0",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:uploads",
    awsRegion: "us-east-1",
  };
}

function recordingMetrics() {
  const added: string[] = [];
  return {
    added,
    published: 0,
    addMetric(name: string) {
      added.push(name);
    },
    hasStoredMetrics() {
      return added.length > 0;
    },
    publishStoredMetrics() {
      this.published += 1;
    },
  };
}

describe("the process-upload handler (createProcessUploadHandler with fakes)", () => {
  it("decides each upload of a batch, and reports only the failed message back to SQS", async () => {
    const deps = fakeDependencies();
    const metrics = recordingMetrics();
    const handler = createProcessUploadHandler({ ...deps, metrics });
    const good = await uploaded(deps, "message-good");
    const event: SQSEvent = { Records: [good.record, sqsRecord("message-bad", "this is not an S3 event")] };

    const response = await handler(event, CONTEXT);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "message-bad" }]);
    const decided = await deps.submissions.getSubmission(good.school.schoolId, good.submissionId);
    expect(decided?.state).toBe("ACCEPTED");
    // Decided on one inspection without the text; the 佐证材料's text read once, after the mail.
    expect(deps.inspector.asked.map((o) => o.textLayer)).toEqual([false, "if-readable"]);
    // The receipt to the school and the notice to the configured reviewer, each with the status page's address.
    expect(deps.mailer.sent.map((m) => m.to).sort()).toEqual(
      [good.school.email, ...deps.config.SHENBAO_REVIEWERS].sort(),
    );
    const receipt = deps.mailer.sent.find((m) => m.to === good.school.email);
    expect(receipt?.text).toContain(`${deps.config.SHENBAO_PUBLIC_URL}/#/submissions/${good.submissionId}`);
    expect(metrics.added).toEqual(["SubmissionsACCEPTED", "UploadToVerdict"]);
    expect(metrics.published).toBe(1);
  });

  it("answers a redelivered message without deciding again or mailing twice", async () => {
    const deps = fakeDependencies();
    const handler = createProcessUploadHandler({ ...deps, metrics: recordingMetrics() });
    const good = await uploaded(deps, "message-1");
    expect((await handler({ Records: [good.record] }, CONTEXT)).batchItemFailures).toEqual([]);
    const mailed = deps.mailer.sent.length;
    expect((await handler({ Records: [good.record] }, CONTEXT)).batchItemFailures).toEqual([]);
    expect(deps.mailer.sent).toHaveLength(mailed);
    // The redelivery inspects nothing: decided once, the text read once (and kept) by the first delivery.
    expect(deps.inspector.asked.map((o) => o.textLayer)).toEqual([false, "if-readable"]);
  });

  it("fails the invocation (for SQS to retry) when a port fails for the whole batch, publishing no metrics", async () => {
    const deps = fakeDependencies();
    const metrics = recordingMetrics();
    const handler = createProcessUploadHandler({ ...deps, metrics });
    const good = await uploaded(deps, "message-1");
    // The delivery's first call (the Query of the school's submissions: the record, its school and the history).
    deps.submissions.listSchoolSubmissions = async () => {
      throw new Error("DynamoDB unavailable");
    };
    // Powertools fails the whole invocation when every record failed: SQS then retries the batch.
    await expect(handler({ Records: [good.record] }, CONTEXT)).rejects.toThrow(FullBatchFailureError);
    expect((await deps.submissions.getSubmission(good.school.schoolId, good.submissionId))?.state).toBe(
      "PENDING",
    );
    expect(metrics.published).toBe(0);
  });
});
