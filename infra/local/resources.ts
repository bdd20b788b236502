/**
 * Creates the bucket and the table the app expects, through the real SDK, idempotently (what exists is kept).
 * The shapes mirror the CDK stack: bucket with CORS for browser uploads, table pk/sk with GSI gsi1, on-demand.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { LOOPBACK_ORIGINS } from "./origins.ts";

export interface LocalResourceNames {
  bucket: string;
  table: string;
}

/** Through the clients given (made from the emulators' connection); they stay open for the caller. */
export async function createLocalResources(
  names: LocalResourceNames,
  clients: { s3: S3Client; dynamodb: DynamoDBClient },
): Promise<void> {
  await Promise.all([createBucket(clients.s3, names.bucket), createTable(clients.dynamodb, names.table)]);
}

async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  const exists = await s3.send(new HeadBucketCommand({ Bucket: bucket })).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
      if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    });
  }
  // Always (re)applied: the rules are this code's, not the data directory's.
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [...LOOPBACK_ORIGINS],
            AllowedMethods: ["POST", "GET", "HEAD"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag", "Location", "x-amz-request-id"],
            MaxAgeSeconds: 600,
          },
        ],
      },
    }),
  );
}

/** The store's table as the CDK stack defines it (docs/data-model.md): pk/sk, GSI gsi1, on demand. */
export function tableDefinition(table: string): CreateTableCommandInput {
  return {
    TableName: table,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "gsi1pk", AttributeType: "S" },
      { AttributeName: "gsi1sk", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "gsi1",
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}

async function createTable(dynamodb: DynamoDBClient, table: string): Promise<void> {
  try {
    await dynamodb.send(new CreateTableCommand(tableDefinition(table)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const description = await waitUntilActive(dynamodb, table);
  assertTableShape(table, description);
}

async function waitUntilActive(dynamodb: DynamoDBClient, table: string): Promise<TableDescription> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === "ACTIVE") return Table;
    if (Date.now() > deadline) throw new Error(`table ${table} is still ${Table?.TableStatus} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A table left in a data directory by an older layout would fail later and obscurely; say so now. */
function assertTableShape(table: string, description: TableDescription): void {
  const keys = (description.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(",");
  const gsi = description.GlobalSecondaryIndexes?.find((i) => i.IndexName === "gsi1");
  const gsiKeys = (gsi?.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(",");
  if (keys !== "pk:HASH,sk:RANGE" || gsiKeys !== "gsi1pk:HASH,gsi1sk:RANGE") {
    throw new Error(
      `table ${table} exists with keys [${keys}] and gsi1 [${gsiKeys}]; expected [pk:HASH,sk:RANGE] and ` +
        "[gsi1pk:HASH,gsi1sk:RANGE] (delete the local data directory to recreate it)",
    );
  }
}
