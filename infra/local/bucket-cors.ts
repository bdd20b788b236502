/**
 * The CORS headers S3 adds to an actual (non-preflight) request, from the bucket's own CORS rules. s3rver applies
 * them to what it serves; the upload gateway answers POST uploads itself and uses this to behave the same, so a
 * browser can read the gateway's success and error answers. Preflights (OPTIONS) still go to s3rver.
 */
import { type CORSRule, GetBucketCorsCommand, type S3Client } from "@aws-sdk/client-s3";
import { originMatcher } from "./origins.ts";

export type CorsHeaders = Record<string, string>;

export function bucketCorsHeaders(s3: () => S3Client) {
  return async (bucket: string, origin: string | undefined, method: string): Promise<CorsHeaders> => {
    if (!origin) return {};
    let rules: CORSRule[] | undefined;
    try {
      ({ CORSRules: rules } = await s3().send(new GetBucketCorsCommand({ Bucket: bucket })));
    } catch {
      // No CORS configuration (or no bucket): S3 adds no CORS headers, and the browser blocks the answer.
      return {};
    }
    const rule = rules?.find(
      (r) => originMatcher(r.AllowedOrigins ?? [])(origin) && (r.AllowedMethods ?? []).includes(method),
    );
    if (!rule) return {};
    const headers: CorsHeaders = {
      "access-control-allow-origin": rule.AllowedOrigins?.includes("*") ? "*" : origin,
      "access-control-allow-methods": (rule.AllowedMethods ?? []).join(", "),
      vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
    };
    if (rule.ExposeHeaders?.length) headers["access-control-expose-headers"] = rule.ExposeHeaders.join(", ");
    if (rule.MaxAgeSeconds !== undefined) headers["access-control-max-age"] = String(rule.MaxAgeSeconds);
    if (headers["access-control-allow-origin"] !== "*") headers["access-control-allow-credentials"] = "true";
    return headers;
  };
}
