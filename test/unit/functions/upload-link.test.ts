import { describe, expect, it } from "vitest";
import { createUploadLinkHandler } from "../../../functions/upload-link/create-handler.ts";
import { MAX_FAILED_ATTEMPTS } from "../../../shared/api/attempt-limit.ts";
import { generateSchoolToken } from "../../../shared/submissions/tokens.ts";
import {
  AFTER_DEADLINE,
  bodyOf,
  CONTEXT,
  type FakeDependencies,
  fakeDependencies,
  httpEvent,
  registeredSchool,
} from "./fake-dependencies.ts";

/** A credit code no test registers: well-formed tokens naming it are never issued. */
const UNREGISTERED_SCHOOL = "12410000000000000X";
const SCHOOL_NAME = "河南工业职业技术学院";
const FILE_NAME = `${SCHOOL_NAME}职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf`;

function setUp() {
  const deps = fakeDependencies();
  const handler = createUploadLinkHandler({ ...deps, objects: deps.signer });
  const post = (token: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
    handler(
      httpEvent({ method: "POST", path: "/api/upload-links", ...(token ? { token } : {}), body, headers }),
      CONTEXT,
    );
  return { deps, post };
}

async function pending(deps: FakeDependencies, schoolId: string) {
  return (await deps.submissions.listSchoolSubmissions(schoolId)).filter((s) => s.state === "PENDING");
}

describe("POST /api/upload-links (createUploadLinkHandler with fakes)", () => {
  it("answers 401 without a token and 401 TOKEN_REJECTED for an unknown one, counting only the guess", async () => {
    const { deps, post } = setUp();
    const missing = await post(undefined, { fileName: FILE_NAME, size: 1000 });
    expect(missing.statusCode).toBe(401);
    expect(bodyOf(missing).error).toMatchObject({ code: "UNAUTHORIZED" });
    expect(missing.headers?.["www-authenticate"]).toBe('Bearer realm="shenbao"');
    expect([...deps.attempts.counts.values()]).toEqual([]);

    const unknown = await post(generateSchoolToken(UNREGISTERED_SCHOOL), { fileName: FILE_NAME, size: 1000 });
    expect(unknown.statusCode).toBe(401);
    expect(bodyOf(unknown).error).toMatchObject({ code: "TOKEN_REJECTED" });
    expect([...deps.attempts.counts.values()]).toEqual([1]);
  });

  it("answers 429 with Retry-After to further bad tokens once an address has failed too often, without counting them", async () => {
    const { deps, post } = setUp();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect((await post("not-a-token", { fileName: FILE_NAME, size: 1000 })).statusCode).toBe(401);
    }
    const refused = await post(generateSchoolToken(UNREGISTERED_SCHOOL), { fileName: FILE_NAME, size: 1000 });
    expect(refused.statusCode).toBe(429);
    expect(bodyOf(refused).error).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect(Number(refused.headers?.["retry-after"])).toBeGreaterThan(0);
    // Refused attempts past the limit are not counted again.
    expect([...deps.attempts.counts.values()]).toEqual([MAX_FAILED_ATTEMPTS]);
  });

  it("serves a valid token after 25 bad ones from the same address (issue 16: a flood must not lock out a NAT)", async () => {
    const { deps, post } = setUp();
    const { token } = await registeredSchool(deps);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push(
        (await post(generateSchoolToken(UNREGISTERED_SCHOOL), { fileName: FILE_NAME, size: 1000 }))
          .statusCode ?? 0,
      );
    }
    expect(statuses).toEqual([
      ...Array.from({ length: MAX_FAILED_ATTEMPTS }, () => 401),
      ...Array.from({ length: 25 - MAX_FAILED_ATTEMPTS }, () => 429),
    ]);
    expect((await post(token, { fileName: FILE_NAME, size: 1000 })).statusCode).toBe(201);
  });

  it("issues 201 with a signed POST for exactly the recorded PENDING submission", async () => {
    const { deps, post } = setUp();
    const { token, school } = await registeredSchool(deps);
    const response = await post(token, { fileName: FILE_NAME, size: 123_456 });
    expect(response.statusCode).toBe(201);
    const body = bodyOf(response) as {
      submissionId: string;
      expiresAt: string;
      upload: { fields: { key: string } };
    };
    const [record] = await pending(deps, school.schoolId);
    expect(record).toMatchObject({
      submissionId: body.submissionId,
      fileName: FILE_NAME,
      declaredSize: 123_456,
    });
    expect(deps.signer.signed).toEqual([
      { key: record?.objectKey, size: 123_456, expiresInSeconds: deps.config.SHENBAO_LINK_SECONDS },
    ]);
    expect(body.upload.fields.key).toBe(record?.objectKey);
    expect(Date.parse(body.expiresAt) - deps.clock().getTime()).toBe(deps.config.SHENBAO_LINK_SECONDS * 1000);
  });

  it("refuses 403 after the deadline and 422 for a file name the call does not accept, recording nothing", async () => {
    const { deps, post } = setUp();
    const { token, school } = await registeredSchool(deps);
    const wrongName = await post(token, { fileName: "申报材料.pdf", size: 1000 });
    expect(wrongName.statusCode).toBe(422);
    expect(bodyOf(wrongName).error).toMatchObject({ code: "CHECKS_FAILED" });
    expect((bodyOf(wrongName).error as { findings: unknown[] }).findings.length).toBeGreaterThan(0);

    deps.setNow(AFTER_DEADLINE);
    const late = await post(token, { fileName: FILE_NAME, size: 1000 });
    expect(late.statusCode).toBe(403);
    expect(bodyOf(late).error).toMatchObject({ code: "DEADLINE_PASSED" });
    expect((bodyOf(late).error as { message: string }).message).toContain("2024");
    expect(await pending(deps, school.schoolId)).toEqual([]);
    expect(deps.signer.signed).toEqual([]);
  });

  it("replays a retried request under its Idempotency-Key, refuses the key for another body with 409", async () => {
    const { deps, post } = setUp();
    const { token, school } = await registeredSchool(deps);
    const key = { "idempotency-key": "retry-key-0001" };
    const first = await post(token, { fileName: FILE_NAME, size: 1000 }, key);
    const again = await post(token, { fileName: FILE_NAME, size: 1000 }, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(bodyOf(again)).toEqual(bodyOf(first));
    expect(await pending(deps, school.schoolId)).toHaveLength(1);

    const other = await post(token, { fileName: FILE_NAME, size: 2000 }, key);
    expect(other.statusCode).toBe(409);
    expect(bodyOf(other).error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });

    const malformed = await post(
      token,
      { fileName: FILE_NAME, size: 1000 },
      { "idempotency-key": "bad key!" },
    );
    expect(malformed.statusCode).toBe(400);
    expect((bodyOf(malformed).error as { message: string }).message).toContain("Idempotency-Key");
    expect(await pending(deps, school.schoolId)).toHaveLength(1);
  });

  it("answers 500 in Chinese when a port fails unexpectedly", async () => {
    const { deps, post } = setUp();
    const { token } = await registeredSchool(deps);
    deps.submissions.createPending = async () => {
      throw new Error("DynamoDB unavailable");
    };
    const response = await post(token, { fileName: FILE_NAME, size: 1000 });
    expect(response.statusCode).toBe(500);
    expect(bodyOf(response).error).toMatchObject({ code: "INTERNAL" });
    expect((bodyOf(response).error as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  });
});
