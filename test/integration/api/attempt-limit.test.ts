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

/** A credit code no test registers: well-formed tokens naming it are never issued. */
const UNREGISTERED_SCHOOL = "12410000000000000X";
const me = (authorization?: string) =>
  fetch(`${shenbao.baseUrl}/api/me`, { headers: authorization ? { authorization } : {} });

describe("repeated bad tokens", () => {
  it("are refused with 401 until the limit, then further bad tokens from that address get 429 for the minute", async () => {
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    // A missing token is not a guess and does not count.
    for (let i = 0; i < 5; i += 1) expect((await me()).status).toBe(401);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) {
      const response = await me(`Bearer ${i % 2 ? generateSchoolToken(UNREGISTERED_SCHOOL) : "not-a-token"}`);
      expect(response.status).toBe(401);
    }
    const blocked = await me(`Bearer ${generateSchoolToken(UNREGISTERED_SCHOOL)}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "TOO_MANY_ATTEMPTS",
      message: "令牌验证失败次数过多，请稍后再试。",
    });
    // 25 bad tokens in all: still refused (401 again only if the minute turned meanwhile).
    for (let i = MAX_FAILED_ATTEMPTS + 1; i < 25; i += 1) {
      expect([401, 429]).toContain((await me(`Bearer ${generateSchoolToken(UNREGISTERED_SCHOOL)}`)).status);
    }
    // The right token is served whatever its address did (before issue 16 it got 429 here: that was the bug).
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    // And it does not clear the address: the next bad token is still refused.
    expect((await me(`Bearer ${generateSchoolToken(UNREGISTERED_SCHOOL)}`)).status).toBe(429);
  });
});
