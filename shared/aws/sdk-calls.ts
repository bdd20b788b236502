/**
 * A record of every AWS SDK command a set of clients sends, for the test that holds each function's IAM grants to
 * what its code actually calls (test/infra/iam-from-code.test.ts). Attached by the local stack when asked; nothing
 * in Lambda records.
 *
 * Each client gets one middleware at the `initialize` step, which sees every command before it is serialized:
 * sent ones and presigned GETs alike (getSignedUrl runs the client's stack up to signing). A presigned POST never
 * enters a middleware stack, so its signer reports it here itself (noteSignedPost).
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { AwsClients } from "./clients.ts";

export type SdkService = "s3" | "dynamodb" | "ses";

/** One command, reduced to what IAM authorizes: the operation and the resource it names. */
export interface SdkCall {
  service: SdkService;
  /** The SDK's command class name: `PutItemCommand`, `GetObjectCommand` … (document-client commands as the base). */
  command: string;
  bucket?: string;
  key?: string;
  /** A specific object version was named (S3 authorizes it under the `…Version` action). */
  versioned?: boolean;
  table?: string;
  index?: string;
  /** SES: the sending address (without a display name). */
  source?: string;
}

export type SdkCallSink = (call: SdkCall) => void;

const NAME = "shenbaoSdkCallRecorder";
const signedPostSinks = new WeakMap<S3Client, SdkCallSink>();

/** Reports every command `clients` send, from now on, to `sink`. */
export function recordSdkCalls(clients: AwsClients, sink: SdkCallSink): void {
  const watch = (service: SdkService, client: Watchable) =>
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sink(describe(service, context.commandName ?? "", args.input as Record<string, unknown>));
        return next(args);
      },
      { step: "initialize", name: NAME, override: true },
    );
  watch("s3", clients.s3);
  // The document client shares its base client's stack, and runs the base command (PutItemCommand for PutCommand).
  watch("dynamodb", clients.dynamodb);
  watch("ses", clients.ses);
  signedPostSinks.set(clients.s3, sink);
}

/** The part of an SDK client a recorder needs (every v3 client has it). */
interface Watchable {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: object }) => Promise<{ output: object; response: unknown }>,
        context: { commandName?: string },
      ) => (args: { input: object }) => Promise<{ output: object; response: unknown }>,
      options: { step: "initialize"; name: string; override: boolean },
    ): void;
  };
}

/** A presigned POST signed with `client`'s credentials: whoever posts it acts with the signer's PutObject right. */
export function noteSignedPost(client: S3Client, input: { Bucket: string; Key: string }): void {
  signedPostSinks.get(client)?.(describe("s3", "PutObjectCommand", input));
}

function describe(service: SdkService, command: string, input: Record<string, unknown>): SdkCall {
  const text = (name: string) => (typeof input[name] === "string" ? (input[name] as string) : undefined);
  const call: SdkCall = { service, command };
  const bucket = text("Bucket");
  const key = text("Key");
  // A batch names its tables as the keys of RequestItems (the repositories batch into one table).
  const batchTables =
    typeof input.RequestItems === "object" && input.RequestItems !== null
      ? Object.keys(input.RequestItems)
      : [];
  const table = text("TableName") ?? batchTables[0];
  const index = text("IndexName");
  const source = text("Source");
  if (bucket !== undefined) call.bucket = bucket;
  if (key !== undefined) call.key = key;
  if (text("VersionId") !== undefined) call.versioned = true;
  if (table !== undefined) call.table = table;
  if (index !== undefined) call.index = index;
  if (source !== undefined) call.source = /<([^>]+)>\s*$/.exec(source)?.[1] ?? source;
  return call;
}
