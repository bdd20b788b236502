/**
 * A streaming multipart/form-data reader (RFC 7578 over RFC 2046). It holds at most one chunk plus a boundary's
 * length of bytes, so the caller decides how much of each part to keep and can stop reading at any point (an upload
 * gateway must refuse an oversized file without buffering it).
 */

export interface PartHeaders {
  /** The form field name from Content-Disposition. */
  name: string;
  /** Present (possibly empty) when the part carries a file. */
  filename: string | undefined;
  contentType: string | undefined;
}

export type MultipartEvent =
  | { type: "part"; headers: PartHeaders }
  | { type: "data"; chunk: Buffer }
  | { type: "part-end" };

/** The body is not well-formed multipart/form-data. */
export class MalformedMultipart extends Error {
  override readonly name = "MalformedMultipart";
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const HYPHEN = 0x2d;
const CR = 0x0d;
const LF = 0x0a;

/** The boundary of a `multipart/form-data` Content-Type, or undefined if it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  // RFC 2046: 1 to 70 characters.
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

/**
 * Yields each part's headers, its body in chunks, and its end. Returns after the close delimiter; anything after it
 * (the epilogue) is left unread. Throws MalformedMultipart if the body ends early or breaks the grammar.
 */
export async function* readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: { maxHeaderBytes: number } = { maxHeaderBytes: 8 * 1024 },
): AsyncGenerator<MultipartEvent, void, undefined> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // A leading CRLF lets the first delimiter, which the body need not precede with one, match like every other.
  let buffer: Buffer = Buffer.from(CRLF);
  let state: "preamble" | "after-delimiter" | "headers" | "body" = "preamble";

  for await (const chunk of body) {
    buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (state === "preamble") {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length + 1));
          break;
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = "after-delimiter";
      } else if (state === "after-delimiter") {
        // Transport padding (spaces, tabs) may sit between a delimiter and its CRLF (RFC 2046 §5.1.1).
        let i = 0;
        while (buffer[i] === 0x20 || buffer[i] === 0x09) i++;
        if (i > 256) throw new MalformedMultipart("too much padding after a boundary");
        if (buffer.length < i + 2) break;
        if (buffer[i] === HYPHEN && buffer[i + 1] === HYPHEN) return;
        if (buffer[i] !== CR || buffer[i + 1] !== LF)
          throw new MalformedMultipart("no CRLF after a boundary");
        buffer = buffer.subarray(i + 2);
        state = "headers";
      } else if (state === "headers") {
        const noHeaders = buffer.length >= 2 && buffer[0] === CR && buffer[1] === LF;
        const end = noHeaders ? 0 : buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > limits.maxHeaderBytes) throw new MalformedMultipart("part headers too large");
          break;
        }
        const headers = parsePartHeaders(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(noHeaders ? 2 : end + HEADER_END.length);
        state = "body";
        yield { type: "part", headers };
      } else {
        const at = buffer.indexOf(delimiter);
        if (at >= 0) {
          const data = buffer.subarray(0, at);
          buffer = buffer.subarray(at + delimiter.length);
          state = "after-delimiter";
          if (data.length > 0) yield { type: "data", chunk: data };
          yield { type: "part-end" };
          continue;
        }
        // Keep a possible partial delimiter at the end; everything before it is part data.
        const safe = buffer.length - (delimiter.length - 1);
        if (safe > 0) {
          const data = buffer.subarray(0, safe);
          buffer = buffer.subarray(safe);
          yield { type: "data", chunk: data };
        }
        break;
      }
    }
  }
  throw new MalformedMultipart("body ended before the closing boundary");
}

function parsePartHeaders(block: string): PartHeaders {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MalformedMultipart(`bad part header line: ${line.slice(0, 100)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") contentType = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
    throw new MalformedMultipart("part without Content-Disposition: form-data");
  }
  const params = dispositionParams(disposition);
  const name = params.get("name");
  if (name === undefined) throw new MalformedMultipart("part without a name");
  return { name, filename: params.get("filename"), contentType };
}

/**
 * Parameters of Content-Disposition. Quoted values have no backslash escapes: browsers (WHATWG "multipart/form-data
 * encoding") percent-encode `"`, CR and LF in names and file names instead, and send other characters as raw UTF-8.
 */
function dispositionParams(disposition: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of disposition.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"([^"]*)"|([^;]*))/g)) {
    const [, key = "", quoted, bare] = match;
    params.set(key.toLowerCase(), quoted ?? bare?.trim() ?? "");
  }
  return params;
}
