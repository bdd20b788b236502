/**
 * The HTTP API's routes, declared once: the CDK stack (infra/constructs/api.ts) creates exactly these on API Gateway,
 * and the local stack (infra/local/routes.ts) serves exactly these. A route names the function (functions/{name})
 * that answers it and who may call it.
 */

/** Functions that answer HTTP requests, by their directory under functions/. */
export const HTTP_FUNCTIONS = [
  "upload-link",
  "submission-status",
  "school-profile",
  "school-application",
  "application-form",
  "school-documents",
  "reviewer-link",
  "web-page",
] as const;
export type HttpFunctionName = (typeof HTTP_FUNCTIONS)[number];

/**
 * `school-token`: the function itself authorizes the request by the school's bearer token (functions/runtime/http.ts
 * requireSchool); API Gateway has no authorizer. `link-id`: the path's opaque reviewer link id is the credential,
 * checked by the function against its stored hash (shared/reviewer-links/). `none`: public, the same for everyone
 * and holding no data.
 */
export type RouteAuth = "school-token" | "link-id" | "none";

export interface Route {
  method: "GET" | "POST" | "PUT";
  /** As API Gateway writes it: `{name}` for a path parameter, `{name+}` as a greedy last segment. */
  path: string;
  function: HttpFunctionName;
  auth: RouteAuth;
}

export const ROUTES: readonly Route[] = [
  { method: "POST", path: "/api/upload-links", function: "upload-link", auth: "school-token" },
  {
    method: "GET",
    path: "/api/submissions/{submissionId}",
    function: "submission-status",
    auth: "school-token",
  },
  { method: "GET", path: "/api/me", function: "school-profile", auth: "school-token" },
  { method: "GET", path: "/api/me/application", function: "school-application", auth: "school-token" },
  { method: "PUT", path: "/api/me/application", function: "school-application", auth: "school-token" },
  { method: "GET", path: "/api/me/application-form", function: "application-form", auth: "school-token" },
  { method: "PUT", path: "/api/me/application-form", function: "application-form", auth: "school-token" },
  // application.docx, plan.docx (shared/documents/document-files.ts); another name is the function's 404.
  {
    method: "GET",
    path: "/api/me/documents/{document}",
    function: "school-documents",
    auth: "school-token",
  },
  // A reviewer's download: a redirect to a freshly presigned GET of the checked version (docs/deploy.md).
  { method: "GET", path: "/r/{linkId}", function: "reviewer-link", auth: "link-id" },
  // The school's upload page, served by the API itself: one origin for the page and /api.
  { method: "GET", path: "/", function: "web-page", auth: "none" },
  { method: "GET", path: "/{file+}", function: "web-page", auth: "none" },
];

/** `GET /api/me`: a route as API Gateway names it (its route key). */
export function routeKey(route: { method: string; path: string }): string {
  return `${route.method} ${route.path}`;
}
