import { describe, expect, it } from "vitest";
import { issueUploadLink } from "../../../shared/uploads/issue-upload-link.ts";
import { requestHash } from "../../../shared/uploads/link-replay.ts";
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

  it("issues without a key every time, and remembers nothing", async () => {
    const { deps, school, flowDeps, pending } = await setUp();
    const a = await requestUploadLinkFor(school, request, undefined, deps.clock(), flowDeps);
    const b = await requestUploadLinkFor(school, request, undefined, deps.clock(), flowDeps);
    expect([a.kind, b.kind]).toEqual(["issued", "issued"]);
    expect(await pending()).toHaveLength(2);
    expect(deps.issuedLinks.links.size).toBe(0);
  });

  it("replays the link issued under a key for the same request, and refuses the key for another", async () => {
    const { deps, school, flowDeps, pending } = await setUp();
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

  it("issues a new link under a key whose link has expired", async () => {
    const { deps, school, flowDeps, pending } = await setUp();
    const first = await requestUploadLinkFor(school, request, "retry-key-0001", deps.clock(), flowDeps);
    const later = new Date(deps.clock().getTime() + 901_000);
    const again = await requestUploadLinkFor(school, request, "retry-key-0001", later, flowDeps);
    expect([first.kind, again.kind]).toEqual(["issued", "issued"]);
    expect(await pending()).toHaveLength(2);
  });

  it("answers with the link a concurrent retry remembered first (the re-read after a lost race)", async () => {
    const { deps, school, flowDeps, pending } = await setUp();
    const theirs = {
      requestHash: requestHash(request, deps.ctx.call.defaultDocumentType),
      response: { submissionId: "the-other-retry" },
      expiresAt: new Date(deps.clock().getTime() + 900_000).toISOString(),
    };
    // Between this request's find (nothing yet) and its remember, the other retry stores its link.
    deps.issuedLinks.beforeRemember = () => {
      deps.issuedLinks.beforeRemember = undefined;
      deps.issuedLinks.links.set(`${school.schoolId}#retry-key-0002`, theirs);
    };
    const outcome = await requestUploadLinkFor(school, request, "retry-key-0002", deps.clock(), flowDeps);
    expect(outcome).toEqual({ kind: "replayed", response: { submissionId: "the-other-retry" } });
    // This request's own PENDING record stays, unused.
    expect(await pending()).toHaveLength(1);
  });

  it("passes on the refusals of issueUploadLink unchanged", async () => {
    const { deps, school, flowDeps } = await setUp();
    const late = await requestUploadLinkFor(school, request, "retry-key-0003", AFTER_DEADLINE, flowDeps);
    expect(late.kind).toBe("deadline-passed");
    expect(deps.issuedLinks.links.size).toBe(0);
  });
});
