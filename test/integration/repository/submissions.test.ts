/**
 * The DynamoDB submission repository on dynalite: the shared contract (submission-repository-contract.ts), plus what
 * only this adapter has: the database's own error kept as the cause, and paging through query results.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DynamoSubmissionRepository } from "../../../shared/aws/dynamodb-submissions.ts";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { aPendingSubmission, aVerdict, SCHOOL_ID } from "./records.ts";
import { describeSubmissionRepositoryContract } from "./submission-repository-contract.ts";

let dynamo: LocalDynamo;
let submissions: DynamoSubmissionRepository;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});
beforeEach(async () => {
  submissions = new DynamoSubmissionRepository(dynamo.doc, await dynamo.createTable());
});

describeSubmissionRepositoryContract(
  async () => new DynamoSubmissionRepository(dynamo.doc, await dynamo.createTable()),
);

const UPLOAD = { objectVersion: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY", uploadedAt: "2024-11-15T01:04:59.000Z" };
const CLAIM = { ...UPLOAD, now: "2024-11-15T01:05:01.000Z" };

async function pending(overrides: Partial<SubmissionRecord> = {}): Promise<SubmissionRecord> {
  const submission = aPendingSubmission(overrides);
  await submissions.createPending(submission);
  return submission;
}

describe("DynamoDB specifics", () => {
  it("refuses a verdict for a submission never claimed, keeping the SDK error as cause", async () => {
    const submission = await pending();

    await expect(
      submissions.recordVerdict(SCHOOL_ID, submission.submissionId, CLAIM.objectVersion, aVerdict()),
    ).rejects.toMatchObject({
      name: "SubmissionStateConflict",
      submissionId: submission.submissionId,
      cause: { name: "ConditionalCheckFailedException" },
    });
  });

  it("lists a school's submissions oldest first, across pages, and no other items", async () => {
    const paged = new DynamoSubmissionRepository(dynamo.doc, await dynamo.createTable(), { pageSize: 2 });
    const created: SubmissionRecord[] = [];
    for (const minute of [10, 11, 12, 13, 14]) {
      const submission = aPendingSubmission({ createdAt: `2024-11-15T01:${minute}:00.000Z` });
      await paged.createPending(submission);
      created.push(submission);
    }
    await paged.createPending(aPendingSubmission({ schoolId: "12410000MB0000000Y" }));
    await paged.advanceApplication({
      schoolId: SCHOOL_ID,
      documentType: "evidence",
      currentSubmissionId: created[0]?.submissionId ?? "",
      currentUploadedAt: "2024-11-15T01:10:30.000Z",
      updatedAt: "2024-11-15T01:11:00.000Z",
    });

    expect(await paged.listSchoolSubmissions(SCHOOL_ID)).toStrictEqual(created);
  });
});
