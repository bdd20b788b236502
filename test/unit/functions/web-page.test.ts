import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteHandler } from "../../../functions/web-page/handler.ts";
import { buildWeb } from "../../../web/build.ts";

let dir: string;
let serve: ReturnType<typeof createSiteHandler>;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shenbao-site-"));
  ({ files } = await buildWeb({ outDir: dir }));
  serve = createSiteHandler(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (rawPath: string) => serve({ rawPath } as APIGatewayProxyEventV2);
const text = (body: string | undefined) => Buffer.from(body ?? "", "base64").toString("utf8");

describe("the upload page served by the API", () => {
  it("serves index.html at / without caching, with a strict content security policy", async () => {
    const response = await get("/");
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    expect(String(response.headers?.["content-security-policy"])).toContain("script-src 'self'");
    expect(text(response.body)).toContain('<html lang="zh-CN"');
  });

  it("serves the content-hashed assets for a year", async () => {
    const script = files.find((f) => /^app-.*\.js$/.test(f));
    expect(script).toBeDefined();
    const response = await get(`/${script}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
    });
  });

  it.each(["/../package.json", "/%2e%2e/package.json", "/etc/passwd", "/api/me", "/index.html/"])(
    "answers 404 for %s: only the built files exist",
    async (path) => {
      expect((await get(path)).statusCode).toBe(404);
    },
  );
});
