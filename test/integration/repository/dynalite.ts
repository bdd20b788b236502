/**
 * An in-process dynalite on loopback and the submission store's table, for the repository tests.
 *
 * Lighter than the whole embedded stack: dynalite alone, and a fresh table per test with the schema the local stack
 * and the CDK stack use (infra/local/resources.ts).
 */
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { tableDefinition } from "../../../infra/local/resources.ts";

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
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
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
