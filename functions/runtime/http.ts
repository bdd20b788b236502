import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { z } from "zod";
import {
  type AttemptCounter,
  attemptKey,
  attemptWindow,
  MAX_FAILED_ATTEMPTS,
} from "../../shared/api/attempt-limit.ts";
import { authenticateSchool, type TokenLookup } from "../../shared/api/authenticate.ts";
import { issueText } from "../../shared/api/issue-text.ts";
import { errorResponse } from "../../shared/api/responses.ts";
import { API_BODY_LABEL, API_ERROR_TEXT, API_FIELD_LABEL } from "../../shared/messages/api.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const MAX_JSON_BODY_BYTES = 16 * 1024;

/** Unexpected failures become a 500 in Chinese for the school and an error log with the cause for the operator. */
export function withErrorHandling(logger: Logger, handler: HttpHandler): HttpHandler {
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await handler(event, context);
    } catch (error) {
      logger.error("request failed", { error: error as Error, path: event.rawPath });
      return errorResponse(500, "INTERNAL", API_ERROR_TEXT.INTERNAL);
    } finally {
      logger.resetKeys();
    }
  };
}

/**
 * The school a request's bearer token belongs to, or the 401/429 to answer. A token that verifies is served whatever
 * its address did before: a flood of bad tokens from a campus or government NAT must not lock out the colleges
 * behind it. Only failed presentations count, per address and minute; past the limit, a further failed one is
 * answered 429 (and not counted again), so guessing stays bounded while valid tokens keep working. Floods as such
 * are bounded by API Gateway's throttling (and the optional WAF rule) before they reach this function.
 */
export async function requireSchool(
  event: APIGatewayProxyEventV2,
  deps: { schools: TokenLookup; attempts: AttemptCounter },
  now: Date = new Date(),
): Promise<{ ok: true; school: SchoolRecord } | { ok: false; response: APIGatewayProxyStructuredResultV2 }> {
  const auth = await authenticateSchool(event.headers.authorization, deps.schools);
  if (auth.ok) return auth;
  const challenge = { "www-authenticate": 'Bearer realm="shenbao"' };
  // A request without any token is not a guess: it neither counts nor is refused for the address's failures.
  if (auth.reason === "missing") {
    return {
      ok: false,
      response: errorResponse(401, "UNAUTHORIZED", API_ERROR_TEXT.UNAUTHORIZED, {}, challenge),
    };
  }
  const key = attemptKey(event.requestContext.http.sourceIp);
  const window = attemptWindow(now);
  if ((await deps.attempts.failures(key, window.start)) >= MAX_FAILED_ATTEMPTS) {
    return {
      ok: false,
      response: errorResponse(
        429,
        "TOO_MANY_ATTEMPTS",
        API_ERROR_TEXT.TOO_MANY_ATTEMPTS,
        {},
        { "retry-after": String(window.retryAfterSeconds) },
      ),
    };
  }
  await deps.attempts.addFailure(key, window.start, window.expiresAt);
  return {
    ok: false,
    response:
      auth.reason === "unknown"
        ? errorResponse(401, "TOKEN_REJECTED", API_ERROR_TEXT.TOKEN_REJECTED, {}, challenge)
        : errorResponse(401, "UNAUTHORIZED", API_ERROR_TEXT.UNAUTHORIZED, {}, challenge),
  };
}

/** Parses and validates a JSON body; every problem is named in the 400's message. */
export function parseJsonBody<T>(
  event: APIGatewayProxyEventV2,
  schema: z.ZodType<T>,
  maxBytes = MAX_JSON_BODY_BYTES,
): { ok: true; value: T } | { ok: false; response: APIGatewayProxyStructuredResultV2 } {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, "base64").toString("utf8")
      : event.body
    : "";
  if (Buffer.byteLength(raw, "utf8") > maxBytes) {
    return { ok: false, response: errorResponse(413, "BODY_TOO_LARGE", API_ERROR_TEXT.BODY_TOO_LARGE) };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, response: errorResponse(400, "INVALID_JSON", API_ERROR_TEXT.INVALID_JSON) };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")))];
  const problems = fields.map((f) => API_FIELD_LABEL[f] ?? (f || API_BODY_LABEL)).join("、");
  return {
    ok: false,
    response: errorResponse(400, "INVALID_REQUEST", API_ERROR_TEXT.INVALID_REQUEST(problems), {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: issueText(i) })),
    }),
  };
}
