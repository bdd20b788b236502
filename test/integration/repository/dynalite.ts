/**
 * An in-process dynalite on loopback and the submission store's table, for the repository tests.
 *
 * A stand-in for the shared harness: infra/local/emulators.ts cannot start under vitest yet (its
 * `sesLocal.default(...)` call assumes Node's CommonJS interop, which vitest's module runner does not give), and
 * infra/local/resources.ts creates the table only together with a bucket. The schema below must match
 * createLocalResources and the CDK stack; switch to the harness once it starts under vitest.
 */
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";

export interface LocalDynamo {
  /**
   * Deliberately built without `removeUndefinedValues`: the repositories must not depend on how the caller
   * configured its document client.
   */
  doc: DynamoDBDocumentClient;
  /** A new, empty table with the store's schema; one per test keeps tests independent. */
  createTable(): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  // Node 20 is what the machine has; the SDK's notice about its future support is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  // Tables are ACTIVE at once; with dynalite's default 500 ms CREATING phase the first write fails.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const doc = DynamoDBDocumentClient.from(client);
  let tables = 0;

  return {
    doc,
    async createTable() {
      tables += 1;
      const tableName = `shenbao-test-${tables}`;
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
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
        }),
      );
      return tableName;
    },
    async stop() {
      client.destroy();
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      // SDK keep-alive sockets would otherwise hold the server open.
      server.closeAllConnections();
      await closed;
    },
  };
}
