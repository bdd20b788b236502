/**
 * Node HTTP request ⇄ API Gateway HTTP API payload format 2.0, as API Gateway builds the event for a Lambda
 * integration and as it turns the Lambda's result back into a response.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";

export interface MatchedRoute {
  /** `GET /api/submissions/{submissionId}` */
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
}

/** Content types API Gateway passes as text; any other body arrives base64-encoded with isBase64Encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml)\b)/i;

export function toHttpApiEvent(
  req: IncomingMessage,
  body: Buffer,
  route: MatchedRoute,
): APIGatewayProxyEventV2 {
  const [pathPart = "/", query = ""] = (req.url ?? "/").split(/\?(.*)/s);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? "").toLowerCase();
    const value = req.rawHeaders[i + 1] ?? "";
    // Payload 2.0 moves cookies out of the headers into their own list.
    if (name === "cookie") cookies = [...(cookies ?? []), ...value.split(/;\s*/).filter(Boolean)];
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    queryStringParameters[name] =
      name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const contentType = headers["content-type"] ?? "";
  const binary = body.length > 0 && !TEXT_TYPES.test(contentType);
  // HTTP APIs hand the Lambda a percent-decoded path (unlike REST APIs and function URLs).
  const path = safeDecode(pathPart);
  const now = new Date();
  const requestId = `${randomBytes(6).toString("base64url")}=`;
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: path,
    rawQueryString: query,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: (headers.host ?? "localhost").split(".")[0] ?? "localhost",
      http: {
        method: req.method ?? "GET",
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: route.routeKey,
      stage: "$default",
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    ...(body.length > 0 ? { body: body.toString(binary ? "base64" : "utf8") } : {}),
    isBase64Encoded: binary,
  };
}

/**
 * Writes a Lambda result as API Gateway does: a structured result (with statusCode) as given, cookies as Set-Cookie;
 * anything else is taken as a 200 JSON body.
 */
export function writeHttpApiResult(
  res: ServerResponse,
  result: APIGatewayProxyResultV2,
  extraHeaders: Record<string, string> = {},
): void {
  if (typeof result !== "object" || result === null || !("statusCode" in result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result);
    res.writeHead(200, { ...extraHeaders, "content-type": "application/json" }).end(body);
    return;
  }
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  const body =
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8");
  res.writeHead(result.statusCode ?? 200, headers).end(body);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
function clfTime(date: Date): string {
  const month = date.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
