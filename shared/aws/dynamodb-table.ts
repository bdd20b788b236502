/** What the repositories need from the table beyond single-item calls: whole queries, and conditional writes. */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  paginateQuery,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Item, ItemKey } from "./dynamodb-items.ts";

/**
 * Every item a query matches, following LastEvaluatedKey across pages (a page stops at 1 MB, or at `pageSize`).
 * The lists it serves are bounded by the number of schools and uploads in one call: hundreds, not millions.
 */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  pageSize?: number,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateQuery({ client: doc, ...(pageSize ? { pageSize } : {}) }, input)) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

/**
 * A conditional write lost: expected, and translated into a named error by the caller. Matched by name rather than
 * `instanceof` so that a second copy of @aws-sdk/client-dynamodb in a bundle cannot turn it into a crash.
 */
export function isConditionalCheckFailed(error: unknown): error is Error {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * What a conditional write did: `written` (with the attributes the write asked to return, if any), or `lost` with
 * the item as stored when the condition failed (undefined when there is none) and the database's error as the cause
 * to keep. Deciding what a loss means is the caller's job (shared/submissions/transitions.ts).
 */
export type WriteOutcome =
  | { kind: "written"; attributes: Item | undefined }
  | { kind: "lost"; stored: Item | undefined; cause: Error };

/**
 * One conditional Put or Update; on a lost condition, the item is read back strongly consistently. DynamoDB could
 * return it with the failure (ReturnValuesOnConditionCheckFailure: ALL_OLD), but dynalite 4.0.0, which every test
 * runs on, ignores that parameter (measured: the error carries no Item), so the re-read is the one path both run.
 * It is safe because every caller classifies the loss on fields that never change back (a claimed version, a
 * recorded verdict, an existing item, a pointer that only moves forward).
 */
export async function conditionalWrite(
  doc: DynamoDBDocumentClient,
  write: { put: PutCommandInput } | { update: UpdateCommandInput },
): Promise<WriteOutcome> {
  try {
    if ("put" in write) {
      const out = await doc.send(new PutCommand(write.put));
      return { kind: "written", attributes: out.Attributes };
    }
    const out = await doc.send(new UpdateCommand(write.update));
    return { kind: "written", attributes: out.Attributes };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const { TableName, Key } = "put" in write ? { ...write.put, Key: keyOf(write.put.Item) } : write.update;
    const { Item } = await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
    return { kind: "lost", stored: Item, cause: error };
  }
}

function keyOf(item: Item | undefined): ItemKey {
  return { pk: String(item?.pk), sk: String(item?.sk) };
}
