import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { MailKind, MailLog, MailLogEntry } from "../mail/mail-log.ts";
import { type Item, type ItemKey, storable } from "./dynamodb-items.ts";
import { isConditionalCheckFailed, queryAll } from "./dynamodb-table.ts";

/**
 * The mail log over the shared table: `SCHOOL#{id}` / `MAIL#{kind}#{key}`, in the school's partition beside its
 * profile and submissions (whose queries use the `SUB#` prefix and never see these). Not in the GSI.
 */
export const MAIL_SK_PREFIX = "MAIL#";

export function mailKey(schoolId: string, kind: MailKind, key: string): ItemKey {
  return { pk: `SCHOOL#${schoolId}`, sk: `${MAIL_SK_PREFIX}${kind}#${key}` };
}

export class DynamoMailLog implements MailLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(entry: MailLogEntry): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...storable(entry), ...mailKey(entry.schoolId, entry.kind, entry.key), entity: "mail" },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async release(schoolId: string, kind: MailKind, key: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: mailKey(schoolId, kind, key) }));
  }

  async list(schoolId: string): Promise<MailLogEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": `SCHOOL#${schoolId}`, ":prefix": MAIL_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map(entryFromItem);
  }
}

function entryFromItem(item: Item): MailLogEntry {
  const { pk: _pk, sk: _sk, entity: _entity, ...entry } = item;
  return entry as unknown as MailLogEntry;
}
