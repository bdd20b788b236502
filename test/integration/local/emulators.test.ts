import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConditionalCheckFailedException, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { SendEmailCommand } from "@aws-sdk/client-ses";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulators, startEmulators } from "../../../infra/local/emulators.ts";
import { createLocalResources } from "../../../infra/local/resources.ts";
import { type AwsClients, createAwsClients, createDynamoClient } from "../../../shared/aws/clients.ts";
import { networkHandles, settle } from "./helpers.ts";

const names = { bucket: "shenbao-test-uploads", table: "shenbao-test" };

describe("local emulators through the real SDK", () => {
  let emulators: Emulators;
  let clients: AwsClients;
  let startupMs: number;

  beforeAll(async () => {
    const started = performance.now();
    emulators = await startEmulators();
    startupMs = performance.now() - started;
    clients = createAwsClients(emulators.connection);
    await createLocalResources(names, clients);
  });

  afterAll(async () => {
    clients?.destroy();
    await emulators?.stop();
  });

  it("starts in well under a second on loopback ports", () => {
    expect(startupMs).toBeLessThan(1_000);
    for (const url of Object.values(emulators.endpoints)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulators.credentials).toEqual({ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
  });

  it("creates the bucket with CORS and the table with gsi1, idempotently", async () => {
    await createLocalResources(names, clients);

    await expect(clients.s3.send(new HeadBucketCommand({ Bucket: names.bucket }))).resolves.toBeDefined();
    const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket: names.bucket }));
    expect(cors.CORSRules?.[0]?.AllowedMethods).toContain("POST");
    const dynamodb = createDynamoClient({ ...emulators.connection.dynamodb });
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: names.table }));
    dynamodb.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: "gsi1",
      KeySchema: [
        { AttributeName: "gsi1pk", KeyType: "HASH" },
        { AttributeName: "gsi1sk", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    });
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
  });

  it("stores and reads a Chinese key through the endpoint of the emulators' connection", async () => {
    const key = "uploads/河南职业技术学院 （计算机应用技术）+1.pdf";
    await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: key, Body: "pdf" }));

    const object = await clients.s3.send(new GetObjectCommand({ Bucket: names.bucket, Key: key }));

    expect(await object.Body?.transformToString()).toBe("pdf");
  });

  it("refuses a second conditional put of the same item", async () => {
    const put = new PutCommand({
      TableName: names.table,
      Item: { pk: "SCHOOL#1", sk: "APPLICATION", gsi1pk: "CALL#2024", gsi1sk: "SCHOOL#1" },
      ConditionExpression: "attribute_not_exists(pk)",
    });
    await clients.document.send(put);

    await expect(clients.document.send(put)).rejects.toThrow(ConditionalCheckFailedException);
  });

  it("sends mail with a Chinese subject that reads back from the SES store", async () => {
    const subject = "申报材料回执：河南职业技术学院（计算机应用技术）";
    await clients.ses.send(
      new SendEmailCommand({
        Source: "noreply@shenbao.example",
        Destination: { ToAddresses: ["school@example.edu.cn"] },
        Message: {
          Subject: { Data: subject, Charset: "UTF-8" },
          Body: { Text: { Data: "已收到。", Charset: "UTF-8" } },
        },
      }),
    );

    const store = (await (await fetch(`${emulators.endpoints.ses}/store`)).json()) as {
      emails: Array<{ subject: string; destination: { to: string[] } }>;
    };
    expect(store.emails.at(-1)).toMatchObject({ subject, destination: { to: ["school@example.edu.cn"] } });
  });
});

describe("emulators with a data directory", () => {
  it("keep objects and items across a restart, and stop without leaving handles", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "shenbao-local-"));
    const handlesBefore = networkHandles();
    const item = { pk: "SCHOOL#2", sk: "APPLICATION" };
    try {
      await withEmulators(dataDir, async (clients) => {
        await createLocalResources(names, clients);
        await clients.s3.send(
          new PutObjectCommand({ Bucket: names.bucket, Key: "uploads/a.pdf", Body: "kept" }),
        );
        await clients.document.send(new PutCommand({ TableName: names.table, Item: item }));
      });
      const stopStarted = performance.now();
      await withEmulators(dataDir, async (clients) => {
        await createLocalResources(names, clients);
        const object = await clients.s3.send(
          new GetObjectCommand({ Bucket: names.bucket, Key: "uploads/a.pdf" }),
        );
        expect(await object.Body?.transformToString()).toBe("kept");
        const read = await clients.document.send(new GetCommand({ TableName: names.table, Key: item }));
        expect(read.Item).toEqual(item);
      });
      expect(performance.now() - stopStarted).toBeLessThan(5_000);
      await settle();
      expect(networkHandles()).toBeLessThanOrEqual(handlesBefore);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function withEmulators(dataDir: string, use: (clients: AwsClients) => Promise<void>): Promise<void> {
  const emulators = await startEmulators({ dataDir });
  const clients = createAwsClients(emulators.connection);
  try {
    await use(clients);
  } finally {
    clients.destroy();
    await emulators.stop();
  }
}
