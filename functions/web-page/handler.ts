import { fileURLToPath } from "node:url";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { loadSite, type SiteFile } from "./site-files.ts";

/**
 * GET / and GET /{file}: the school's upload page, served by the same HTTP API as /api, so the page and the API
 * share one origin (no CORS for the page's own calls) and one deployment. Bundled, the built page sits in `web/`
 * beside this function's bundle; from source, in web/dist.
 */
const SITE_DIRECTORY = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "../../web/dist/" : "./web/", import.meta.url),
);

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  // The page loads only its own script and style and talks to its own origin and the upload bucket (https).
  "content-security-policy":
    "default-src 'self'; connect-src 'self' https:; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
};

export function createSiteHandler(directory: string) {
  let site: Map<string, SiteFile> | undefined;
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    site ??= loadSite(directory);
    const path = event.rawPath === "/" || event.rawPath === "" ? "/index.html" : event.rawPath;
    const file = site.get(path);
    if (!file) {
      return {
        statusCode: 404,
        headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS },
        body: "404",
      };
    }
    return {
      statusCode: 200,
      headers: { "content-type": file.contentType, "cache-control": file.cacheControl, ...SECURITY_HEADERS },
      body: file.body.toString("base64"),
      isBase64Encoded: true,
    };
  };
}

export const handler = createSiteHandler(SITE_DIRECTORY);
