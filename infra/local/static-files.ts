/** Serves files from one directory (the web page), never anything outside it. */
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
  ".woff2": "font/woff2",
};

/** Answers GET/HEAD for a file under `root`; resolves false (nothing written) when there is no such file. */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const file = await locate(root, (req.url ?? "/").split("?")[0] ?? "/");
  if (!file) return false;
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(file.path).toLowerCase()] ?? "application/octet-stream",
    "content-length": file.size,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return true;
  }
  await pipeline(createReadStream(file.path), res);
  return true;
}

async function locate(root: string, urlPath: string): Promise<{ path: string; size: number } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const realRoot = await realpath(root);
  let candidate = resolve(realRoot, `.${decoded.endsWith("/") ? `${decoded}index.html` : decoded}`);
  try {
    if ((await stat(candidate)).isDirectory()) candidate = join(candidate, "index.html");
    // realpath as well: a symbolic link inside the root must not lead out of it.
    const real = await realpath(candidate);
    const info = await stat(real);
    if (!real.startsWith(realRoot + sep) || !info.isFile()) return undefined;
    return { path: real, size: info.size };
  } catch {
    return undefined;
  }
}
