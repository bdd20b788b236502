/**
 * Where the API lives. Default: the page's own origin (`/api/...`), as the local stack and a CloudFront
 * distribution with an /api behaviour serve it. Otherwise set at build time in `<meta name="shenbao-api">`, or at
 * deploy time in `config.json` beside index.html (which wins, so one build serves every deployment).
 */
export interface PageConfig {
  /** Base URL the API paths are appended to, without a trailing slash; "" means same origin. */
  apiBase: string;
}

export async function loadConfig(doc: Document = document): Promise<PageConfig> {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="shenbao-api"]')?.content ?? "";
  let apiBase = meta.trim();
  try {
    const response = await fetch(new URL("config.json", doc.baseURI), { cache: "no-store" });
    if (response.ok) {
      const config = (await response.json()) as { apiBase?: unknown };
      if (typeof config.apiBase === "string" && config.apiBase.trim() !== "") apiBase = config.apiBase.trim();
    }
  } catch {
    // No config.json, or not JSON: the meta tag (or same origin) stands.
  }
  return { apiBase: apiBase.replace(/\/+$/, "") };
}
