/**
 * Reading a multipart/form-data POST (RFC 7578) as S3 reads a browser upload, with busboy: the fields before the
 * file, then the file, held only up to the limit decided when it begins (an upload gateway must refuse an oversized
 * file without buffering it). Parts after the file are left unread, as S3 ignores them.
 */
import busboy from "busboy";

/** The body is not well-formed multipart/form-data. */
export class MalformedMultipart extends Error {
  override readonly name = "MalformedMultipart";
}

/** The boundary of a `multipart/form-data` Content-Type, or undefined if it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  // RFC 2046: 1 to 70 characters.
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

export interface FormLimits {
  /** Bytes kept of a field's name or value; a longer one reaches `field` truncated. */
  maxFieldBytes: number;
  /** Most fields read; one more is refused with `tooManyFields`. */
  maxFields: number;
  /** Hard cap on the file, whatever `file` allows. */
  maxFileBytes: number;
}

/** A file part as its headers describe it. */
export interface FilePart {
  /** The form field name from Content-Disposition. */
  name: string;
  /** As sent, path included (S3 substitutes it for `${filename}`); "" when the part names none. */
  filename: string;
  /** The part's Content-Type ("text/plain" when it has none, as RFC 7578 says). */
  contentType: string;
}

export interface FormHandlers {
  /**
   * A field before the file, complete; `truncated` when its name or value was longer than maxFieldBytes,
   * `contentType` its part's ("text/plain" when it has none, as RFC 7578 says). Throw to refuse.
   */
  field(name: string, value: string, info: { truncated: boolean; contentType: string }): void;
  /** The file begins: decide everything but its size, and return the most bytes to accept. Throw to refuse. */
  file(part: FilePart): number;
  /** The refusal of a file longer than the limit `file` returned. */
  tooLarge(limit: number): Error;
  /** The refusal of a form with more than maxFields fields. */
  tooManyFields(): Error;
}

export interface FormFile {
  part: FilePart;
  body: Buffer;
}

/**
 * Reads `body` up to the end of its first file and resolves to that file, or to undefined when the form has none.
 * Rejects with what a handler throws, or MalformedMultipart when busboy cannot read the body (it ends early, a part's
 * headers are broken or over 16 KB) or it holds no form-data part at all. Stops reading at the first failure.
 */
export async function readForm(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: FormLimits,
  handlers: FormHandlers,
): Promise<FormFile | undefined> {
  const parser = busboy({
    headers: { "content-type": `multipart/form-data; boundary="${boundary}"` },
    // Browsers send names and file names as raw UTF-8; a file name's path is kept, as S3 keeps it.
    defParamCharset: "utf8",
    preservePath: true,
    limits: {
      fieldNameSize: limits.maxFieldBytes,
      fieldSize: limits.maxFieldBytes,
      fields: limits.maxFields,
      files: 1,
      fileSize: limits.maxFileBytes + 1,
    },
  });
  let failure: unknown;
  let file: FormFile | undefined;
  let fileStarted = false;
  let sawPart = false;
  const fail = (error: unknown) => {
    failure ??= error;
  };

  parser.on("field", (name, value, info) => {
    sawPart = true;
    if (fileStarted || failure !== undefined) return;
    try {
      handlers.field(name, value, {
        truncated: info.nameTruncated || info.valueTruncated,
        contentType: info.mimeType,
      });
    } catch (error) {
      fail(error);
    }
  });
  parser.on("file", (name, stream, info) => {
    sawPart = true;
    fileStarted = true;
    const part: FilePart = { name, filename: info.filename ?? "", contentType: info.mimeType };
    let limit = 0;
    try {
      if (failure === undefined) limit = Math.min(handlers.file(part), limits.maxFileBytes);
    } catch (error) {
      fail(error);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      if (failure !== undefined) return;
      size += chunk.length;
      if (size > limit) fail(handlers.tooLarge(limit));
      else chunks.push(chunk);
    });
    stream.on("end", () => {
      if (failure === undefined) file = { part, body: Buffer.concat(chunks, size) };
    });
    stream.on("error", (error: Error) => fail(malformed(error)));
  });
  parser.on("fieldsLimit", () => fail(handlers.tooManyFields()));
  parser.on("error", (error: Error) => fail(malformed(error)));
  const closed = new Promise<void>((resolve) => parser.on("close", resolve));

  for await (const chunk of body) {
    const room = parser.write(chunk);
    // Let the file's data and end, which the parser hands on asynchronously, arrive before judging.
    await (room ? nextTurn() : drained(parser));
    if (failure !== undefined) throw failure;
    if (file) return file;
  }
  parser.end();
  await closed;
  await nextTurn();
  if (failure !== undefined) throw failure;
  if (file) return file;
  if (!sawPart) throw new MalformedMultipart("no form-data part in the body");
  return undefined;
}

function malformed(error: Error): MalformedMultipart {
  const reason =
    error.message === "Unexpected end of form" || error.message === "Unexpected end of file"
      ? "body ended before the closing boundary"
      : error.message === "Malformed part header"
        ? "malformed part headers, or part headers too large (over 16 KB)"
        : error.message;
  return new MalformedMultipart(reason, { cause: error });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The parser has room again, or has stopped (then the failure it reported is judged). */
function drained(parser: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off("drain", done);
      parser.off("error", done);
      parser.off("close", done);
      setImmediate(resolve);
    };
    parser.on("drain", done);
    parser.on("error", done);
    parser.on("close", done);
  });
}
