/**
 * The only place AWS SDK clients are constructed.
 *
 * `createAwsClients(connection)` builds them from an explicit connection (the local stack, the CLI, tests). Without
 * an endpoint the SDK reads AWS_ENDPOINT_URL_S3 / _DYNAMODB / _SES (falling back to AWS_ENDPOINT_URL), and without a
 * region or credentials its default chain (AWS_REGION, the Lambda role, …): that is how Lambda runs them.
 * The doctor's SESv2 and SNS clients are made in doctor-clients.ts, which only `shenbao doctor` loads.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { SESClient, type SESClientConfig } from "@aws-sdk/client-ses";
import { SQSClient, type SQSClientConfig } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Where one service is reached and as whom; every field left out comes from the SDK's defaults. */
export interface ClientSettings {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The services shenbao talks to, each reached through its own settings. */
export interface AwsConnection {
  s3?: ClientSettings;
  dynamodb?: ClientSettings;
  ses?: ClientSettings;
  sqs?: ClientSettings;
}

/** One set of clients, made once and shared by everything built on it. */
export interface AwsClients {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  /** Plain JS values in and out, over `dynamodb`. */
  document: DynamoDBDocumentClient;
  ses: SESClient;
  /** Closes their keep-alive sockets, so that they do not keep a process alive. */
  destroy(): void;
}

/** The same settings for every service (one emulator stack, one account and region). */
export function uniformConnection(
  settings: Omit<ClientSettings, "endpoint">,
  endpoints: { s3?: string; dynamodb?: string; ses?: string; sqs?: string } = {},
): AwsConnection {
  const at = (endpoint: string | undefined): ClientSettings => ({
    ...settings,
    ...(endpoint === undefined ? {} : { endpoint }),
  });
  return {
    s3: at(endpoints.s3),
    dynamodb: at(endpoints.dynamodb),
    ses: at(endpoints.ses),
    sqs: at(endpoints.sqs),
  };
}

export function createAwsClients(connection: AwsConnection = {}): AwsClients {
  const s3 = createS3Client(sdkConfig(connection.s3));
  const dynamodb = createDynamoClient(sdkConfig(connection.dynamodb));
  const ses = createSesClient(sdkConfig(connection.ses));
  return {
    s3,
    dynamodb,
    document: createDynamoDocumentClient(dynamodb),
    ses,
    destroy() {
      s3.destroy();
      dynamodb.destroy();
      ses.destroy();
    },
  };
}

export function sdkConfig(settings: ClientSettings = {}) {
  return {
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
}

/** A new SQS client from explicit settings (the operator's dead-letter commands). */
export function createSqsClientFrom(settings: ClientSettings = {}): SQSClient {
  return createSqsClient(sdkConfig(settings));
}

/**
 * A new S3 client. Path-style addressing whenever an endpoint override is in play: emulators on 127.0.0.1 have no
 * per-bucket DNS names, and path-style also keeps presigned POST URLs at `{endpoint}/{bucket}`.
 */
export function createS3Client(config: S3ClientConfig = {}): S3Client {
  const endpointOverridden = Boolean(
    process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL ?? config.endpoint,
  );
  return new S3Client({ forcePathStyle: endpointOverridden, ...config });
}

/**
 * A new DynamoDB document client (plain JS values in and out; `undefined` attributes are dropped, not rejected).
 * Note: destroying a document client is a no-op in lib-dynamodb; destroy the `DynamoDBClient` passed in instead.
 */
export function createDynamoDocumentClient(
  client: DynamoDBClient = createDynamoClient(),
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** A new low-level DynamoDB client (table administration; items go through the document client). */
export function createDynamoClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient(config);
}

/**
 * A new SES client in the mail region. SES is not offered in the AWS China regions, so SHENBAO_MAIL_REGION may name a
 * region apart from the stack's own.
 */
export function createSesClient(config: SESClientConfig = {}): SESClient {
  const region = process.env.SHENBAO_MAIL_REGION ?? process.env.AWS_REGION;
  return new SESClient({ ...(region ? { region } : {}), ...config });
}

/** A new SQS client (the operator's dead-letter commands; Lambda's event source does the functions' receiving). */
export function createSqsClient(config: SQSClientConfig = {}): SQSClient {
  return new SQSClient(config);
}

// Lazily created singletons configured by the environment alone, for tests and scripts that run next to a local
// stack (which points the environment at its emulators). shenbao's handlers, the local stack and the CLI do not use
// them: they build their clients with createAwsClients.
let s3: S3Client | undefined;
let dynamo: { base: DynamoDBClient; document: DynamoDBDocumentClient } | undefined;
let ses: SESClient | undefined;

export function s3Client(): S3Client {
  s3 ??= createS3Client();
  return s3;
}

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  if (!dynamo) {
    const base = createDynamoClient();
    dynamo = { base, document: createDynamoDocumentClient(base) };
  }
  return dynamo.document;
}

export function sesClient(): SESClient {
  ses ??= createSesClient();
  return ses;
}

/**
 * Forgets the singletons and closes their sockets, so that the next call sees the current environment (tests switch
 * endpoints between stacks) and an open keep-alive socket does not keep the process alive.
 */
export function resetClients(): void {
  s3?.destroy();
  dynamo?.base.destroy();
  ses?.destroy();
  s3 = undefined;
  dynamo = undefined;
  ses = undefined;
}
