/**
 * `attachment` with the file name twice: an ASCII fallback for old clients and the real name per RFC 5987/6266
 * (`filename*=UTF-8''…`), since raw non-ASCII in a header breaks S3's signature and many browsers.
 */
export function contentDispositionAttachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
