import { IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issueUploadLink } from "../../../shared/uploads/issue-upload-link.ts";
import { requestUploadLinkFor } from "../../../shared/uploads/request-upload-link.ts";
import { AFTER_DEADLINE, fakeDependencies, registeredSchool } from "../functions/fake-dependencies.ts";

const FILE_NAME = "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf";

async function setUp() {
  const deps = fakeDependencies();
  const { school } = await registeredSchool(deps);
  const flowDeps = {
    ctx: deps.ctx,
    submissions: deps.submissions,
    signer: deps.signer,
    linkSeconds: 900,
    issuedLinks: deps.issuedLinks,
  };
  const pending = async () =>
    (await deps.submissions.listSchoolSubmissions(school.schoolId)).filter((s) => s.state === "PENDING");
  return { deps, school, flowDeps, pending };
}

describe("issueUploadLink", () => {
  it("records the submission PENDING before signing a POST for exactly its key, size and lifetime", async () => {
    const { deps, school, flowDeps, pending } = await setUp();
    let recordedBeforeSigning = false;
    const signer = {
      presignUpload: async (key: string, size: number, seconds: number) => {
        recordedBeforeSigning = (await pending()).some((s) => s.objectKey === key);
        return deps.signer.presignUpload(key, size, seconds);
      },
    };
    const outcome = await issueUploadLink(school, { fileName: FILE_NAME, size: 4096 }, deps.clock(), {
      ...flowDeps,
      signer,
    });
    expect(outcome.kind).toBe("issued");
    if (outcome.kind !== "issued") return;
    expect(recordedBeforeSigning).toBe(true);
    expect(outcome.submission).toMatchObject({
      schoolId: school.schoolId,
      fileName: FILE_NAME,
      declaredSize: 4096,
      documentType: deps.ctx.call.defaultDocumentType,
      state: "PENDING",
      linkExpiresAt: new Date(deps.clock().getTime() + 900_000).toISOString(),
    });
    expect(deps.signer.signed).toEqual([
      { key: outcome.submission.objectKey, size: 4096, expiresInSeconds: 900 },
    ]);
  });

  it("records with the submission what processing needs of the school, from the item the request read", async () => {
    const { deps, school, flowDeps } = await setUp();

    const outcome = await issueUploadLink(
      school,
      { fileName: FILE_NAME, size: 4096 },
      deps.clock(),
      flowDeps,
    );

    if (outcome.kind !== "issued") throw new Error(`link refused: ${outcome.kind}`);
    const stored = await deps.submissions.getSubmission(school.schoolId, outcome.submission.submissionId);
    expect(stored?.school).toStrictEqual({
      name: school.name,
      level: school.level,
      contactName: school.contactName,
      email: school.email,
      hasForm: false,
    });

    // A school that has saved its form: processing is told to recompute the pre-screen of its 佐证材料.
    const withForm = { ...school, formSavedAt: "2024-11-10T02:00:00.000Z" };
    const again = await issueUploadLink(
      withForm,
      { fileName: FILE_NAME, size: 4096 },
      deps.clock(),
      flowDeps,
    );
    if (again.kind !== "issued") throw new Error(`link refused: ${again.kind}`);
    expect(
      (await deps.submissions.getSubmission(school.schoolId, again.submission.submissionId))?.school,
    ).toMatchObject({ hasForm: true });
  });

  it("refuses after the deadline (deadline-passed) and for a file the call refuses (checks-failed), recording nothing", async () => {
    const { deps, school, flowDeps, pending } = await setUp();
    const wrong = await issueUploadLink(school, { fileName: "材料.pdf", size: 4096 }, deps.clock(), flowDeps);
    expect(wrong.kind).toBe("checks-failed");
    const late = await issueUploadLink(school, { fileName: FILE_NAME, size: 4096 }, AFTER_DEADLINE, flowDeps);
    expect(late.kind).toBe("deadline-passed");
    if (late.kind === "deadline-passed") {
      expect(late.findings.map((f) => f.code)).toContain("DEADLINE_PASSED");
    }
    expect(await pending()).toEqual([]);
    expect(deps.signer.signed).toEqual([]);
  });
});

describe("requestUploadLinkFor: the Idempotency-Key flow", () => {
  const request = { fileName: FILE_NAME, size: 4096 };
  // Powertools reads the wall clock for a record's expiry: it is set to the fakes' clock.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function setUpAtClock() {
    const setup = await setUp();
    vi.setSystemTime(setup.deps.clock());
    return setup;
  }

  it("issues without a key every time, and remembers nothing", async () => {
    const { deps, school, flowDeps, pending } = await setUpAtClock();
    const a = await requestUploadLinkFor(school, request, undefined, deps.clock(), flowDeps);
    const b = await requestUploadLinkFor(school, request, undefined, deps.clock(), flowDeps);
    expect([a.kind, b.kind]).toEqual(["issued", "issued"]);
    expect(await pending()).toHaveLength(2);
    expect(deps.issuedLinks.records.size).toBe(0);
  });

  it("replays the link issued under a key for the same request, and refuses the key for another", async () => {
    const { deps, school, flowDeps, pending } = await setUpAtClock();
    const first = await requestUploadLinkFor(school, request, "retry-key-0001", deps.clock(), flowDeps);
    const again = await requestUploadLinkFor(school, request, "retry-key-0001", deps.clock(), flowDeps);
    expect(first.kind).toBe("issued");
    expect(again).toEqual({
      kind: "replayed",
      response: first.kind === "issued" ? first.response : undefined,
    });
    expect(await pending()).toHaveLength(1);
    // The document type is part of the request: naming the default explicitly is the same request.
    const explicit = await requestUploadLinkFor(
      school,
      { ...request, documentType: deps.ctx.call.defaultDocumentType },
      "retry-key-0001",
      deps.clock(),
      flowDeps,
    );
    expect(explicit.kind).toBe("replayed");
    const other = await requestUploadLinkFor(
      school,
      { ...request, size: 4097 },
      "retry-key-0001",
      deps.clock(),
      flowDeps,
    );
    expect(other).toEqual({ kind: "key-reused" });
    expect(await pending()).toHaveLength(1);
  });

  it("scopes a key to its school: another school's identical key is another request", async () => {
    const { deps, school, flowDeps, pending } = await setUpAtClock();
    const first = await requestUploadLinkFor(school, request, "retry-key-0001", deps.clock(), flowDeps);
    const elsewhere = await requestUploadLinkFor(
      { ...school, schoolId: `${school.schoolId}-other` },
      request,
      "retry-key-0001",
      deps.clock(),
      flowDeps,
    );
    expect([first.kind, elsewhere.kind]).toEqual(["issued", "issued"]);
    expect(deps.issuedLinks.records.size).toBe(2);
    expect(await pending()).toHaveLength(1);
  });

  it("issues a new link under a key whose link has expired", async () => {
    const { deps, school, flowDeps, pending } = await setUpAtClock();
    const first = await requestUploadLinkFor(school, request, "retry-key-0001", deps.clock(), flowDeps);
    const later = new Date(deps.clock().getTime() + 901_000);
    vi.setSystemTime(later);
    const again = await requestUploadLinkFor(school, request, "retry-key-0001", later, flowDeps);
    expect([first.kind, again.kind]).toEqual(["issued", "issued"]);
    expect(await pending()).toHaveLength(2);
  });

  it("answers with the link a concurrent retry stored first (the re-read after a lost race)", async () => {
    const { deps, school, flowDeps, pending } = await setUpAtClock();
    let theirs: Awaited<ReturnType<typeof requestUploadLinkFor>> | undefined;
    // Just before this request's put, the other retry runs to completion under the same key.
    deps.issuedLinks.beforePut = async () => {
      deps.issuedLinks.beforePut = undefined;
      theirs = await requestUploadLinkFor(school, request, "retry-key-0002", deps.clock(), flowDeps);
    };
    const outcome = await requestUploadLinkFor(school, request, "retry-key-0002", deps.clock(), flowDeps);
    expect(theirs?.kind).toBe("issued");
    expect(outcome).toEqual({
      kind: "replayed",
      response: theirs?.kind === "issued" ? theirs.response : undefined,
    });
    // Only the other retry recorded a submission: this one never issued.
    expect(await pending()).toHaveLength(1);
  });
  it("tells a retry that races the first request still being answered to retry shortly, issuing nothing", async () => {
    const { deps, school, flowDeps, pending } = await setUpAtClock();
    // Just before this request's put, the first request under the key has taken its lock and is still issuing.
    deps.issuedLinks.beforePut = async (record) => {
      deps.issuedLinks.beforePut = undefined;
      deps.issuedLinks.records.set(
        record.idempotencyKey,
        new IdempotencyRecord({
          idempotencyKey: record.idempotencyKey,
          status: "INPROGRESS",
          expiryTimestamp: record.expiryTimestamp,
          inProgressExpiryTimestamp: Date.now() + 30_000,
          payloadHash: record.payloadHash,
        }),
      );
    };
    const outcome = await requestUploadLinkFor(school, request, "retry-key-0002", deps.clock(), flowDeps);
    expect(outcome).toEqual({ kind: "in-progress" });
    expect(await pending()).toHaveLength(0);
  });

  it("passes on the refusals of issueUploadLink unchanged, and remembers none", async () => {
    const { deps, school, flowDeps } = await setUpAtClock();
    const late = await requestUploadLinkFor(school, request, "retry-key-0003", AFTER_DEADLINE, flowDeps);
    expect(late.kind).toBe("deadline-passed");
    expect(deps.issuedLinks.records.size).toBe(0);
  });
});
