/**
 * Holds recorded SDK commands (shared/aws/sdk-calls.ts) against a synthesized template's IAM policies: for each
 * (function, command), the IAM action AWS authorizes it under, the resource ARN it names, and whether an Allow
 * statement of the function's role grants that action on that resource (with IAM's `*`/`?` wildcards) and no Deny
 * refuses it. ARNs are resolved with symbolic account and region on both sides; the stack's table and bucket stand
 * for the local stack's by logical id.
 */
import type { SdkCall } from "../../shared/aws/sdk-calls.ts";

export const REGION = "region-1";
export const ACCOUNT = "123456789012";

type Json = unknown;
export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>;
}

/** The template's table and bucket, by logical id, as the names the local stack gives them. */
export interface ResourceNames {
  [logicalId: string]: string;
}

export interface RequiredPermission {
  action: string;
  resource: string;
}

/**
 * The IAM action and resource of one SDK command. Actions are `service:Operation` (the command's name without
 * `Command`), except where AWS documents another: S3's HEAD is authorized as GetObject, a named version under the
 * `…Version…` action, listings under ListBucket/ListBucketVersions (Amazon S3 User Guide, "Actions, resources, and
 * condition keys for Amazon S3"); SES v1 as ses:SendEmail/SendRawEmail on the sender's identity.
 */
export function requiredPermission(call: SdkCall): RequiredPermission {
  const operation = call.command.replace(/Command$/, "");
  switch (call.service) {
    case "dynamodb": {
      if (!call.table) throw new Error(`${call.command} names no table`);
      const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${call.table}`;
      return {
        action: `dynamodb:${operation}`,
        resource: call.index ? `${table}/index/${call.index}` : table,
      };
    }
    case "s3": {
      if (!call.bucket) throw new Error(`${call.command} names no bucket`);
      const bucketArn = `arn:aws:s3:::${call.bucket}`;
      const S3_ACTIONS: Record<string, [plain: string, versioned: string]> = {
        HeadObject: ["GetObject", "GetObjectVersion"],
        GetObject: ["GetObject", "GetObjectVersion"],
        GetObjectTagging: ["GetObjectTagging", "GetObjectVersionTagging"],
        PutObjectTagging: ["PutObjectTagging", "PutObjectVersionTagging"],
        DeleteObject: ["DeleteObject", "DeleteObjectVersion"],
        DeleteObjectTagging: ["DeleteObjectTagging", "DeleteObjectVersionTagging"],
      };
      const BUCKET_ACTIONS: Record<string, string> = {
        ListObjects: "ListBucket",
        ListObjectsV2: "ListBucket",
        HeadBucket: "ListBucket",
        ListObjectVersions: "ListBucketVersions",
      };
      const onBucket = BUCKET_ACTIONS[operation];
      if (onBucket) return { action: `s3:${onBucket}`, resource: bucketArn };
      if (call.key === undefined) throw new Error(`${call.command} names no key: add it to BUCKET_ACTIONS`);
      const pair = S3_ACTIONS[operation];
      const action = pair ? pair[call.versioned ? 1 : 0] : operation;
      return { action: `s3:${action}`, resource: `${bucketArn}/${call.key}` };
    }
    case "ses": {
      if (!call.source) throw new Error(`${call.command} names no sender`);
      return {
        action: `ses:${operation}`,
        resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${call.source}`,
      };
    }
  }
}

export interface Statement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: Json;
  NotResource?: unknown;
}

/** The logical id of a function's role. */
export function roleOf(template: Template, functionLogicalId: string): string {
  const fn = template.Resources[functionLogicalId];
  if (fn?.Type !== "AWS::Lambda::Function") throw new Error(`${functionLogicalId} is not a function`);
  const role = (fn.Properties?.Role ?? {}) as { "Fn::GetAtt"?: [string, string] };
  const roleId = role["Fn::GetAtt"]?.[0];
  if (!roleId) throw new Error(`${functionLogicalId}'s role is not a role of this template`);
  return roleId;
}

/** The policy documents of a role: inline, and every AWS::IAM::Policy attached to it (mutable: the template's own). */
export function policyDocuments(template: Template, roleId: string): Array<{ Statement: Statement[] }> {
  const documents: Array<{ Statement: Statement[] }> = [];
  const inline = (template.Resources[roleId]?.Properties?.Policies ?? []) as Array<{
    PolicyDocument: { Statement: Statement[] };
  }>;
  for (const policy of inline) documents.push(policy.PolicyDocument);
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== "AWS::IAM::Policy") continue;
    const roles = (resource.Properties?.Roles ?? []) as Array<{ Ref?: string }>;
    if (roles.some((r) => r.Ref === roleId)) {
      documents.push(resource.Properties?.PolicyDocument as { Statement: Statement[] });
    }
  }
  return documents;
}

/** Every statement of the policies attached to a function's role, resolved to plain strings. */
export function roleStatements(
  template: Template,
  functionLogicalId: string,
  names: ResourceNames,
): Array<{ effect: "Allow" | "Deny"; actions: string[]; resources: string[] }> {
  const documents = policyDocuments(template, roleOf(template, functionLogicalId));
  const resolve = resolver(template, names);
  return documents.flatMap((document) =>
    document.Statement.map((statement) => {
      if (statement.NotAction !== undefined || statement.NotResource !== undefined) {
        throw new Error("NotAction/NotResource: this check does not evaluate them; extend iam-check.ts");
      }
      const list = (value: Json) => (Array.isArray(value) ? value : [value]);
      return {
        effect: statement.Effect,
        actions: list(statement.Action).map(String),
        resources: list(statement.Resource).map(resolve),
      };
    }),
  );
}

/** Whether the statements allow `permission` (an explicit Deny wins, as in IAM). */
export function isGranted(
  statements: ReturnType<typeof roleStatements>,
  permission: RequiredPermission,
): boolean {
  const matches = (s: (typeof statements)[number]) =>
    s.actions.some((a) => wildcard(a, true).test(permission.action)) &&
    s.resources.some((r) => wildcard(r, false).test(permission.resource));
  return (
    statements.some((s) => s.effect === "Allow" && matches(s)) &&
    !statements.some((s) => s.effect === "Deny" && matches(s))
  );
}

export interface Ungranted {
  functionName: string;
  call: SdkCall;
  needs: RequiredPermission;
}

/** The recorded calls the template does not allow the function that sent them. */
export function ungrantedCalls(
  template: Template,
  functions: Record<string, string>,
  calls: ReadonlyArray<{ functionName: string; call: SdkCall }>,
  names: ResourceNames,
): Ungranted[] {
  const statements = new Map<string, ReturnType<typeof roleStatements>>();
  const missing: Ungranted[] = [];
  for (const { functionName, call } of calls) {
    const logicalId = functions[functionName];
    if (!logicalId)
      throw new Error(`a command was recorded for ${functionName}, which the stack does not have`);
    if (!statements.has(functionName)) {
      statements.set(functionName, roleStatements(template, logicalId, names));
    }
    const needs = requiredPermission(call);
    if (!isGranted(statements.get(functionName) ?? [], needs)) missing.push({ functionName, call, needs });
  }
  return missing;
}

function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
}

/** CloudFormation intrinsics as far as IAM resources use them, in a symbolic account and region. */
function resolver(template: Template, names: ResourceNames): (value: Json) => string {
  const nameOf = (logicalId: string): string => {
    const named = names[logicalId];
    if (named !== undefined) return named;
    const resource = template.Resources[logicalId];
    if (resource?.Type === "AWS::SES::EmailIdentity") return String(resource.Properties?.EmailIdentity);
    // Anything else: a name no recorded call can carry.
    return `{${logicalId}}`;
  };
  const arnOf = (logicalId: string): string => {
    const type = template.Resources[logicalId]?.Type;
    if (type === "AWS::DynamoDB::Table")
      return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${nameOf(logicalId)}`;
    if (type === "AWS::S3::Bucket") return `arn:aws:s3:::${nameOf(logicalId)}`;
    return `{${logicalId}.Arn}`;
  };
  const resolve = (value: Json): string => {
    if (typeof value === "string") return value;
    const node = value as Record<string, Json>;
    if ("Ref" in node) {
      const ref = String(node.Ref);
      const pseudo: Record<string, string> = {
        "AWS::Partition": "aws",
        "AWS::Region": REGION,
        "AWS::AccountId": ACCOUNT,
        "AWS::URLSuffix": "amazonaws.com",
      };
      return pseudo[ref] ?? nameOf(ref);
    }
    if ("Fn::GetAtt" in node) {
      const [id, attribute] = node["Fn::GetAtt"] as [string, string];
      return attribute === "Arn" ? arnOf(id) : `{${id}.${attribute}}`;
    }
    if ("Fn::Join" in node) {
      const [separator, parts] = node["Fn::Join"] as [string, Json[]];
      return parts.map(resolve).join(separator);
    }
    throw new Error(`unresolved intrinsic in an IAM resource: ${JSON.stringify(value)}`);
  };
  return resolve;
}
