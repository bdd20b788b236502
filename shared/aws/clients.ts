/**
 * The only place AWS SDK clients are constructed.
 *
 * `createAwsClients(connection)` builds them from an explicit connection (the local stack, the CLI, tests). Nothing
 * here reads the environment: the two edges configured by it, the Lambda entry and the CLI's `aws` target, turn it
 * into a connection with `connectionFromEnvironment(env)`. What a connection leaves out (a region, credentials) comes
 * from the SDK's default chain (AWS_REGION, the Lambda role, …): that is how Lambda runs them.
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

/**
 * The connection an environment describes, for the two edges configured by one (the Lambda entry, the CLI's `aws`
 * target): the endpoint overrides AWS_ENDPOINT_URL_S3 / _DYNAMODB / _SES / _SQS (falling back to AWS_ENDPOINT_URL),
 * and SHENBAO_MAIL_REGION for SES, which the AWS China regions lack. Region and credentials stay with the SDK's chain.
 */
export function connectionFromEnvironment(env: Readonly<Record<string, string | undefined>>): AwsConnection {
  const at = (service: string, region?: string): ClientSettings => {
    const endpoint = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    return { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) };
  };
  return {
    s3: at("S3"),
    dynamodb: at("DYNAMODB"),
    ses: at("SES", env.SHENBAO_MAIL_REGION),
    sqs: at("SQS"),
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
 * A new S3 client. Path-style addressing whenever an endpoint is given: emulators on 127.0.0.1 have no per-bucket
 * DNS names, and path-style also keeps presigned POST URLs at `{endpoint}/{bucket}`.
 */
export function createS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({ forcePathStyle: config.endpoint !== undefined, ...config });
}

/**
 * A new DynamoDB document client (plain JS values in and out; `undefined` attributes are dropped, not rejected).
 * Note: destroying a document client is a no-op in lib-dynamodb; destroy the `DynamoDBClient` passed in instead.
 */
export function createDynamoDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** A new low-level DynamoDB client (table administration; items go through the document client). */
export function createDynamoClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient(config);
}

/** A new SES client (its region may differ from the stack's: see connectionFromEnvironment). */
export function createSesClient(config: SESClientConfig = {}): SESClient {
  return new SESClient(config);
}

/** A new SQS client (the operator's dead-letter commands; Lambda's event source does the functions' receiving). */
export function createSqsClient(config: SQSClientConfig = {}): SQSClient {
  return new SQSClient(config);
}
