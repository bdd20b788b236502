import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { AttemptCounter } from "../api/attempt-limit.ts";

/**
 * Failed-attempt counters: one item per client key and window (`ATTEMPTS#{key}` / `{windowStart}`), incremented with
 * ADD. The window is in the key, so correctness needs no expiry; `expiresAt` lets DynamoDB TTL sweep old windows.
 */
export class DynamoAttemptCounter implements AttemptCounter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async failures(key: string, windowStart: number): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: attemptsKey(key, windowStart),
        ProjectionExpression: "failures",
      }),
    );
    return Number(Item?.failures ?? 0);
  }

  async addFailure(key: string, windowStart: number, expiresAt: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: attemptsKey(key, windowStart),
        UpdateExpression: "ADD failures :one SET expiresAt = :expiresAt, entity = :entity",
        ExpressionAttributeValues: { ":one": 1, ":expiresAt": expiresAt, ":entity": "attempts" },
      }),
    );
  }
}

function attemptsKey(key: string, windowStart: number) {
  return { pk: `ATTEMPTS#${key}`, sk: String(windowStart) };
}
