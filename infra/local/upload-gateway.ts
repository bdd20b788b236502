/**
 * The local stand-in for S3's browser-based POST upload (`POST {endpoint}/{bucket}`, multipart/form-data).
 *
 * s3rver accepts any POST whatever its policy says, so uploads are answered here instead: the form is read as a
 * stream, the signed policy is checked as S3 checks it (post-policy.ts) before a byte of the file is kept, the file
 * is held only up to the policy's content-length-range maximum, and an accepted file is stored into s3rver through
 * the SDK. Answers (204 / 200 / 201 with XML / 303, or an XML error) and their headers are S3's.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PutObjectCommand, type S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { CorsHeaders } from "./bucket-cors.ts";
import { MalformedMultipart, multipartBoundary, readForm } from "./multipart.ts";
import { checkFileSize, checkPostPolicy, entityTooLarge, type SizeBounds } from "./post-policy.ts";
import { escapeXml, S3ServiceError, s3ErrorXml } from "./s3-error.ts";

/** An accepted upload, ready to be stored. */
export interface PostedObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType: string;
  metadata: Record<string, string>;
}

export interface UploadGatewayOptions {
  /** Stores an accepted object; resolves to its ETag as S3 returns it (quoted). */
  store: (object: PostedObject) => Promise<string>;
  /** CORS headers for an actual request from `origin`, from the bucket's CORS rules. */
  corsHeaders: (bucket: string, origin: string | undefined, method: string) => Promise<CorsHeaders>;
  /** Key pairs whose signatures are honoured. */
  credentials: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
  /** The buckets' region; a credential scoped to another region is refused, as S3 does. */
  region: string;
  /** Hard cap on a file whatever its policy allows, because an accepted file is held in memory. Default 256 MiB. */
  maxObjectBytes?: number;
  now?: () => Date;
}

/** S3 refuses a POST whose fields before the file exceed 20 KB. */
const MAX_PRE_DATA_BYTES = 20 * 1024;
/** Room for multipart framing and part headers when judging a declared Content-Length. */
const FRAMING_BYTES = 64 * 1024;
const MAX_KEY_BYTES = 1024;
const FILENAME_VARIABLE = ["$", "{filename}"].join("");

export function createUploadGateway(options: UploadGatewayOptions) {
  const maxObjectBytes = options.maxObjectBytes ?? 256 * 1024 * 1024;
  const secrets = new Map(options.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  const now = options.now ?? (() => new Date());

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const bucket = bucketOf(req.url ?? "/");
    const cors = await options.corsHeaders(bucket, req.headers.origin, "POST").catch(() => ({}));
    const common = {
      ...cors,
      "x-amz-request-id": requestId,
      "x-amz-id-2": randomBytes(24).toString("base64"),
    };
    try {
      const upload = await receive(req, bucket);
      const etag = await options.store(upload.object);
      // Fields after the file are ignored, as S3 ignores them; drain them so the connection stays usable.
      req.resume();
      respond(res, req, upload, etag, common);
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      const s3Error = toS3Error(error);
      // The rest of a refused body is read (up to a bound) before the answer, so that a client still sending it gets
      // the answer rather than a broken pipe; beyond the bound it is not read. The connection is closed either way.
      await drained(req, REFUSED_BODY_READ_BYTES);
      if (res.destroyed) return;
      res.writeHead(s3Error.status, { ...common, "content-type": "application/xml", connection: "close" });
      res.end(s3ErrorXml(s3Error, requestId));
    }
  };

  async function receive(req: IncomingMessage, bucket: string) {
    const boundary = multipartBoundary(req.headers["content-type"]);
    if (boundary === undefined) {
      throw new S3ServiceError(
        "PreconditionFailed",
        412,
        "At least one of the pre-conditions you specified did not hold",
        {
          Condition: "Bucket POST must be of the enclosure-type multipart/form-data",
        },
      );
    }
    const declaredLength = Number(req.headers["content-length"]);
    if (declaredLength > maxObjectBytes + MAX_PRE_DATA_BYTES + FRAMING_BYTES)
      throw entityTooLarge(maxObjectBytes);

    const fields = new Map<string, string>();
    let preDataBytes = 0;
    let bounds: SizeBounds | undefined;
    const preDataTooLarge = () =>
      new S3ServiceError(
        "MaxPostPreDataLengthExceeded",
        400,
        "Your POST request fields preceding the upload file were too large.",
        { MaxPostPreDataLength: MAX_PRE_DATA_BYTES },
      );
    const noFile = () =>
      new S3ServiceError("InvalidArgument", 400, "POST requires exactly one file upload per request.", {
        ArgumentName: "file",
        ArgumentValue: 0,
      });
    // Everything but the size is decided before the first byte of the file is accepted.
    const admitFile = (): SizeBounds => {
      bounds = checkPostPolicy({ bucket, fields, region: options.region, secretFor, now: now() });
      return bounds;
    };

    // destroyOnReturn: false keeps the request open when reading stops early, so an answer can still be written.
    const posted = await readForm(
      req.iterator({ destroyOnReturn: false }),
      boundary,
      // A field longer than all the pre-data S3 allows is cut one byte past it: enough to refuse it.
      { maxFieldBytes: MAX_PRE_DATA_BYTES + 1, maxFields: MAX_PRE_DATA_BYTES, maxFileBytes: maxObjectBytes },
      {
        field(rawName, value, { truncated }) {
          const name = rawName.toLowerCase();
          if (fields.has(name)) {
            throw new S3ServiceError(
              "InvalidArgument",
              400,
              `POST form field '${name}' appears more than once.`,
              {
                ArgumentName: name,
                ArgumentValue: "",
              },
            );
          }
          preDataBytes += name.length + Buffer.byteLength(value);
          if (truncated || preDataBytes > MAX_PRE_DATA_BYTES) throw preDataTooLarge();
          fields.set(name, value);
        },
        file(part) {
          if (part.name.toLowerCase() !== "file") throw noFile();
          return Math.min(admitFile().maxBytes, maxObjectBytes);
        },
        tooLarge: (limit) => entityTooLarge(limit),
        tooManyFields: preDataTooLarge,
      },
    );
    let file: { filename: string; body: Buffer; size: number; bounds: SizeBounds };
    if (posted && bounds) {
      file = { filename: posted.part.filename, body: posted.body, size: posted.body.length, bounds };
    } else {
      // A file sent as text content, without a file name (curl -F 'file=<name'): busboy reads it as a field, so
      // it is bounded like one.
      const content = fields.get("file");
      if (content === undefined) throw noFile();
      fields.delete("file");
      const textBounds = admitFile();
      const limit = Math.min(textBounds.maxBytes, maxObjectBytes);
      const body = Buffer.from(content, "utf8");
      if (body.length > limit) throw entityTooLarge(limit);
      file = { filename: "", body, size: body.length, bounds: textBounds };
    }
    checkFileSize(file.bounds, file.size);
    // S3 substitutes the file's name for the literal `${filename}` in a key.
    const key = (fields.get("key") ?? "").replaceAll(FILENAME_VARIABLE, file.filename);
    if (key.length === 0) {
      throw new S3ServiceError("InvalidArgument", 400, "User key must have a length greater than 0.", {
        ArgumentName: "key",
        ArgumentValue: "",
      });
    }
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
      throw new S3ServiceError("KeyTooLongError", 400, "Your key is too long", {
        MaxSizeAllowed: MAX_KEY_BYTES,
      });
    }
    const metadata = Object.fromEntries(
      [...fields].filter(([name]) => name.startsWith("x-amz-meta-")).map(([name, v]) => [name.slice(11), v]),
    );
    const object: PostedObject = {
      bucket,
      key,
      body: file.body,
      // S3's default when the form names no Content-Type; the file part's own Content-Type is not used.
      contentType: fields.get("content-type") ?? "binary/octet-stream",
      metadata,
    };
    return { object, fields };
  }

  function secretFor(accessKeyId: string): string | undefined {
    return secrets.get(accessKeyId);
  }
}

/** Stores accepted uploads with PutObject through the given client. */
export function putObjectStore(s3: () => S3Client) {
  return async (object: PostedObject): Promise<string> => {
    const result = await s3().send(
      new PutObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        Body: object.body,
        ContentType: object.contentType,
        Metadata: object.metadata,
      }),
    );
    return result.ETag ?? "";
  };
}

function respond(
  res: ServerResponse,
  req: IncomingMessage,
  upload: { object: PostedObject; fields: ReadonlyMap<string, string> },
  etag: string,
  common: Record<string, string>,
): void {
  const { bucket, key } = upload.object;
  const location = `http://${req.headers.host ?? "localhost"}/${encodeURIComponent(bucket)}/${encodeKeyPath(key)}`;
  const headers = { ...common, etag, location };
  const redirect = upload.fields.get("success_action_redirect") ?? upload.fields.get("redirect");
  if (redirect && URL.canParse(redirect)) {
    const target = new URL(redirect);
    target.searchParams.set("bucket", bucket);
    target.searchParams.set("key", key);
    target.searchParams.set("etag", etag);
    res.writeHead(303, { ...headers, location: target.href }).end();
    return;
  }
  const status = upload.fields.get("success_action_status");
  if (status === "201") {
    res.writeHead(201, { ...headers, "content-type": "application/xml" });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${escapeXml(location)}</Location>` +
        `<Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></PostResponse>`,
    );
    return;
  }
  res.writeHead(status === "200" ? 200 : 204, headers).end();
}

function bucketOf(url: string): string {
  const path = (url.split("?")[0] ?? "").replace(/^\/+|\/+$/g, "");
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // not valid percent-encoding: no such bucket either way
  }
}

/** A key as a URL path: each segment percent-encoded, the slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

function toS3Error(error: unknown): S3ServiceError {
  if (error instanceof S3ServiceError) return error;
  if (error instanceof MalformedMultipart) {
    const malformed = new S3ServiceError(
      "MalformedPOSTRequest",
      400,
      "The body of your POST request is not well-formed multipart/form-data.",
    );
    malformed.cause = error;
    return malformed;
  }
  if (error instanceof S3ServiceException) {
    // The store (s3rver) refused the object, e.g. NoSuchBucket: pass its answer on.
    const passed = new S3ServiceError(error.name, error.$metadata.httpStatusCode ?? 500, error.message);
    passed.cause = error;
    return passed;
  }
  const internal = new S3ServiceError(
    "InternalError",
    500,
    "We encountered an internal error. Please try again.",
  );
  internal.cause = error;
  console.error("upload gateway failed", error);
  return internal;
}

/** How much of a refused upload's body is still read before the answer (a presigned upload is at most the call's size). */
const REFUSED_BODY_READ_BYTES = 64 * 2 ** 20;

/** Resolves once the request's body has ended, failed, or gone past `limit` bytes. */
function drained(req: IncomingMessage, limit: number): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", done);
      req.off("error", done);
      req.off("close", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.byteLength;
      if (read > limit) done();
    };
    req.on("data", onData);
    req.on("end", done);
    req.on("error", done);
    req.on("close", done);
  });
}
