import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ReviewerLinkRecord, ReviewerLinkStore } from "../reviewer-links/reviewer-link.ts";
import { GSI1, type Item, type ItemKey, storable } from "./dynamodb-items.ts";
import { conditionalWrite, isConditionalCheckFailed, queryAll } from "./dynamodb-table.ts";

/**
 * Reviewer links over the shared table: `RLINK#{sha256 of the id}` / `LINK`, so the route's lookup is one strongly
 * consistent GetItem by hash. In the GSI under one partition, `RLINKS` / `{submissionId}#{createdAt}#{hash}`, for
 * the operator's listing by submission (a call has a few thousand links at most). `expiresAt` is an ISO string, so
 * the table's TTL (which reads numbers only) never removes a link: expired and revoked links stay as the record of
 * who could download what.
 */
export const LINKS_PARTITION = "RLINKS";

export function reviewerLinkKey(linkHash: string): ItemKey {
  return { pk: `RLINK#${linkHash}`, sk: "LINK" };
}

/** BatchWriteItem's limit of items per request. */
const BATCH_LIMIT = 25;

function linkItem(link: ReviewerLinkRecord): Item {
  return {
    ...storable(link),
    ...reviewerLinkKey(link.linkHash),
    entity: "reviewer-link",
    gsi1pk: LINKS_PARTITION,
    gsi1sk: `${link.submissionId}#${link.createdAt}#${link.linkHash}`,
  };
}

export class DuplicateReviewerLink extends Error {
  override readonly name = "DuplicateReviewerLink";
}

export class DynamoReviewerLinkStore implements ReviewerLinkStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(link: ReviewerLinkRecord): Promise<void> {
    const outcome = await conditionalWrite(this.doc, {
      put: {
        TableName: this.tableName,
        Item: linkItem(link),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    });
    if (outcome.kind === "lost") {
      throw new DuplicateReviewerLink(`reviewer link ${link.linkHash.slice(0, 12)} exists`, {
        cause: outcome.cause,
      });
    }
  }

  /** One BatchWriteItem (25 items at most per request); what DynamoDB leaves unprocessed is sent again. */
  async createMany(links: readonly ReviewerLinkRecord[]): Promise<void> {
    if (new Set(links.map((l) => l.linkHash)).size !== links.length) {
      throw new DuplicateReviewerLink("reviewer links in one batch share a hash");
    }
    for (let start = 0; start < links.length; start += BATCH_LIMIT) {
      let requests = links
        .slice(start, start + BATCH_LIMIT)
        .map((link) => ({ PutRequest: { Item: linkItem(link) } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt >= 5) throw new Error(`reviewer links left unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const out = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  async get(linkHash: string): Promise<ReviewerLinkRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: reviewerLinkKey(linkHash), ConsistentRead: true }),
    );
    return Item ? recordOf(Item) : undefined;
  }

  async recordDownload(linkHash: string, at: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: reviewerLinkKey(linkHash),
          UpdateExpression: "ADD downloads :one SET lastAccessAt = :at",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":one": 1, ":at": at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async revoke(linkHash: string, at: string): Promise<"revoked" | "already" | "not-found"> {
    const outcome = await conditionalWrite(this.doc, {
      update: {
        TableName: this.tableName,
        Key: reviewerLinkKey(linkHash),
        UpdateExpression: "SET revokedAt = :at",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(revokedAt)",
        ExpressionAttributeValues: { ":at": at },
      },
    });
    if (outcome.kind === "written") return "revoked";
    return outcome.stored ? "already" : "not-found";
  }

  async listForSubmission(submissionId: string): Promise<ReviewerLinkRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)",
      ExpressionAttributeValues: { ":pk": LINKS_PARTITION, ":prefix": `${submissionId}#` },
    });
    // The index lags the table (it is eventually consistent): counts and revocations are read from the items.
    const links = await Promise.all(items.map((item) => this.get(String(item.linkHash))));
    return links.filter((link): link is ReviewerLinkRecord => link !== undefined);
  }

  async findByRef(ref: string): Promise<ReviewerLinkRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      FilterExpression: "begins_with(linkHash, :ref)",
      ExpressionAttributeValues: { ":pk": LINKS_PARTITION, ":ref": ref },
    });
    return items.map(recordOf);
  }
}

function recordOf(item: Item): ReviewerLinkRecord {
  const { pk: _pk, sk: _sk, entity: _entity, gsi1pk: _gpk, gsi1sk: _gsk, ...link } = item;
  return { ...link, downloads: Number(link.downloads ?? 0) } as ReviewerLinkRecord;
}
