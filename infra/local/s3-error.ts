/** S3's error answer: a code, an HTTP status, a message and extra elements, rendered as S3's XML error body. */
export class S3ServiceError extends Error {
  override readonly name = "S3ServiceError";

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function s3ErrorXml(error: S3ServiceError, requestId: string): string {
  const details = Object.entries(error.details)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${details}<RequestId>${requestId}</RequestId></Error>`
  );
}
