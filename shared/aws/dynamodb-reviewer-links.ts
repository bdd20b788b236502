import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  type LinkHome,
  linksOfSubmission,
  type ReviewerLinkRecord,
  type ReviewerLinkStore,
} from "../reviewer-links/reviewer-link.ts";
import type { ReviewerLinkEntry } from "../submissions/records.ts";
import {
  GSI1,
  type Item,
  type ItemKey,
  statePartition,
  storable,
  submissionFromItem,
  submissionKey,
} from "./dynamodb-items.ts";
import { conditionalWrite, isConditionalCheckFailed, queryAll } from "./dynamodb-table.ts";

/**
 * Reviewer links over the shared table. Links issued since links name their submission live on the submission's
 * item, in its `reviewerLinks` map by hash (written by the verdict's own write, shared/aws/dynamodb-submissions.ts),
 * so the route reads them with the submission's GetItem. Links issued before are items of their own,
 * `RLINK#{sha256 of the id}` / `LINK`, so the route's lookup is one strongly
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

/** A submission's map of links was not as the caller read it (a concurrent writer): the delivery is retried. */
export class ReviewerLinksChanged extends Error {
  override readonly name = "ReviewerLinksChanged";
}

/** The states of a submission that may hold links: it was accepted (and may have been superseded since). */
const LINKED_STATES = ["ACCEPTED", "SUPERSEDED"] as const;

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

  async getOnSubmission(schoolId: string, submissionId: string): Promise<ReviewerLinkRecord[] | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: submissionKey(schoolId, submissionId),
        ConsistentRead: true,
      }),
    );
    return Item ? linksOfSubmission(submissionFromItem(Item)) : undefined;
  }

  /** One UpdateItem: each link into the existing map, or the map whole when the item has none yet. */
  async addToSubmission(
    home: LinkHome,
    links: Readonly<Record<string, ReviewerLinkEntry>>,
    mapExists: boolean,
  ): Promise<void> {
    const entries = Object.entries(links);
    if (entries.length === 0) return;
    const names = Object.fromEntries(entries.map(([hash], i) => [`#h${i}`, hash]));
    const values = Object.fromEntries(entries.map(([, entry], i) => [`:l${i}`, storable(entry)]));
    const update = mapExists
      ? {
          UpdateExpression: `SET ${entries.map((_, i) => `reviewerLinks.#h${i} = :l${i}`).join(", ")}`,
          ConditionExpression: `attribute_exists(reviewerLinks) AND ${entries.map((_, i) => `attribute_not_exists(reviewerLinks.#h${i})`).join(" AND ")}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }
      : {
          UpdateExpression: "SET reviewerLinks = :links",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(reviewerLinks)",
          ExpressionAttributeValues: { ":links": storable({ ...links }) },
        };
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(home.schoolId, home.submissionId),
          ...update,
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new ReviewerLinksChanged(`reviewer links of submission ${home.submissionId} changed`, {
        cause: error,
      });
    }
  }

  async recordDownload(linkHash: string, at: string, home?: LinkHome): Promise<boolean> {
    if (home) return this.recordDownloadOnSubmission(linkHash, at, home);
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

  private async recordDownloadOnSubmission(linkHash: string, at: string, home: LinkHome): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(home.schoolId, home.submissionId),
          UpdateExpression: "ADD reviewerLinks.#h.downloads :one SET reviewerLinks.#h.lastAccessAt = :at",
          ConditionExpression: "attribute_exists(reviewerLinks.#h)",
          ExpressionAttributeNames: { "#h": linkHash },
          ExpressionAttributeValues: { ":one": 1, ":at": at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async revoke(linkHash: string, at: string, home?: LinkHome): Promise<"revoked" | "already" | "not-found"> {
    if (home) {
      const outcome = await conditionalWrite(this.doc, {
        update: {
          TableName: this.tableName,
          Key: submissionKey(home.schoolId, home.submissionId),
          UpdateExpression: "SET reviewerLinks.#h.revokedAt = :at",
          ConditionExpression:
            "attribute_exists(reviewerLinks.#h) AND attribute_not_exists(reviewerLinks.#h.revokedAt)",
          ExpressionAttributeNames: { "#h": linkHash },
          ExpressionAttributeValues: { ":at": at },
        },
      });
      if (outcome.kind === "written") return "revoked";
      const links = outcome.stored?.reviewerLinks as Record<string, unknown> | undefined;
      return links?.[linkHash] ? "already" : "not-found";
    }
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

  async listForSubmission(submissionId: string, schoolId?: string): Promise<ReviewerLinkRecord[]> {
    const onItem = schoolId ? ((await this.getOnSubmission(schoolId, submissionId)) ?? []) : [];
    return [...(await this.listLinkItems(submissionId)), ...onItem];
  }

  private async listLinkItems(submissionId: string): Promise<ReviewerLinkRecord[]> {
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

  /**
   * Link items by a filter on the links' partition; links on submissions by reading the accepted and superseded
   * submissions that have any (an operator's command over a call's few thousand submissions, not a request path).
   */
  async findByRef(ref: string): Promise<ReviewerLinkRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      FilterExpression: "begins_with(linkHash, :ref)",
      ExpressionAttributeValues: { ":pk": LINKS_PARTITION, ":ref": ref },
    });
    const linked = await Promise.all(
      LINKED_STATES.map((state) =>
        queryAll(this.doc, {
          TableName: this.tableName,
          IndexName: GSI1,
          KeyConditionExpression: "gsi1pk = :pk",
          FilterExpression: "attribute_exists(reviewerLinks)",
          ExpressionAttributeValues: { ":pk": statePartition(state) },
        }),
      ),
    );
    const onSubmissions = linked
      .flat()
      .flatMap((item) => linksOfSubmission(submissionFromItem(item)))
      .filter((link) => link.linkHash.startsWith(ref));
    return [...items.map(recordOf), ...onSubmissions];
  }
}

function recordOf(item: Item): ReviewerLinkRecord {
  const { pk: _pk, sk: _sk, entity: _entity, gsi1pk: _gpk, gsi1sk: _gsk, ...link } = item;
  return { ...link, downloads: Number(link.downloads ?? 0) } as ReviewerLinkRecord;
}
