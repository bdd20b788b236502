import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SCHOOL, demoFileName } from "../../../infra/local/demo-school.ts";
import { type ShenbaoLocal, startShenbao } from "../../../infra/local/shenbao-local.ts";

let dataDir: string;
let shenbao: ShenbaoLocal;
let token: string;
let schoolId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "shenbao-idempotency-"));
  shenbao = await startShenbao({ dataDir, deadline: new Date(Date.now() + 86_400_000).toISOString() });
  const registered = await shenbao.registerSchool(DEMO_SCHOOL);
  token = registered.token;
  schoolId = registered.school.schoolId;
});

afterAll(async () => {
  await shenbao.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function requestLink(body: unknown, idempotencyKey?: string) {
  return fetch(`${shenbao.baseUrl}/api/upload-links`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey }),
    },
    body: JSON.stringify(body),
  });
}

const pendingCount = async () =>
  (await shenbao.repositories.submissions.listSchoolSubmissions(schoolId)).filter(
    (s) => s.state === "PENDING",
  ).length;

describe("POST /api/upload-links with an Idempotency-Key", () => {
  const body = { fileName: demoFileName(), size: 123_456 };

  it("answers a retried request with the link already issued, recording one submission", async () => {
    const before = await pendingCount();
    const first = await requestLink(body, "retry-key-0001");
    const again = await requestLink(body, "retry-key-0001");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    const [a, b] = [
      (await first.json()) as { submissionId: string },
      (await again.json()) as { submissionId: string },
    ];
    expect(b).toEqual(a);
    expect(await pendingCount()).toBe(before + 1);
  });

  it("refuses the same key for a different request with 409, in Chinese", async () => {
    const response = await requestLink({ ...body, size: 654_321 }, "retry-key-0001");
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: unknown }).error).toEqual({
      code: "IDEMPOTENCY_KEY_REUSED",
      message: "该 Idempotency-Key 已用于另一份不同的请求，请为新的请求使用新的键值。",
    });
  });

  it("issues a new link for a new key or none, and refuses a malformed key with 400", async () => {
    const [a, b] = await Promise.all([requestLink(body, "retry-key-0002"), requestLink(body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(((await a.json()) as { submissionId: string }).submissionId).not.toBe(
      ((await b.json()) as { submissionId: string }).submissionId,
    );
    const malformed = await requestLink(body, "bad key!");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain(
      "Idempotency-Key",
    );
  });
});
