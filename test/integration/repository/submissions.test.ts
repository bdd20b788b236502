import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DynamoSubmissionRepository } from "../../../shared/aws/dynamodb-submissions.ts";
import {
  SubmissionAlreadyExists,
  SubmissionNotFound,
  SubmissionStateConflict,
} from "../../../shared/submissions/errors.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { anAcceptedVerdict, aPendingSubmission, aVerdict, FILE_NAME, SCHOOL_ID } from "./records.ts";

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

const UPLOAD = { objectVersion: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY", uploadedAt: "2024-11-15T01:04:59.000Z" };
const CLAIM = { ...UPLOAD, now: "2024-11-15T01:05:01.000Z" };

async function pending(overrides: Partial<SubmissionRecord> = {}): Promise<SubmissionRecord> {
  const submission = aPendingSubmission(overrides);
  await submissions.createPending(submission);
  return submission;
}

function processing(submission: SubmissionRecord): SubmissionRecord {
  return { ...submission, state: "PROCESSING", ...UPLOAD, processingStartedAt: CLAIM.now };
}

describe("createPending", () => {
  it("stores the submission as given, Chinese file name and key included", async () => {
    const submission = await pending({ fileName: FILE_NAME });

    expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(submission);
  });

  it("refuses a second record with the same id and keeps the first", async () => {
    const submission = await pending();

    await expect(submissions.createPending({ ...submission, fileName: "另一个文件.pdf" })).rejects.toThrow(
      SubmissionAlreadyExists,
    );
    expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(submission);
  });

  it("returns undefined for a submission never created", async () => {
    expect(await submissions.getSubmission(SCHOOL_ID, newSubmissionId())).toBeUndefined();
  });
});

describe("claim", () => {
  it("moves PENDING to PROCESSING with the object version, upload time and start time", async () => {
    const submission = await pending();

    const outcome = await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);

    expect(outcome).toStrictEqual({ kind: "claimed", submission: processing(submission) });
    expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(
      processing(submission),
    );
  });

  it("claims again for a redelivery of the same version that arrives mid-processing", async () => {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);

    const again = await submissions.claim(SCHOOL_ID, submission.submissionId, {
      ...CLAIM,
      now: "2024-11-15T01:09:00.000Z",
    });

    // The stored record, with the first delivery's start time: the redelivery changed nothing.
    expect(again).toStrictEqual({ kind: "claimed", submission: processing(submission) });
  });

  it("reports decided for a redelivery after the verdict", async () => {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
    const recorded = await submissions.recordVerdict(
      SCHOOL_ID,
      submission.submissionId,
      CLAIM.objectVersion,
      aVerdict(),
    );

    const again = await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);

    expect(again).toStrictEqual({ kind: "decided", submission: recorded });
  });

  it("reports other-version for a second upload through the same link", async () => {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);

    const second = await submissions.claim(SCHOOL_ID, submission.submissionId, {
      ...CLAIM,
      objectVersion: "v2",
    });

    expect(second).toStrictEqual({ kind: "other-version", submission: processing(submission) });
  });

  it("reports not-found, and creates nothing, for an unknown submission", async () => {
    const submissionId = newSubmissionId();

    expect(await submissions.claim(SCHOOL_ID, submissionId, CLAIM)).toStrictEqual({ kind: "not-found" });
    expect(await submissions.getSubmission(SCHOOL_ID, submissionId)).toBeUndefined();
  });

  it("lets exactly one of two concurrent claims of different versions win (20 rounds)", async () => {
    for (let round = 0; round < 20; round += 1) {
      const submission = await pending({ submissionId: newSubmissionId() });
      const versions = [`first-${round}`, `second-${round}`];

      const outcomes = await Promise.all(
        versions.map((objectVersion) =>
          submissions.claim(SCHOOL_ID, submission.submissionId, { ...CLAIM, objectVersion }),
        ),
      );

      expect(outcomes.map((o) => o.kind).sort()).toStrictEqual(["claimed", "other-version"]);
      // Winner and loser both see the one stored claim, which carries the winner's version.
      const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
      expect(stored?.state).toBe("PROCESSING");
      for (const outcome of outcomes)
        expect(outcome).toStrictEqual({ kind: outcome.kind, submission: stored });
    }
  });

  it("lets concurrent deliveries of the same version all proceed with the one stored claim", async () => {
    const submission = await pending();

    const outcomes = await Promise.all(
      [1, 2, 3].map(() => submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM)),
    );

    expect(outcomes).toStrictEqual(
      [1, 2, 3].map(() => ({ kind: "claimed", submission: processing(submission) })),
    );
  });
});

describe("recordVerdict", () => {
  it("records the verdict, findings and Chinese messages as native maps and lists", async () => {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
    const verdict = aVerdict();

    const recorded = await submissions.recordVerdict(
      SCHOOL_ID,
      submission.submissionId,
      CLAIM.objectVersion,
      verdict,
    );

    const expected = { ...processing(submission), state: "REJECTED", verdict };
    expect(recorded).toEqual(expected);
    expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toEqual(expected);
    expect(recorded.verdict?.findings[0]?.message).toBe("文件共 53 页，超过佐证材料 50 页的上限");
    // The optional fields that were undefined are absent, not stored as nulls.
    expect(recorded.verdict?.findings[1]).not.toHaveProperty("expected");
  });

  it("returns the first verdict when the same version is recorded again", async () => {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
    const first = await submissions.recordVerdict(
      SCHOOL_ID,
      submission.submissionId,
      CLAIM.objectVersion,
      aVerdict(),
    );

    const again = await submissions.recordVerdict(
      SCHOOL_ID,
      submission.submissionId,
      CLAIM.objectVersion,
      aVerdict({ processedAt: "2024-11-15T01:20:00.000Z" }),
    );

    expect(again).toStrictEqual(first);
    expect(again.verdict?.processedAt).toBe("2024-11-15T01:05:03.000Z");
  });

  it("refuses a verdict for another version than the claimed one", async () => {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);

    await expect(
      submissions.recordVerdict(SCHOOL_ID, submission.submissionId, "some-other-version", aVerdict()),
    ).rejects.toThrow(SubmissionStateConflict);
    expect((await submissions.getSubmission(SCHOOL_ID, submission.submissionId))?.state).toBe("PROCESSING");
  });

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

  it("reports a verdict for a submission that does not exist", async () => {
    await expect(
      submissions.recordVerdict(SCHOOL_ID, newSubmissionId(), CLAIM.objectVersion, aVerdict()),
    ).rejects.toThrow(SubmissionNotFound);
  });
});

describe("listing", () => {
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

  it("follows every transition in the by-state listing", async () => {
    const ids = async (state: SubmissionRecord["state"]) =>
      (await submissions.listByState(state)).map((s) => s.submissionId);
    const older = await pending({ createdAt: "2024-11-15T01:00:00.000Z" });
    const newer = await pending({ createdAt: "2024-11-15T02:00:00.000Z" });
    expect(await ids("PENDING")).toStrictEqual([older.submissionId, newer.submissionId]);

    await submissions.claim(SCHOOL_ID, older.submissionId, CLAIM);
    expect(await ids("PENDING")).toStrictEqual([newer.submissionId]);
    expect(await ids("PROCESSING")).toStrictEqual([older.submissionId]);

    await submissions.recordVerdict(SCHOOL_ID, older.submissionId, CLAIM.objectVersion, anAcceptedVerdict());
    expect(await ids("PROCESSING")).toStrictEqual([]);
    expect(await ids("ACCEPTED")).toStrictEqual([older.submissionId]);

    await submissions.markSuperseded(
      SCHOOL_ID,
      older.submissionId,
      newer.submissionId,
      "2024-11-15T03:00:00.000Z",
    );
    expect(await ids("ACCEPTED")).toStrictEqual([]);
    expect(await ids("SUPERSEDED")).toStrictEqual([older.submissionId]);

    await submissions.claim(SCHOOL_ID, newer.submissionId, CLAIM);
    await submissions.recordVerdict(
      SCHOOL_ID,
      newer.submissionId,
      CLAIM.objectVersion,
      aVerdict({ state: "LATE" }),
    );
    expect(await ids("LATE")).toStrictEqual([newer.submissionId]);
    expect(await ids("PENDING")).toStrictEqual([]);
    expect(await ids("PROCESSING")).toStrictEqual([]);
    expect(await ids("REJECTED")).toStrictEqual([]);
  });
});

describe("markSuperseded", () => {
  async function accepted(): Promise<SubmissionRecord> {
    const submission = await pending();
    await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
    return submissions.recordVerdict(
      SCHOOL_ID,
      submission.submissionId,
      CLAIM.objectVersion,
      anAcceptedVerdict(),
    );
  }

  it("supersedes an accepted submission and keeps its accepted verdict", async () => {
    const submission = await accepted();
    const newer = newSubmissionId();

    await submissions.markSuperseded(SCHOOL_ID, submission.submissionId, newer, "2024-11-16T00:00:00.000Z");

    expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual({
      ...submission,
      state: "SUPERSEDED",
      supersededBy: newer,
      supersededAt: "2024-11-16T00:00:00.000Z",
    });
  });

  it("is a no-op when repeated with the same successor", async () => {
    const submission = await accepted();
    const newer = newSubmissionId();
    await submissions.markSuperseded(SCHOOL_ID, submission.submissionId, newer, "2024-11-16T00:00:00.000Z");

    await submissions.markSuperseded(SCHOOL_ID, submission.submissionId, newer, "2024-11-17T00:00:00.000Z");

    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(stored?.supersededAt).toBe("2024-11-16T00:00:00.000Z");
    expect(stored?.supersededBy).toBe(newer);
  });

  it("refuses a different successor once superseded", async () => {
    const submission = await accepted();
    await submissions.markSuperseded(
      SCHOOL_ID,
      submission.submissionId,
      newSubmissionId(),
      "2024-11-16T00:00:00.000Z",
    );

    await expect(
      submissions.markSuperseded(
        SCHOOL_ID,
        submission.submissionId,
        newSubmissionId(),
        "2024-11-17T00:00:00.000Z",
      ),
    ).rejects.toThrow(SubmissionStateConflict);
  });

  it("refuses to supersede a submission that was not accepted", async () => {
    const submission = await pending();

    await expect(
      submissions.markSuperseded(
        SCHOOL_ID,
        submission.submissionId,
        newSubmissionId(),
        "2024-11-16T00:00:00.000Z",
      ),
    ).rejects.toThrow(SubmissionStateConflict);
    expect((await submissions.getSubmission(SCHOOL_ID, submission.submissionId))?.state).toBe("PENDING");
  });

  it("reports a submission that does not exist", async () => {
    await expect(
      submissions.markSuperseded(SCHOOL_ID, newSubmissionId(), newSubmissionId(), "2024-11-16T00:00:00.000Z"),
    ).rejects.toThrow(SubmissionNotFound);
  });
});

describe("side-effect marks", () => {
  it("records the receipt time once; a repeat keeps the first", async () => {
    const submission = await pending();

    await submissions.markReceiptSent(SCHOOL_ID, submission.submissionId, "2024-11-15T01:06:00.000Z");
    await submissions.markReceiptSent(SCHOOL_ID, submission.submissionId, "2024-11-15T01:30:00.000Z");

    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(stored?.receiptSentAt).toBe("2024-11-15T01:06:00.000Z");
    expect(stored?.reviewersNotifiedAt).toBeUndefined();
  });

  it("records the reviewers' notification time once; a repeat keeps the first", async () => {
    const submission = await pending();

    await submissions.markReviewersNotified(SCHOOL_ID, submission.submissionId, "2024-11-15T01:07:00.000Z");
    await submissions.markReviewersNotified(SCHOOL_ID, submission.submissionId, "2024-11-15T01:31:00.000Z");

    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(stored?.reviewersNotifiedAt).toBe("2024-11-15T01:07:00.000Z");
    expect(stored?.receiptSentAt).toBeUndefined();
  });

  it("does not create a submission to mark", async () => {
    const submissionId = newSubmissionId();

    await expect(
      submissions.markReceiptSent(SCHOOL_ID, submissionId, "2024-11-15T01:06:00.000Z"),
    ).rejects.toThrow(SubmissionNotFound);
    expect(await submissions.getSubmission(SCHOOL_ID, submissionId)).toBeUndefined();
  });
});
