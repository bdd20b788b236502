import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DynamoSubmissionRepository } from "../../../shared/aws/dynamodb-submissions.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import type { ApplicationPointer } from "../../../shared/submissions/records.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { SCHOOL_ID } from "./records.ts";

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

    const again = await submissions.advanceApplication({ ...current, updatedAt: "2024-11-21T00:00:00.000Z" });

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
