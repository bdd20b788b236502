import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";

export interface SiteFile {
  body: Buffer;
  contentType: string;
  /** index.html and config.json change with every deployment; the content-hashed assets never do. */
  cacheControl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * Every file of the built page, read once per container. Requests are answered from this map only, so no request
 * path ever reaches the file system: nothing to traverse.
 */
export function loadSite(directory: string): Map<string, SiteFile> {
  const files = new Map<string, SiteFile>();
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(directory, path).split(sep).join("/")}`;
    const mutable = urlPath === "/index.html" || urlPath === "/config.json";
    files.set(urlPath, {
      body: readFileSync(path),
      contentType: CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
      cacheControl: mutable ? "no-cache" : "public, max-age=31536000, immutable",
    });
  }
  return files;
}
