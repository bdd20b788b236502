/** Browser origins the local stack trusts: the web page on whatever loopback port it is served. */
export const LOOPBACK_ORIGINS: readonly string[] = [
  "http://127.0.0.1:*",
  "http://localhost:*",
  "http://[::1]:*",
];

/** Whether an origin matches one of the patterns; each may hold one `*` matching any run of characters (as in S3 CORS). */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const expressions = patterns.map((pattern) => {
    const escaped = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`);
  });
  return (origin) => expressions.some((expression) => expression.test(origin));
}
