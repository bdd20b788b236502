/** S3 answers a refused POST with XML: `<Error><Code>AccessDenied</Code><Message>…</Message>…</Error>`. */
export interface S3Error {
  code: string;
  message: string;
}

export function parseS3Error(xml: string): S3Error | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
  if (!code) return undefined;
  const message = /<Message>([^<]*)<\/Message>/.exec(xml)?.[1] ?? "";
  return { code, message: decodeXmlEntities(message) };
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, (entity, name: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (name in named) return named[name] ?? entity;
    const code = name.startsWith("#x")
      ? Number.parseInt(name.slice(2), 16)
      : Number.parseInt(name.slice(1), 10);
    return Number.isNaN(code) ? entity : String.fromCodePoint(code);
  });
}

/** The presigned POST's policy ran out before the upload reached S3. */
export function isExpiredPolicy(error: S3Error): boolean {
  return error.code === "AccessDenied" && /policy expired/i.test(error.message);
}

/** The file's size is not the one the policy pins (it changed on disk after it was checked). */
export function isSizeMismatch(error: S3Error): boolean {
  return error.code === "EntityTooLarge" || error.code === "EntityTooSmall";
}
