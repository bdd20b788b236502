import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ApplicationDetails, ApplicationDetailsRepository } from "../application/details.ts";
import { type Item, type ItemKey, storable } from "./dynamodb-items.ts";

/** `SCHOOL#{id}` / `DETAILS`: one item per school, in its partition. Not in the GSI. */
export function detailsKey(schoolId: string): ItemKey {
  return { pk: `SCHOOL#${schoolId}`, sk: "DETAILS" };
}

export class DynamoApplicationDetailsRepository implements ApplicationDetailsRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getDetails(schoolId: string): Promise<ApplicationDetails | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: detailsKey(schoolId), ConsistentRead: true }),
    );
    return Item ? detailsFromItem(Item) : undefined;
  }

  /** Unconditional: the details are one document that the school (or an operator) replaces as a whole. */
  async putDetails(details: ApplicationDetails): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...storable(details), ...detailsKey(details.schoolId), entity: "details" },
      }),
    );
  }
}

function detailsFromItem(item: Item): ApplicationDetails {
  const { pk: _pk, sk: _sk, entity: _entity, ...details } = item;
  return details as unknown as ApplicationDetails;
}
