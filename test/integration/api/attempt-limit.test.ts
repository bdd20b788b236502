import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SCHOOL } from "../../../infra/local/demo-school.ts";
import { type ShenbaoLocal, startShenbao } from "../../../infra/local/shenbao-local.ts";
import { MAX_FAILED_ATTEMPTS } from "../../../shared/api/attempt-limit.ts";
import { generateSchoolToken } from "../../../shared/submissions/tokens.ts";

let dataDir: string;
let shenbao: ShenbaoLocal;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "shenbao-attempts-"));
  shenbao = await startShenbao({ dataDir, deadline: new Date(Date.now() + 86_400_000).toISOString() });
  ({ token } = await shenbao.registerSchool(DEMO_SCHOOL));
});

afterAll(async () => {
  await shenbao.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const me = (authorization?: string) =>
  fetch(`${shenbao.baseUrl}/api/me`, { headers: authorization ? { authorization } : {} });

describe("repeated bad tokens", () => {
  it("are refused with 401 until the limit, then every request from that address gets 429 for the minute", async () => {
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    // A missing token is not a guess and does not count.
    for (let i = 0; i < 5; i += 1) expect((await me()).status).toBe(401);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) {
      const response = await me(`Bearer ${i % 2 ? generateSchoolToken() : "not-a-token"}`);
      expect(response.status).toBe(401);
    }
    const blocked = await me(`Bearer ${generateSchoolToken()}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "TOO_MANY_ATTEMPTS",
      message: "令牌验证失败次数过多，请稍后再试。",
    });
    // Even the right token waits: the address is refused before any token is looked up.
    expect((await me(`Bearer ${token}`)).status).toBe(429);
  });
});
