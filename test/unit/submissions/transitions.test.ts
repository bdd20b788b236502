/** The pure decisions behind the submission store's conditional writes, over every state and version relation. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";
import { SUBMISSION_STATES, type SubmissionState } from "../../../shared/submissions/states.ts";
import {
  advances,
  canClaim,
  canRecordClaimedVerdict,
  canRecordVerdict,
  canSupersede,
  canTakeLease,
  claimedVerdictWhenLost,
  classifyClaim,
  verdictWhenLost,
} from "../../../shared/submissions/transitions.ts";

const verdict = {
  state: "ACCEPTED" as const,
  size: 1,
  sha256: "",
  pageCount: 1,
  findings: [],
  receiptNumber: "SB20241115-7K3M9Q2XWD",
  processedAt: "2024-11-15T01:05:03.000Z",
};

function record(state: SubmissionState, objectVersion?: string): SubmissionRecord {
  const decided = state !== "PENDING" && state !== "PROCESSING";
  return {
    submissionId: "01JCSN0000AAAAAAAAAAAAAAAA",
    schoolId: "12410000415804312X",
    callId: "henan-2024",
    documentType: "evidence",
    fileName: "a.pdf",
    objectKey: "uploads/x/y/a.pdf",
    declaredSize: 1,
    state,
    createdAt: "2024-11-15T01:00:00.000Z",
    linkExpiresAt: "2024-11-15T01:15:00.000Z",
    ...(state === "PENDING" ? {} : { objectVersion, uploadedAt: "2024-11-15T01:04:59.000Z" }),
    ...(decided ? { verdict: { ...verdict, state: state === "SUPERSEDED" ? "ACCEPTED" : state } } : {}),
  } as SubmissionRecord;
}

const anyState = fc.constantFrom(...SUBMISSION_STATES);

describe("classifyClaim", () => {
  it("writes the claim exactly when the submission is PENDING", () => {
    expect(classifyClaim(record("PENDING"), { objectVersion: "v1" })).toStrictEqual({ kind: "write" });
  });

  it("reports not-found for a missing submission", () => {
    expect(classifyClaim(undefined, { objectVersion: "v1" })).toStrictEqual({ kind: "not-found" });
  });

  it("decides every stored state and version relation (exhaustive)", () => {
    fc.assert(
      fc.property(anyState, fc.boolean(), (state, sameVersion) => {
        fc.pre(state !== "PENDING");
        const stored = record(state, "v1");
        const outcome = classifyClaim(stored, { objectVersion: sameVersion ? "v1" : "v2" });
        if (!sameVersion) expect(outcome).toStrictEqual({ kind: "other-version", submission: stored });
        else if (state === "PROCESSING")
          expect(outcome).toStrictEqual({ kind: "claimed", submission: stored });
        else expect(outcome).toStrictEqual({ kind: "decided", submission: stored });
        // Whatever it says, a lost claim never asks for another write.
        expect(canClaim(stored)).toBe(false);
      }),
    );
  });
});

describe("verdict", () => {
  it("is recordable only for the PROCESSING version, and a repeat on the same version returns the stored one", () => {
    fc.assert(
      fc.property(anyState, fc.boolean(), (state, sameVersion) => {
        const stored = record(state, "v1");
        const version = sameVersion ? "v1" : "v2";
        expect(canRecordVerdict(stored, version)).toBe(state === "PROCESSING" && sameVersion);
        const lost = verdictWhenLost(stored, version);
        if (sameVersion && stored.verdict)
          expect(lost).toStrictEqual({ kind: "already-recorded", submission: stored });
        else expect(lost).toStrictEqual({ kind: "conflict" });
      }),
    );
    expect(verdictWhenLost(undefined, "v1")).toStrictEqual({ kind: "not-found" });
  });
});

describe("verdict with the claim", () => {
  const NOW = "2024-11-15T01:05:00.000Z";
  const leases = fc.constantFrom(
    undefined,
    { owner: "me", until: "2024-11-15T01:20:00.000Z" },
    { owner: "other", until: "2024-11-15T01:20:00.000Z" },
    { owner: "other", until: "2024-11-15T01:00:00.000Z" },
  );

  it("applies to a submission without a verdict whose lease can be taken, and tells every loss apart (exhaustive)", () => {
    fc.assert(
      fc.property(anyState, fc.boolean(), leases, (state, sameVersion, held) => {
        const stored = record(state, "v1");
        const version = sameVersion ? "v1" : "v2";
        const leaseFree = held === undefined || held.owner === "me" || held.until < NOW;
        const undecided = state === "PENDING" || (state === "PROCESSING" && sameVersion);
        expect(canRecordClaimedVerdict(stored, held, version, { owner: "me", now: NOW })).toBe(
          undecided && leaseFree,
        );
        if (undecided && leaseFree) return;
        const lost = claimedVerdictWhenLost(stored, held, version, "me");
        if (state !== "PENDING" && !sameVersion)
          expect(lost).toStrictEqual({ kind: "other-version", submission: stored });
        else if (stored.verdict && held?.owner === "me")
          expect(lost).toStrictEqual({ kind: "already-recorded", submission: stored });
        // This version decided by another delivery, or its lease running: never a second verdict, never mail.
        else expect(lost).toStrictEqual({ kind: "held-by-another" });
      }),
    );
    expect(canRecordClaimedVerdict(undefined, undefined, "v1", { owner: "me", now: NOW })).toBe(false);
    expect(claimedVerdictWhenLost(undefined, undefined, "v1", "me")).toStrictEqual({ kind: "not-found" });
  });
});

describe("supersede", () => {
  it("applies to ACCEPTED, or to SUPERSEDED by the same successor only", () => {
    for (const state of SUBMISSION_STATES) {
      const stored = { ...record(state, "v1"), ...(state === "SUPERSEDED" ? { supersededBy: "B" } : {}) };
      expect(canSupersede(stored, "B")).toBe(state === "ACCEPTED" || state === "SUPERSEDED");
      expect(canSupersede(stored, "C")).toBe(state === "ACCEPTED");
    }
    expect(canSupersede(undefined, "B")).toBe(false);
  });
});

describe("lease", () => {
  it("is granted when free, lapsed, or already the requester's, and never on a missing submission", () => {
    const req = { owner: "m1", now: "2024-11-15T01:10:00.000Z" };
    expect(canTakeLease(true, undefined, req)).toBe(true);
    expect(canTakeLease(true, { owner: "m1", until: "2024-11-15T02:00:00.000Z" }, req)).toBe(true);
    expect(canTakeLease(true, { owner: "m2", until: "2024-11-15T02:00:00.000Z" }, req)).toBe(false);
    expect(canTakeLease(true, { owner: "m2", until: "2024-11-15T01:09:59.999Z" }, req)).toBe(true);
    expect(canTakeLease(false, undefined, req)).toBe(false);
  });
});

describe("advances", () => {
  it("orders pointers by upload instant, then submission id, and is a strict order", () => {
    const pointer = fc.record({
      schoolId: fc.constant("S"),
      documentType: fc.constant("evidence"),
      currentSubmissionId: fc.constantFrom("A", "B", "C"),
      currentUploadedAt: fc
        .integer({ min: Date.UTC(2024, 10, 1), max: Date.UTC(2024, 10, 2) })
        .map((ms) => new Date(ms).toISOString()),
      updatedAt: fc.constant("2024-11-20T00:00:00.000Z"),
    });
    fc.assert(
      fc.property(pointer, pointer, (a, b) => {
        expect(advances(a, a)).toBe(false);
        if (advances(a, b)) expect(advances(b, a)).toBe(false);
        const same =
          a.currentUploadedAt === b.currentUploadedAt && a.currentSubmissionId === b.currentSubmissionId;
        if (!same) expect(advances(a, b) !== advances(b, a)).toBe(true);
        expect(advances(undefined, a)).toBe(true);
      }),
    );
  });
});
