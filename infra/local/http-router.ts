/**
 * The local API Gateway: routes like `GET /api/submissions/{submissionId}` to Lambda handlers with HTTP API payload
 * 2.0 events, CORS for the API, and the web page as static files.
 *
 * Uploads do not pass through here: presigned POSTs point at the S3 endpoint (see emulators.ts), as in AWS.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { toHttpApiEvent, writeHttpApiResult } from "./api-gateway-event.ts";
import { createLambdaContext } from "./lambda-context.ts";
import { LOOPBACK_ORIGINS, originMatcher } from "./origins.ts";
import { serveStatic } from "./static-files.ts";

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

export interface LocalRoute {
  /** An HTTP method, or ANY. */
  method: string;
  /** A route path as API Gateway writes it: `/api/submissions/{submissionId}`, or `{name+}` as a greedy last segment. */
  path: string;
  handler: HttpHandler;
  /** The Lambda function name its context carries. Default: derived from the route. */
  functionName?: string;
}

export interface LocalServerOptions {
  routes: readonly LocalRoute[];
  port?: number;
  host?: string;
  staticDir?: string;
  /** Request bodies above this are refused with 413. Default 10 MiB, API Gateway's own limit. */
  bodyLimitBytes?: number;
  /** Origins allowed to call the API from a browser (one `*` wildcard each). Default: any loopback origin. */
  corsOrigins?: readonly string[];
  /** A handler running longer than this answers 503, as an integration timeout does. Default 30 s. */
  timeoutMs?: number;
  /** The region the handlers' Lambda context names. Default us-east-1. */
  region?: string;
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

interface CompiledRoute extends LocalRoute {
  routeKey: string;
  pattern: RegExp;
  names: string[];
  rank: number;
}

export async function createLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? "127.0.0.1";
  const bodyLimit = options.bodyLimitBytes ?? 10 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const routes = options.routes.map(compile).sort((a, b) => a.rank - b.rank);
  const allowedOrigin = originMatcher(options.corsOrigins ?? LOOPBACK_ORIGINS);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("local API failed", error);
      if (!res.headersSent) json(res, 500, { message: "Internal Server Error" });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    const onPath = routes.filter((r) => r.pattern.test(rawPath));
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && onPath.length > 0 && allowedOrigin(origin)
        ? { "access-control-allow-origin": origin, vary: "Origin" }
        : {};

    if (method === "OPTIONS" && onPath.length > 0 && req.headers["access-control-request-method"]) {
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": allowedMethods(onPath).join(", "),
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const route = onPath.find((r) => r.method === "ANY" || r.method === method);
    if (!route) {
      if (onPath.length > 0) {
        json(
          res,
          405,
          { message: "Method Not Allowed" },
          { ...cors, allow: allowedMethods(onPath).join(", ") },
        );
      } else if (
        !(
          options.staticDir &&
          (method === "GET" || method === "HEAD") &&
          (await serveStatic(options.staticDir, req, res))
        )
      ) {
        json(res, 404, { message: "Not Found" });
      }
      return;
    }
    const body = await readBody(req, bodyLimit);
    if (body === undefined) {
      json(res, 413, { message: "Request Entity Too Large" }, { ...cors, connection: "close" });
      return;
    }
    const event = toHttpApiEvent(req, body, {
      routeKey: route.routeKey,
      pathParameters: parameters(route, rawPath),
    });
    const context = createLambdaContext({
      functionName: route.functionName ?? route.routeKey.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, ""),
      timeoutMs,
      region: options.region ?? "us-east-1",
    });
    const result = await withTimeout(route.handler(event, context), timeoutMs);
    if (result === TIMED_OUT) json(res, 503, { message: "Service Unavailable" }, cors);
    else writeHttpApiResult(res, result, cors);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function compile(route: LocalRoute): CompiledRoute {
  const names: string[] = [];
  let rank = 0;
  const segments = route.path.split("/").map((segment) => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(segment);
    if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    names.push(param[1] ?? "");
    // Most specific first, as API Gateway chooses: literal segments, then {param}, then {greedy+}.
    rank += param[2] ? 1000 : 1;
    return param[2] ? "(.+)" : "([^/]+)";
  });
  const method = route.method.toUpperCase();
  return {
    ...route,
    method,
    routeKey: `${method} ${route.path}`,
    pattern: new RegExp(`^${segments.join("/")}$`),
    names,
    rank,
  };
}

function parameters(route: CompiledRoute, rawPath: string): Record<string, string> | undefined {
  if (route.names.length === 0) return undefined;
  const values = route.pattern.exec(rawPath)?.slice(1) ?? [];
  return Object.fromEntries(route.names.map((name, i) => [name, safeDecode(values[i] ?? "")]));
}

function allowedMethods(routes: readonly CompiledRoute[]): string[] {
  const methods = routes.map((r) => r.method);
  return methods.includes("ANY")
    ? ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    : [...new Set(methods)];
}

/** The body, or undefined when it exceeds the limit (checked before reading when Content-Length says so). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"]) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const TIMED_OUT = Symbol("timed out");

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
