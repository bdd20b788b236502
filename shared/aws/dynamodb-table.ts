/** What both repositories need from the table beyond single-item calls: whole queries, and telling a lost condition. */
import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Item } from "./dynamodb-items.ts";

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
