/**
 * The behaviour every SubmissionRepository must have, stated once and run against each implementation: the DynamoDB
 * adapter on dynalite (submissions.test.ts, applications.test.ts here) and the in-memory store of the unit tests
 * (test/unit/fakes/memory-submissions.test.ts). A fake that passes these is honest about the claim, verdict, lease
 * and application-pointer transitions that the orchestration's unit tests rely on.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import {
  SubmissionAlreadyExists,
  SubmissionNotFound,
  SubmissionStateConflict,
  SubmissionTaken,
} from "../../../shared/submissions/errors.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import type {
  ApplicationPointer,
  SubmissionRecord,
  SubmissionVerdict,
} from "../../../shared/submissions/records.ts";
import type { SubmissionRepository } from "../../../shared/submissions/repository.ts";
import { anAcceptedVerdict, aPendingSubmission, aVerdict, FILE_NAME, SCHOOL_ID } from "./records.ts";

const LINK_A = {
  reviewer: "expert-a@review.henan.gov.cn",
  createdAt: "2024-11-15T01:05:03.000Z",
  expiresAt: "2024-12-15T01:05:03.000Z",
  downloads: 0,
};
/** Two reviewers' links as the verdict's write stores them: by the SHA-256 of each id. */
const REVIEWER_LINKS = {
  ["a".repeat(64)]: LINK_A,
  ["b".repeat(64)]: {
    ...LINK_A,
    reviewer: "expert-b@review.henan.gov.cn",
    createdAt: "2024-11-15T01:05:03.001Z",
  },
};

/** Each test gets a fresh, empty repository from `make`. */
export function describeSubmissionRepositoryContract(make: () => Promise<SubmissionRepository>): void {
  let submissions: SubmissionRepository;
  beforeEach(async () => {
    submissions = await make();
  });

  const UPLOAD = {
    objectVersion: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY",
    uploadedAt: "2024-11-15T01:04:59.000Z",
  };
  const CLAIM = { ...UPLOAD, now: "2024-11-15T01:05:01.000Z" };

  async function pending(overrides: Partial<SubmissionRecord> = {}): Promise<SubmissionRecord> {
    const submission = aPendingSubmission(overrides);
    await submissions.createPending(submission);
    return submission;
  }

  /** As a store gives it back: fields that were undefined are absent. */
  function asStored<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
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

    it("keeps the school's snapshot through the claimed verdict, and reads a record without one (written before) as such", async () => {
      const submission = await pending();
      const { school: _snapshot, ...older } = aPendingSubmission();
      await submissions.createPending(older);

      const recorded = await submissions.recordVerdict(
        SCHOOL_ID,
        submission.submissionId,
        UPLOAD.objectVersion,
        anAcceptedVerdict(),
        {
          uploadedAt: UPLOAD.uploadedAt,
          now: CLAIM.now,
          owner: "message-1",
          until: "2024-11-15T01:20:00.000Z",
        },
      );

      expect(recorded).toMatchObject({ school: submission.school });
      expect(submission.school).toStrictEqual({
        name: "河南职业技术学院",
        level: "专科",
        contactName: "王老师",
        email: "shenbao@hnzj.example.cn",
      });
      const read = await submissions.getSubmission(SCHOOL_ID, older.submissionId);
      expect(read).toStrictEqual(older);
      expect(read).not.toHaveProperty("school");
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

    it("stores the reviewers' links, by hash, in the verdict's own write", async () => {
      const submission = await pending();
      await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
      const verdict = anAcceptedVerdict();

      const recorded = await submissions.recordVerdict(
        SCHOOL_ID,
        submission.submissionId,
        CLAIM.objectVersion,
        verdict,
        undefined,
        REVIEWER_LINKS,
      );

      const expected = {
        ...processing(submission),
        state: "ACCEPTED",
        verdict,
        reviewerLinks: REVIEWER_LINKS,
      };
      expect(recorded).toEqual(expected);
      expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toEqual(expected);
    });

    it("keeps the first verdict's links when the verdict is recorded again with others", async () => {
      const submission = await pending();
      await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
      const first = await submissions.recordVerdict(
        SCHOOL_ID,
        submission.submissionId,
        CLAIM.objectVersion,
        anAcceptedVerdict(),
        undefined,
        REVIEWER_LINKS,
      );
      const other = { ["c".repeat(64)]: { ...LINK_A, reviewer: "late@review.henan.gov.cn" } };

      const again = await submissions.recordVerdict(
        SCHOOL_ID,
        submission.submissionId,
        CLAIM.objectVersion,
        anAcceptedVerdict(),
        undefined,
        other,
      );

      // The caller learns its links were not stored: the record holds none of their hashes.
      expect(again).toStrictEqual(first);
      expect(again.reviewerLinks).toEqual(REVIEWER_LINKS);
    });

    it("stores no map of links when none are given, or an empty one", async () => {
      const submission = await pending();
      await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);

      const recorded = await submissions.recordVerdict(
        SCHOOL_ID,
        submission.submissionId,
        CLAIM.objectVersion,
        anAcceptedVerdict(),
        undefined,
        {},
      );

      expect(recorded).not.toHaveProperty("reviewerLinks");
    });

    it("reports a verdict for a submission that does not exist", async () => {
      await expect(
        submissions.recordVerdict(SCHOOL_ID, newSubmissionId(), CLAIM.objectVersion, aVerdict()),
      ).rejects.toThrow(SubmissionNotFound);
    });
  });

  describe("listing", () => {
    it("follows every transition in the by-state listing", async () => {
      const ids = async (state: SubmissionRecord["state"]) =>
        (await submissions.listByState(state)).map((s) => s.submissionId);
      const older = await pending({ createdAt: "2024-11-15T01:00:00.000Z" });
      const newer = await pending({ createdAt: "2024-11-15T02:00:00.000Z" });
      expect(await ids("PENDING")).toStrictEqual([older.submissionId, newer.submissionId]);

      await submissions.claim(SCHOOL_ID, older.submissionId, CLAIM);
      expect(await ids("PENDING")).toStrictEqual([newer.submissionId]);
      expect(await ids("PROCESSING")).toStrictEqual([older.submissionId]);

      await submissions.recordVerdict(
        SCHOOL_ID,
        older.submissionId,
        CLAIM.objectVersion,
        anAcceptedVerdict(),
      );
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
        submissions.markSuperseded(
          SCHOOL_ID,
          newSubmissionId(),
          newSubmissionId(),
          "2024-11-16T00:00:00.000Z",
        ),
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

  describe("processing lease", () => {
    const LEASE = { owner: "message-1", now: "2024-11-15T01:05:00.000Z", until: "2024-11-15T01:20:00.000Z" };

    it("is acquired on a free submission, and taken back at once by the same owner", async () => {
      const submission = await pending();

      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE)).toBe("acquired");
      expect(
        await submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
          ...LEASE,
          now: "2024-11-15T01:06:00.000Z",
        }),
      ).toBe("acquired");
    });

    it("is refused to another owner while it runs, and granted once it has lapsed", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);

      const during = await submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
        owner: "message-2",
        now: "2024-11-15T01:19:59.000Z",
        until: "2024-11-15T01:35:00.000Z",
      });
      const after = await submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
        owner: "message-2",
        now: "2024-11-15T01:20:01.000Z",
        until: "2024-11-15T01:35:00.000Z",
      });

      expect(during).toBe("held-by-another");
      expect(after).toBe("acquired");
      // The lapsed owner is now the other one.
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE)).toBe(
        "held-by-another",
      );
    });

    it("is free for another owner once released, and a release by a non-holder changes nothing", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);
      const other = { owner: "message-2", now: LEASE.now, until: LEASE.until };

      await submissions.releaseLease(SCHOOL_ID, submission.submissionId, "message-2");
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, other)).toBe(
        "held-by-another",
      );

      await submissions.releaseLease(SCHOOL_ID, submission.submissionId, LEASE.owner);
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, other)).toBe("acquired");
    });

    it("lets exactly one of concurrent owners acquire it (10 rounds)", async () => {
      for (let round = 0; round < 10; round += 1) {
        const submission = await pending({ submissionId: newSubmissionId() });

        const outcomes = await Promise.all(
          ["a", "b", "c"].map((owner) =>
            submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
              ...LEASE,
              owner: `${owner}-${round}`,
            }),
          ),
        );

        expect(outcomes.sort()).toStrictEqual(["acquired", "held-by-another", "held-by-another"]);
      }
    });

    it("reports not-found, and creates nothing, for an unknown submission", async () => {
      const submissionId = newSubmissionId();

      expect(await submissions.acquireLease(SCHOOL_ID, submissionId, LEASE)).toBe("not-found");
      expect(await submissions.getSubmission(SCHOOL_ID, submissionId)).toBeUndefined();
    });

    it("stays outside the record: holding it changes nothing a reader sees", async () => {
      const submission = await pending();

      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);

      expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(submission);
    });
  });

  describe("recordVerdict with the claim: the version fenced, the verdict recorded and the lease taken in one write", () => {
    const DELIVERY = {
      uploadedAt: UPLOAD.uploadedAt,
      now: CLAIM.now,
      owner: "message-1",
      until: "2024-11-15T01:20:00.000Z",
    };
    const other = (owner: string, now = CLAIM.now) => ({ owner, now, until: "2024-11-15T01:35:00.000Z" });
    const record = (
      submissionId: string,
      verdict: SubmissionVerdict,
      delivery = DELIVERY,
      version = UPLOAD.objectVersion,
    ) => submissions.recordVerdict(SCHOOL_ID, submissionId, version, verdict, delivery);
    /** The record a claimed verdict leaves on a PENDING submission (stored without undefined fields). */
    const decided = (submission: SubmissionRecord, verdict: SubmissionVerdict): SubmissionRecord => ({
      ...processing(submission),
      state: verdict.state,
      verdict: asStored(verdict),
    });

    it("decides a PENDING submission and holds its lease, outside the record", async () => {
      const submission = await pending();
      const verdict = anAcceptedVerdict();

      const recorded = await record(submission.submissionId, verdict);

      expect(recorded).toStrictEqual(decided(submission, verdict));
      expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(recorded);
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, other("message-2"))).toBe(
        "held-by-another",
      );
    });

    it("refuses a duplicate delivery of the same version, at work or done, changing nothing", async () => {
      const submission = await pending();
      const first = await record(submission.submissionId, anAcceptedVerdict());
      const duplicate = { ...DELIVERY, owner: "message-2", now: "2024-11-15T01:06:00.000Z" };
      const later = anAcceptedVerdict({ processedAt: "2024-11-15T01:06:01.000Z" });

      const whileHeld = record(submission.submissionId, later, duplicate);
      await expect(whileHeld).rejects.toThrow(SubmissionTaken);
      await expect(whileHeld).rejects.toMatchObject({ by: "another-delivery" });
      await submissions.releaseLease(SCHOOL_ID, submission.submissionId, DELIVERY.owner);
      await expect(record(submission.submissionId, later, duplicate)).rejects.toMatchObject({
        name: "SubmissionTaken",
        by: "another-delivery",
      });

      expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(first);
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, other("message-3"))).toBe(
        "acquired",
      );
    });

    it("gives the same owner's repeated write (a retried request) the stored record, not its own", async () => {
      const submission = await pending();
      const first = await record(submission.submissionId, anAcceptedVerdict());

      const again = await record(
        submission.submissionId,
        anAcceptedVerdict({ processedAt: "2024-11-15T01:09:00.000Z" }),
        { ...DELIVERY, now: "2024-11-15T01:09:00.000Z" },
      );

      expect(again).toStrictEqual(first);
    });

    it("refuses a second version through the link, before or after the first is decided, without its lease", async () => {
      const submission = await pending();
      await record(submission.submissionId, anAcceptedVerdict());
      await submissions.releaseLease(SCHOOL_ID, submission.submissionId, DELIVERY.owner);
      const claimedOnly = await pending({ submissionId: newSubmissionId() });
      await submissions.claim(SCHOOL_ID, claimedOnly.submissionId, CLAIM);

      for (const { submissionId } of [submission, claimedOnly]) {
        await expect(
          record(submissionId, aVerdict(), { ...DELIVERY, owner: "message-2" }, "another-version"),
        ).rejects.toMatchObject({ name: "SubmissionTaken", by: "another-version" });
      }

      expect((await submissions.getSubmission(SCHOOL_ID, submission.submissionId))?.objectVersion).toBe(
        UPLOAD.objectVersion,
      );
      expect(await submissions.getSubmission(SCHOOL_ID, claimedOnly.submissionId)).toStrictEqual(
        processing(claimedOnly),
      );
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, other("message-3"))).toBe(
        "acquired",
      );
    });

    it("waits for another owner's running lease, and decides once it has lapsed", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
        owner: "message-0",
        now: "2024-11-15T01:00:00.000Z",
        until: "2024-11-15T01:10:00.000Z",
      });
      const verdict = aVerdict();

      await expect(record(submission.submissionId, verdict)).rejects.toMatchObject({
        name: "SubmissionTaken",
        by: "another-delivery",
      });
      expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(submission);
      const after = { ...DELIVERY, now: "2024-11-15T01:10:01.000Z" };

      expect(await record(submission.submissionId, verdict, after)).toStrictEqual({
        ...decided(submission, verdict),
        processingStartedAt: after.now,
      });
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, other("message-0"))).toBe(
        "held-by-another",
      );
    });

    it("decides a submission claimed before (PROCESSING, this version), keeping its first start time", async () => {
      const submission = await pending();
      await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
      const verdict = aVerdict();

      const recorded = await record(submission.submissionId, verdict, {
        ...DELIVERY,
        now: "2024-11-15T01:30:00.000Z",
      });

      expect(recorded).toStrictEqual(decided(submission, verdict));
    });

    it("reports a submission that does not exist, and creates nothing", async () => {
      const submissionId = newSubmissionId();

      await expect(record(submissionId, aVerdict())).rejects.toThrow(SubmissionNotFound);
      expect(await submissions.getSubmission(SCHOOL_ID, submissionId)).toBeUndefined();
    });

    it("lets exactly one of concurrent deliveries record its verdict, of one version or of several (10 rounds)", async () => {
      for (let round = 0; round < 10; round += 1) {
        const submission = await pending({ submissionId: newSubmissionId() });
        const versions = round % 2 === 0 ? ["v", "v", "v"] : ["v1", "v2", "v3"];
        const attempts = versions.map((version, i) => ({
          version,
          verdict: anAcceptedVerdict({ processedAt: `2024-11-15T01:05:0${i}.000Z` }),
        }));

        const outcomes = await Promise.allSettled(
          attempts.map(({ version, verdict }, i) =>
            record(submission.submissionId, verdict, { ...DELIVERY, owner: `m${i}-${round}` }, version),
          ),
        );

        const won = outcomes.flatMap((o, i) =>
          o.status === "fulfilled" ? [{ o, attempt: attempts[i] }] : [],
        );
        expect(won).toHaveLength(1);
        const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
        expect(stored?.verdict).toStrictEqual(asStored(won[0]?.attempt?.verdict));
        expect(stored?.objectVersion).toBe(won[0]?.attempt?.version);
        const lost = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
        const by = round % 2 === 0 ? "another-delivery" : "another-version";
        expect(lost).toStrictEqual([
          expect.objectContaining({ name: "SubmissionTaken", by }),
          expect.objectContaining({ name: "SubmissionTaken", by }),
        ]);
      }
    });
  });

  describe("takeLease: the lease with the record as it stands", () => {
    const LEASE = { owner: "message-1", now: "2024-11-15T01:05:00.000Z", until: "2024-11-15T01:20:00.000Z" };

    it("returns the record with what holders before marked, and holds the lease", async () => {
      const submission = await pending();
      await submissions.claim(SCHOOL_ID, submission.submissionId, CLAIM);
      const verdict = anAcceptedVerdict();
      await submissions.recordVerdict(SCHOOL_ID, submission.submissionId, UPLOAD.objectVersion, verdict);
      await submissions.markReceiptSent(SCHOOL_ID, submission.submissionId, "2024-11-15T01:05:30.000Z");

      const taken = await submissions.takeLease(SCHOOL_ID, submission.submissionId, LEASE);

      expect(taken).toStrictEqual({
        kind: "acquired",
        submission: {
          ...processing(submission),
          state: "ACCEPTED",
          verdict: asStored(verdict),
          receiptSentAt: "2024-11-15T01:05:30.000Z",
        },
      });
      expect(
        await submissions.acquireLease(SCHOOL_ID, submission.submissionId, { ...LEASE, owner: "message-2" }),
      ).toBe("held-by-another");
    });

    it("is refused to another owner while the lease runs, taken back by its own, changing nothing", async () => {
      const submission = await pending();
      await submissions.takeLease(SCHOOL_ID, submission.submissionId, LEASE);

      expect(
        await submissions.takeLease(SCHOOL_ID, submission.submissionId, { ...LEASE, owner: "message-2" }),
      ).toStrictEqual({ kind: "held-by-another" });
      expect(await submissions.takeLease(SCHOOL_ID, submission.submissionId, LEASE)).toStrictEqual({
        kind: "acquired",
        submission,
      });
    });

    it("reports not-found, and creates nothing, for an unknown submission", async () => {
      const submissionId = newSubmissionId();

      expect(await submissions.takeLease(SCHOOL_ID, submissionId, LEASE)).toStrictEqual({
        kind: "not-found",
      });
      expect(await submissions.getSubmission(SCHOOL_ID, submissionId)).toBeUndefined();
    });
  });

  describe("the last mark carries the delivery's bookkeeping", () => {
    const LEASE = { owner: "message-1", now: "2024-11-15T01:05:00.000Z", until: "2024-11-15T01:20:00.000Z" };
    const AT = "2024-11-15T01:06:00.000Z";
    const takeover = {
      owner: "message-2",
      now: "2024-11-15T01:20:01.000Z",
      until: "2024-11-15T01:35:00.000Z",
    };

    it("adds the reviewer, records every reviewer notified and releases the lease in one call", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);
      await submissions.markReviewerNotified(SCHOOL_ID, submission.submissionId, "a@example.cn");

      await submissions.markReviewerNotified(SCHOOL_ID, submission.submissionId, "b@example.cn", {
        reviewersNotifiedAt: AT,
        releaseLease: LEASE.owner,
      });

      const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
      expect(stored?.reviewersNotified).toStrictEqual(["a@example.cn", "b@example.cn"]);
      expect(stored?.reviewersNotifiedAt).toBe(AT);
      expect(
        await submissions.acquireLease(SCHOOL_ID, submission.submissionId, { ...LEASE, owner: "x" }),
      ).toBe("acquired");
    });

    it("still records the rest when the reviewer is listed already (a repeat), keeping first times", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);
      await submissions.markReviewerNotified(SCHOOL_ID, submission.submissionId, "a@example.cn");

      await submissions.markReviewerNotified(SCHOOL_ID, submission.submissionId, "a@example.cn", {
        reviewersNotifiedAt: AT,
        releaseLease: LEASE.owner,
      });
      await submissions.markReviewerNotified(SCHOOL_ID, submission.submissionId, "a@example.cn", {
        reviewersNotifiedAt: "2024-11-15T02:00:00.000Z",
        releaseLease: LEASE.owner,
      });

      const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
      expect(stored?.reviewersNotified).toStrictEqual(["a@example.cn"]);
      expect(stored?.reviewersNotifiedAt).toBe(AT);
      expect(
        await submissions.acquireLease(SCHOOL_ID, submission.submissionId, { ...LEASE, owner: "x" }),
      ).toBe("acquired");
    });

    it("leaves a lease another owner has taken over meanwhile, and records the rest", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);
      expect(await submissions.acquireLease(SCHOOL_ID, submission.submissionId, takeover)).toBe("acquired");

      await submissions.markReceiptSent(SCHOOL_ID, submission.submissionId, AT, {
        releaseLease: LEASE.owner,
      });

      const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
      expect(stored?.receiptSentAt).toBe(AT);
      expect(
        await submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
          ...takeover,
          owner: "message-3",
        }),
      ).toBe("held-by-another");
    });

    it("records the receipt and releases the lease in one call", async () => {
      const submission = await pending();
      await submissions.acquireLease(SCHOOL_ID, submission.submissionId, LEASE);

      await submissions.markReceiptSent(SCHOOL_ID, submission.submissionId, AT, {
        releaseLease: LEASE.owner,
      });

      expect((await submissions.getSubmission(SCHOOL_ID, submission.submissionId))?.receiptSentAt).toBe(AT);
      expect(
        await submissions.acquireLease(SCHOOL_ID, submission.submissionId, { ...LEASE, owner: "x" }),
      ).toBe("acquired");
    });

    it("reports a submission that does not exist, whatever the mark carries", async () => {
      await expect(
        submissions.markReviewerNotified(SCHOOL_ID, newSubmissionId(), "a@example.cn", {
          reviewersNotifiedAt: AT,
          releaseLease: LEASE.owner,
        }),
      ).rejects.toThrow(SubmissionNotFound);
      await expect(
        submissions.markReceiptSent(SCHOOL_ID, newSubmissionId(), AT, { releaseLease: LEASE.owner }),
      ).rejects.toThrow(SubmissionNotFound);
    });
  });

  describe("markReviewerNotified", () => {
    it("records each address once, in order, whatever the repeats", async () => {
      const submission = await pending();

      for (const address of ["a@example.cn", "b@example.cn", "a@example.cn", "b@example.cn"]) {
        await submissions.markReviewerNotified(SCHOOL_ID, submission.submissionId, address);
      }

      const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
      expect(stored?.reviewersNotified).toStrictEqual(["a@example.cn", "b@example.cn"]);
    });

    it("reports a submission that does not exist", async () => {
      await expect(
        submissions.markReviewerNotified(SCHOOL_ID, newSubmissionId(), "a@example.cn"),
      ).rejects.toThrow(SubmissionNotFound);
    });
  });
}

/** The application pointer's contract; each test gets a fresh, empty repository from `make`. */
export function describeApplicationPointerContract(make: () => Promise<SubmissionRepository>): void {
  let submissions: SubmissionRepository;
  beforeEach(async () => {
    submissions = await make();
  });

  function pointerTo(uploadedAt: string, overrides: Partial<ApplicationPointer> = {}): ApplicationPointer {
    return {
      schoolId: SCHOOL_ID,
      documentType: "evidence",
      currentSubmissionId: newSubmissionId(new Date(uploadedAt)),
      currentUploadedAt: uploadedAt,
      updatedAt: "2024-11-20T00:00:00.000Z",
      ...overrides,
    };
  }

  describe("placeApplication", () => {
    it("tells whether it created the pointer: only the first placement does", async () => {
      const first = pointerTo("2024-11-15T01:00:00.000Z");
      const later = pointerTo("2024-11-15T02:00:00.000Z");
      const older = pointerTo("2024-11-15T00:30:00.000Z");

      expect(await submissions.placeApplication(first)).toStrictEqual({ pointer: first, created: true });
      expect(await submissions.placeApplication(first)).toStrictEqual({ pointer: first, created: false });
      expect(await submissions.placeApplication(later)).toStrictEqual({ pointer: later, created: false });
      expect(await submissions.placeApplication(older)).toStrictEqual({ pointer: later, created: false });
    });

    it("tells exactly one of concurrent first placements that it created the pointer (10 rounds)", async () => {
      for (let round = 0; round < 10; round += 1) {
        const pointers = ["a", "b", "c"].map((_, i) =>
          pointerTo(`2024-11-15T01:00:0${i}.000Z`, { schoolId: `${SCHOOL_ID}-${round}` }),
        );

        const placed = await Promise.all(pointers.map((p) => submissions.placeApplication(p)));

        expect(placed.filter((p) => p.created)).toHaveLength(1);
        expect(await submissions.getApplication(`${SCHOOL_ID}-${round}`, "evidence")).toStrictEqual(
          pointers[2],
        );
      }
    });
  });

  describe("advanceApplication", () => {
    it("creates the pointer for a school's first accepted upload", async () => {
      const first = pointerTo("2024-11-15T01:00:00.000Z");

      expect(await submissions.advanceApplication(first)).toStrictEqual(first);
      expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toStrictEqual(first);
    });

    it("returns undefined for a document type without an accepted upload", async () => {
      expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toBeUndefined();
    });

    it("moves to a later upload", async () => {
      await submissions.advanceApplication(pointerTo("2024-11-15T01:00:00.000Z"));
      const later = pointerTo("2024-11-15T02:00:00.000Z");

      expect(await submissions.advanceApplication(later)).toStrictEqual(later);
      expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toStrictEqual(later);
    });

    it("keeps the newer upload when an older one is decided after it", async () => {
      const newer = pointerTo("2024-11-15T02:00:00.000Z");
      await submissions.advanceApplication(newer);

      const outcome = await submissions.advanceApplication(pointerTo("2024-11-15T01:00:00.000Z"));

      expect(outcome).toStrictEqual(newer);
      expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toStrictEqual(newer);
    });

    it("is idempotent for the submission it already points at, keeping the first updatedAt", async () => {
      const current = pointerTo("2024-11-15T01:00:00.000Z");
      await submissions.advanceApplication(current);

      const again = await submissions.advanceApplication({
        ...current,
        updatedAt: "2024-11-21T00:00:00.000Z",
      });

      expect(again).toStrictEqual(current);
    });

    it("breaks a tie in upload time by submission id", async () => {
      const at = "2024-11-15T01:00:00.000Z";
      const low = pointerTo(at, { currentSubmissionId: "01JCSN0000AAAAAAAAAAAAAAAA" });
      const high = pointerTo(at, { currentSubmissionId: "01JCSN0000BBBBBBBBBBBBBBBB" });
      await submissions.advanceApplication(high);

      expect(await submissions.advanceApplication(low)).toStrictEqual(high);
    });

    it("compares instants, not spellings, of the upload time", async () => {
      // "…:00.500Z" is later than "…:00Z", although '.' sorts before 'Z' as text.
      const whole = pointerTo("2024-11-15T01:00:00Z");
      const half = pointerTo("2024-11-15T01:00:00.500Z");
      await submissions.advanceApplication(half);

      expect(await submissions.advanceApplication(whole)).toStrictEqual(half);
    });

    it("keeps one pointer per school and document type", async () => {
      const evidence = pointerTo("2024-11-15T02:00:00.000Z");
      const form = pointerTo("2024-11-15T01:00:00.000Z", { documentType: "application-form" });
      const otherSchool = pointerTo("2024-11-15T01:00:00.000Z", { schoolId: "12410000MB0000000Y" });

      await Promise.all([evidence, form, otherSchool].map((p) => submissions.advanceApplication(p)));

      expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toStrictEqual(evidence);
      expect(await submissions.getApplication(SCHOOL_ID, "application-form")).toStrictEqual(form);
      expect(await submissions.getApplication("12410000MB0000000Y", "evidence")).toStrictEqual(otherSchool);
    });

    it("lets exactly the newest of concurrent advancers win, and tells every one of them (20 rounds)", async () => {
      for (let round = 0; round < 20; round += 1) {
        const documentType = `evidence-${round}`;
        const pointers = [3, 1, 4, 2, 5].map((hour) =>
          pointerTo(`2024-11-15T0${hour}:00:00.000Z`, { documentType }),
        );
        const newest = pointers[4];

        const outcomes = await Promise.all(pointers.map((p) => submissions.advanceApplication(p)));

        expect(await submissions.getApplication(SCHOOL_ID, documentType)).toStrictEqual(newest);
        // Each caller learns a pointer at least as new as its own; the newest caller learns its own.
        for (const [i, outcome] of outcomes.entries()) {
          expect(outcome.currentUploadedAt >= (pointers[i]?.currentUploadedAt ?? "")).toBe(true);
        }
        expect(outcomes[4]).toStrictEqual(newest);
      }
    });

    it("ends at the newest upload whatever order the uploads are decided in", async () => {
      const upload = fc.record({
        uploadedAt: fc.integer({ min: Date.UTC(2024, 10, 1), max: Date.UTC(2024, 10, 20) }),
        submissionId: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(upload, { minLength: 1, maxLength: 6, selector: (u) => u.submissionId }),
          async (uploads) => {
            run += 1;
            const documentType = `evidence-${run}`;
            for (const { uploadedAt, submissionId } of uploads) {
              await submissions.advanceApplication(
                pointerTo(new Date(uploadedAt).toISOString(), {
                  documentType,
                  currentSubmissionId: submissionId,
                }),
              );
            }
            const newest = [...uploads]
              .sort((a, b) => a.uploadedAt - b.uploadedAt || (a.submissionId < b.submissionId ? -1 : 1))
              .at(-1);

            const stored = await submissions.getApplication(SCHOOL_ID, documentType);

            expect(stored?.currentSubmissionId).toBe(newest?.submissionId);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}
