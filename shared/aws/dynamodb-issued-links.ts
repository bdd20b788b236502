import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { IssuedLink, IssuedLinkStore } from "../uploads/link-replay.ts";
import { isConditionalCheckFailed } from "./dynamodb-table.ts";

/**
 * Links remembered under a school's Idempotency-Key: `SCHOOL#{schoolId}` / `LINK#{key}`. One conditional put; an
 * expired entry may be replaced. `expiresAt` (epoch seconds) lets the table's TTL sweep them in AWS; correctness
 * reads `linkExpiresAt` and never depends on the sweep.
 */
export class DynamoIssuedLinkStore implements IssuedLinkStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(schoolId: string, key: string): Promise<IssuedLink | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: linkKey(schoolId, key), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      requestHash: String(Item.requestHash),
      response: Item.response as Record<string, unknown>,
      expiresAt: String(Item.linkExpiresAt),
    };
  }

  async remember(schoolId: string, key: string, link: IssuedLink, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...linkKey(schoolId, key),
            entity: "issued-link",
            requestHash: link.requestHash,
            response: link.response,
            linkExpiresAt: link.expiresAt,
            expiresAt: Math.ceil(Date.parse(link.expiresAt) / 1000),
          },
          ConditionExpression: "attribute_not_exists(pk) OR linkExpiresAt <= :now",
          ExpressionAttributeValues: { ":now": now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

function linkKey(schoolId: string, key: string) {
  return { pk: `SCHOOL#${schoolId}`, sk: `LINK#${key}` };
}
