import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { Finding } from "../checks/finding.ts";

const JSON_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** What an error may carry beside its code and message. */
export interface ApiErrorDetails {
  /** The checks that refused the request (a file's name, the details form). */
  findings?: Finding[];
  /** The fields of a malformed request body. */
  issues?: { path: string[]; message: string }[];
}

/** The one error shape of the API: a stable code for programs and a Chinese message for people. */
export interface ApiErrorBody {
  error: { code: string; message: string } & ApiErrorDetails;
}

export function errorBody(code: string, message: string, details: ApiErrorDetails = {}): ApiErrorBody {
  return { error: { code, message, ...details } };
}

export function errorResponse(
  statusCode: number,
  code: string,
  message: string,
  details: ApiErrorDetails = {},
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(statusCode, errorBody(code, message, details), headers);
}
