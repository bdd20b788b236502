import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalServer, type HttpHandler, type LocalServer } from "../../../infra/local/http-router.ts";
import { localRoutes } from "../../../infra/local/routes.ts";
import { HTTP_FUNCTIONS, type HttpFunctionName, ROUTES, routeKey } from "../../../shared/api/routes.ts";

/** A raw GET, so that `..` reaches the server unnormalised (fetch would resolve it first). */
function rawGet(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/`, { path, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("local API Gateway (HTTP API, payload 2.0)", () => {
  let server: LocalServer;
  let root: string;
  const events: APIGatewayProxyEventV2[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "shenbao-web-"));
    await mkdir(join(root, "site"));
    await writeFile(join(root, "site", "index.html"), "<h1>申报</h1>");
    await writeFile(join(root, "secret.txt"), "outside");
    await symlink(join(root, "secret.txt"), join(root, "site", "link.txt"));
    server = await createLocalServer({
      staticDir: join(root, "site"),
      bodyLimitBytes: 1024,
      routes: [
        {
          method: "GET",
          path: "/api/submissions/{submissionId}",
          handler: async (event) => {
            events.push(event);
            return {
              statusCode: 200,
              headers: { "Content-Type": "application/json; charset=utf-8" },
              cookies: ["a=1; Path=/", "b=2; Path=/"],
              body: JSON.stringify({ id: event.pathParameters?.submissionId }),
            };
          },
        },
        {
          method: "POST",
          path: "/api/upload-links",
          handler: async (event) => {
            events.push(event);
            return { statusCode: 201, body: event.body ?? "" };
          },
        },
        {
          method: "ANY",
          path: "/api/files/{path+}",
          handler: async (event) => JSON.stringify({ path: event.pathParameters?.path }),
        },
        {
          method: "GET",
          path: "/api/boom",
          handler: async () => {
            throw new Error("boom");
          },
        },
      ],
    });
  });

  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it("turns a request into a payload 2.0 event and the result into a response", async () => {
    const response = await fetch(`${server.url}/api/submissions/S%E7%94%B3-1?x=1&x=2&y=%E6%B2%B3`, {
      headers: { "X-Trace": "t1", Cookie: "session=abc; theme=dark", "User-Agent": "vitest" },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "S申-1" });
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const event = events.at(-1);
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "GET /api/submissions/{submissionId}",
      rawPath: "/api/submissions/S申-1",
      rawQueryString: "x=1&x=2&y=%E6%B2%B3",
      queryStringParameters: { x: "1,2", y: "河" },
      pathParameters: { submissionId: "S申-1" },
      cookies: ["session=abc", "theme=dark"],
      isBase64Encoded: false,
      requestContext: {
        http: { method: "GET", path: "/api/submissions/S申-1", sourceIp: "127.0.0.1", userAgent: "vitest" },
        routeKey: "GET /api/submissions/{submissionId}",
        stage: "$default",
      },
    });
    expect(event?.headers["x-trace"]).toBe("t1");
    expect(event?.headers.cookie).toBeUndefined();
    expect(event?.body).toBeUndefined();
    expect(event?.requestContext.requestId).toBeTruthy();
    expect(Math.abs((event?.requestContext.timeEpoch ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it("passes JSON bodies as text and binary bodies base64-encoded", async () => {
    const json = await fetch(`${server.url}/api/upload-links`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fileName: "申报材料.pdf" }),
    });
    const jsonEvent = events.at(-1);
    const binary = await fetch(`${server.url}/api/upload-links`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array([0, 255, 1]),
    });
    const binaryEvent = events.at(-1);

    expect(json.status).toBe(201);
    expect(jsonEvent).toMatchObject({ body: '{"fileName":"申报材料.pdf"}', isBase64Encoded: false });
    expect(binary.status).toBe(201);
    expect(binaryEvent).toMatchObject({
      body: Buffer.from([0, 255, 1]).toString("base64"),
      isBase64Encoded: true,
    });
  });

  it("matches greedy routes and takes a bare string result as a 200 JSON body", async () => {
    const response = await fetch(`${server.url}/api/files/a/b/c.pdf`, { method: "DELETE" });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ path: "a/b/c.pdf" });
  });

  it("answers 404, 405, 413 and 500 as JSON", async () => {
    const missing = await fetch(`${server.url}/api/nothing`);
    const wrongMethod = await fetch(`${server.url}/api/submissions/1`, { method: "DELETE" });
    const tooLarge = await fetch(`${server.url}/api/upload-links`, {
      method: "POST",
      body: "x".repeat(2048),
    });
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = await fetch(`${server.url}/api/boom`);
    consoleError.mockRestore();

    expect([missing.status, await missing.json()]).toEqual([404, { message: "Not Found" }]);
    expect([wrongMethod.status, await wrongMethod.json()]).toEqual([405, { message: "Method Not Allowed" }]);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { message: "Request Entity Too Large" }]);
    expect([failing.status, await failing.json()]).toEqual([500, { message: "Internal Server Error" }]);
  });

  it("answers CORS preflights and requests for loopback origins only", async () => {
    const preflight = await fetch(`${server.url}/api/upload-links`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    const foreign = await fetch(`${server.url}/api/submissions/1`, {
      headers: { origin: "https://evil.example" },
    });
    const local = await fetch(`${server.url}/api/submissions/1`, {
      headers: { origin: "http://127.0.0.1:8080" },
    });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(local.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8080");
  });

  it("serves the web page, and nothing outside its directory", async () => {
    const index = await fetch(`${server.url}/`);

    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toBe("<h1>申报</h1>");
    expect(await rawGet(server.url, "/../secret.txt")).toBe(404);
    expect(await rawGet(server.url, "/%2e%2e/secret.txt")).toBe(404);
    expect(await rawGet(server.url, "/link.txt")).toBe(404);
    expect(await rawGet(server.url, "/index.html%00.txt")).toBe(404);
  });
});

describe("the route table, served locally", () => {
  /** Each function's handler answers with its name and the route and function API Gateway would report. */
  const answering =
    (name: HttpFunctionName): HttpHandler =>
    async (event, context) => ({
      statusCode: 200,
      body: JSON.stringify({ name, routeKey: event.routeKey, functionName: context.functionName }),
    });
  const handlers = Object.fromEntries(HTTP_FUNCTIONS.map((name) => [name, answering(name)])) as Record<
    HttpFunctionName,
    HttpHandler
  >;

  it("serves every route of the table with its function, and no other", async () => {
    const server = await createLocalServer({ routes: localRoutes(handlers) });
    try {
      for (const route of ROUTES) {
        const path = route.path
          .replace("{submissionId}", "s-1")
          .replace("{document}", "plan.docx")
          .replace("{file+}", "assets/app.js");
        const response = await fetch(`${server.url}${path}`, {
          method: route.method,
          ...(route.method === "GET" ? {} : { body: "{}" }),
        });
        expect(response.status, routeKey(route)).toBe(200);
        expect(await response.json()).toEqual({
          name: route.function,
          routeKey: routeKey(route),
          functionName: route.function,
        });
      }
      // A method the table does not give a path is not served on it.
      expect((await fetch(`${server.url}/api/me`, { method: "DELETE" })).status).toBe(405);
      expect((await fetch(`${server.url}/api/upload-links`, { method: "PUT", body: "{}" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("leaves the page's routes to the static directory when no page handler is given", () => {
    const { "web-page": _page, ...apiHandlers } = handlers;
    expect(localRoutes(apiHandlers).map(routeKey)).toEqual(
      ROUTES.filter((r) => r.function !== "web-page").map(routeKey),
    );
  });
});
