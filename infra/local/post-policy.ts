/**
 * What S3 checks before it accepts a browser-based POST upload signed with SigV4: the required fields, the
 * signature over the base64 policy, the policy's expiration and every condition, and that no form field escapes the
 * policy. s3rver checks none of this, so the local upload gateway runs these checks in front of it.
 *
 * Form field names are case-insensitive in S3 (the SDK sends `Policy`, boto3 `policy`): callers pass them lower-cased.
 * Error codes and messages are the ones S3 answers with.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { S3ServiceError } from "./s3-error.ts";

export interface PolicyCheck {
  /** The bucket named in the request URL. */
  bucket: string;
  /** Every form field before the file, names lower-cased. */
  fields: ReadonlyMap<string, string>;
  /** The region the bucket lives in; a credential scoped to another region is refused. */
  region: string;
  /** The secret for an access key id, or undefined if the key is unknown. */
  secretFor: (accessKeyId: string) => string | undefined;
  now: Date;
}

/** The size bounds a signed policy sets on the file, inclusive. */
export interface SizeBounds {
  minBytes: number;
  maxBytes: number;
}

type MatchCondition = {
  kind: "match";
  op: "eq" | "starts-with";
  field: string;
  label: string;
  value: string;
};
type LengthCondition = { kind: "length"; min: number; max: number };
type Condition = MatchCondition | LengthCondition;

const ALGORITHM = "AWS4-HMAC-SHA256";
/** Fields S3 never expects a condition for. `signature` is SigV2's name for the signature field. */
const UNCONDITIONED = new Set(["file", "policy", "x-amz-signature", "signature"]);

/** Runs every check that does not need the file; returns the size bounds the file must then meet. */
export function checkPostPolicy(check: PolicyCheck): SizeBounds {
  const { fields } = check;
  requireField(fields, "key");
  const policy = fields.get("policy");
  if (policy === undefined) {
    // A private bucket accepts no anonymous POST.
    throw new S3ServiceError("AccessDenied", 403, "Access Denied");
  }
  for (const name of ["x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"]) {
    requireField(fields, name);
  }
  verifySignature(check, policy);
  const document = decodePolicy(policy);
  if (check.now.getTime() > document.expiration.getTime()) {
    throw policyFailure("Policy expired.");
  }
  for (const condition of document.conditions) {
    if (condition.kind === "match" && !matches(condition, fieldValue(check, condition.field))) {
      throw policyFailure(`Policy Condition failed: ${describe(condition)}`);
    }
  }
  const covered = new Set(document.conditions.flatMap((c) => (c.kind === "match" ? [c.field] : [])));
  const extra = [...fields.keys()].filter(
    (name) => !UNCONDITIONED.has(name) && !name.startsWith("x-ignore-") && !covered.has(name),
  );
  if (extra.length > 0) {
    throw policyFailure(`Extra input fields: ${extra.join(", ")}`);
  }
  const ranges = document.conditions.filter((c): c is LengthCondition => c.kind === "length");
  return {
    minBytes: Math.max(0, ...ranges.map((r) => r.min)),
    maxBytes: Math.min(Number.POSITIVE_INFINITY, ...ranges.map((r) => r.max)),
  };
}

/** The file's real size against the policy's content-length-range. */
export function checkFileSize(bounds: SizeBounds, size: number): void {
  if (size > bounds.maxBytes) throw entityTooLarge(bounds.maxBytes, size);
  if (size < bounds.minBytes) {
    throw new S3ServiceError(
      "EntityTooSmall",
      400,
      "Your proposed upload is smaller than the minimum allowed size",
      {
        ProposedSize: size,
        MinSizeAllowed: bounds.minBytes,
      },
    );
  }
}

export function entityTooLarge(maxBytes: number, proposedSize?: number): S3ServiceError {
  return new S3ServiceError("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size", {
    ...(proposedSize === undefined ? {} : { ProposedSize: proposedSize }),
    MaxSizeAllowed: maxBytes,
  });
}

/** The signing key of SigV4: HMAC chain over date, region, service and terminator. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secret}`, date);
  return hmac(hmac(hmac(kDate, region), service), "aws4_request");
}

function verifySignature(check: PolicyCheck, policy: string): void {
  const fields = check.fields;
  const algorithm = fields.get("x-amz-algorithm") ?? "";
  if (algorithm !== ALGORITHM) {
    throw new S3ServiceError(
      "InvalidArgument",
      400,
      `Unsupported algorithm ${algorithm}; expected ${ALGORITHM}`,
      {
        ArgumentName: "x-amz-algorithm",
        ArgumentValue: algorithm,
      },
    );
  }
  const credential = fields.get("x-amz-credential") ?? "";
  const [accessKeyId = "", date = "", region = "", service = "", terminator = "", ...rest] =
    credential.split("/");
  if (!/^\d{8}$/.test(date) || service !== "s3" || terminator !== "aws4_request" || rest.length > 0) {
    throw new S3ServiceError("InvalidArgument", 400, `Invalid credential: ${credential}`, {
      ArgumentName: "x-amz-credential",
      ArgumentValue: credential,
    });
  }
  if (region !== check.region) {
    throw new S3ServiceError(
      "AuthorizationQueryParametersError",
      400,
      `Error parsing the X-Amz-Credential parameter; the region '${region}' is wrong; expecting '${check.region}'`,
      { Region: check.region },
    );
  }
  const secret = check.secretFor(accessKeyId);
  if (secret === undefined) {
    throw new S3ServiceError(
      "InvalidAccessKeyId",
      403,
      "The AWS Access Key Id you provided does not exist in our records.",
      { AWSAccessKeyId: accessKeyId },
    );
  }
  const expected = hmac(signingKey(secret, date, region, service), policy);
  const provided = Buffer.from(fields.get("x-amz-signature") ?? "", "hex");
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    throw new S3ServiceError(
      "SignatureDoesNotMatch",
      403,
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      {
        AWSAccessKeyId: accessKeyId,
        StringToSign: policy,
        SignatureProvided: fields.get("x-amz-signature") ?? "",
      },
    );
  }
}

function decodePolicy(policy: string): { expiration: Date; conditions: Condition[] } {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(policy, "base64").toString("utf8"));
  } catch (cause) {
    throw invalidPolicy("Invalid JSON.", cause);
  }
  if (typeof document !== "object" || document === null) throw invalidPolicy("Invalid JSON.");
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== "string") throw invalidPolicy("Policy missing expiration.");
  const expires = new Date(expiration);
  if (Number.isNaN(expires.getTime())) throw invalidPolicy(`Invalid 'expiration' value: '${expiration}'`);
  if (!Array.isArray(conditions)) throw invalidPolicy("Policy missing conditions.");
  return { expiration: expires, conditions: conditions.flatMap(parseCondition) };
}

function parseCondition(raw: unknown): Condition[] {
  if (Array.isArray(raw)) {
    const [op, first, second] = raw as unknown[];
    if (raw.length === 3 && typeof op === "string") {
      const lowerOp = op.toLowerCase();
      if (lowerOp === "content-length-range") {
        const min = Number(first);
        const max = Number(second);
        if (Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min) {
          return [{ kind: "length", min, max }];
        }
      } else if ((lowerOp === "eq" || lowerOp === "starts-with") && typeof first === "string") {
        if (first.startsWith("$") && typeof second === "string") {
          const label = first.slice(1);
          return [{ kind: "match", op: lowerOp, field: label.toLowerCase(), label, value: second }];
        }
      }
    }
  } else if (typeof raw === "object" && raw !== null) {
    const entries = Object.entries(raw);
    const [entry] = entries;
    if (entries.length === 1 && entry && typeof entry[1] === "string") {
      const [label, value] = entry;
      return [{ kind: "match", op: "eq", field: label.toLowerCase(), label, value }];
    }
  }
  throw invalidPolicy(`Invalid Condition: ${JSON.stringify(raw)}`);
}

function matches(condition: MatchCondition, actual: string): boolean {
  if (condition.op === "eq") return actual === condition.value;
  // S3 applies a Content-Type prefix to each entry of a comma-separated list.
  const values = condition.field === "content-type" ? actual.split(",").map((v) => v.trim()) : [actual];
  return values.every((v) => v.startsWith(condition.value));
}

/** `bucket` is checked against the bucket the request addresses, not against a form field. */
function fieldValue(check: PolicyCheck, field: string): string {
  return field === "bucket" ? check.bucket : (check.fields.get(field) ?? "");
}

/** As S3 prints a failed condition: `["eq", "$key", "uploads/a.pdf"]`, object conditions shown as `eq`. */
function describe(condition: MatchCondition): string {
  return `[${[condition.op, `$${condition.label}`, condition.value].map((v) => JSON.stringify(v)).join(", ")}]`;
}

function requireField(fields: ReadonlyMap<string, string>, name: string): void {
  if (!fields.has(name)) {
    throw new S3ServiceError(
      "InvalidArgument",
      400,
      `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
      { ArgumentName: name, ArgumentValue: "" },
    );
  }
}

function policyFailure(reason: string): S3ServiceError {
  return new S3ServiceError("AccessDenied", 403, `Invalid according to Policy: ${reason}`);
}

function invalidPolicy(reason: string, cause?: unknown): S3ServiceError {
  const error = new S3ServiceError("InvalidPolicyDocument", 400, `Invalid Policy: ${reason}`);
  if (cause !== undefined) error.cause = cause;
  return error;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
