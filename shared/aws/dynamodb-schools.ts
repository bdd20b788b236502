import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { SchoolAlreadyRegistered, SchoolNotFound } from "../submissions/errors.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import {
  GSI1,
  SCHOOLS_PARTITION,
  schoolFromItem,
  schoolItem,
  schoolKey,
  tokenItem,
  tokenKey,
  tokenSchoolId,
} from "./dynamodb-items.ts";
import { conditionalWrite, queryAll } from "./dynamodb-table.ts";

/**
 * Schools and their bearer tokens over the shared table. The school item is the authority on which token is valid
 * and whether the school may upload; the token item is only an index from a hash to a school id. Every lookup checks
 * the one against the other, so no interleaving of the multi-item writes below (and no crash between them) can make
 * a replaced or revoked token work: at worst it leaves a token item that points at a school whose hash differs.
 */
export class DynamoSchoolRepository implements SchoolRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { pageSize?: number } = {},
  ) {}

  /**
   * The school first (conditional: the id is new), then its token index. A retry of the same registration (same
   * token hash: a fresh 256-bit token's hash names one registration) completes the token index instead of failing,
   * so a crash between the two writes heals on retry.
   */
  async registerSchool(school: SchoolRecord): Promise<void> {
    const outcome = await conditionalWrite(this.doc, {
      put: {
        TableName: this.tableName,
        Item: schoolItem(school),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    });
    if (
      outcome.kind === "lost" &&
      (!outcome.stored || schoolFromItem(outcome.stored).tokenHash !== school.tokenHash)
    ) {
      throw new SchoolAlreadyRegistered(school.schoolId, { cause: outcome.cause });
    }
    await this.putToken(school.tokenHash, school.schoolId, school.tokenIssuedAt);
  }

  async getSchool(schoolId: string): Promise<SchoolRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: schoolKey(schoolId), ConsistentRead: true }),
    );
    return Item ? schoolFromItem(Item) : undefined;
  }

  async findSchoolByTokenHash(tokenHash: string): Promise<SchoolRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: tokenKey(tokenHash), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const school = await this.getSchool(tokenSchoolId(Item));
    // The double check that makes stale token items harmless (see the class comment).
    if (school?.tokenHash !== tokenHash || school.status !== "active") return undefined;
    return school;
  }

  /**
   * Three writes, ordered so that some token works at every instant and no old one survives a completed call:
   *   1. index the new hash — it does not work yet: the school still names the old hash;
   *   2. point the school at the new hash — the switch: from here only the new token passes the double check;
   *   3. delete the old hash's index — housekeeping only.
   * A crash after 1 leaves the old token valid and the caller with an error (it retries with a fresh token); a crash
   * after 2 leaves an index entry that the double check refuses. Pointing first would instead open a window in
   * which the school has no working token at all. A revoked school stays revoked: this changes the token only.
   */
  async replaceToken(schoolId: string, tokenHash: string, issuedAt: string): Promise<void> {
    await this.putToken(tokenHash, schoolId, issuedAt);
    const outcome = await conditionalWrite(this.doc, {
      update: {
        TableName: this.tableName,
        Key: schoolKey(schoolId),
        ConditionExpression: "attribute_exists(pk)",
        UpdateExpression: "SET tokenHash = :tokenHash, tokenIssuedAt = :issuedAt",
        ExpressionAttributeValues: { ":tokenHash": tokenHash, ":issuedAt": issuedAt },
        // The old hash comes back from the same atomic write: no read that a concurrent replacement could outdate.
        ReturnValues: "UPDATED_OLD",
      },
    });
    if (outcome.kind === "lost") {
      await this.deleteToken(tokenHash);
      throw new SchoolNotFound(schoolId, { cause: outcome.cause });
    }
    const previousHash = outcome.attributes?.tokenHash;
    // A retried call finds its own hash already in place: deleting that "old" index would break the new token.
    if (typeof previousHash === "string" && previousHash !== tokenHash) await this.deleteToken(previousHash);
  }

  /** Only the status changes; the token index may stay, since lookups refuse a school that is not active. */
  async revokeSchool(schoolId: string): Promise<void> {
    const outcome = await conditionalWrite(this.doc, {
      update: {
        TableName: this.tableName,
        Key: schoolKey(schoolId),
        ConditionExpression: "attribute_exists(pk)",
        UpdateExpression: "SET #status = :revoked",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":revoked": "revoked" },
      },
    });
    if (outcome.kind === "lost") throw new SchoolNotFound(schoolId, { cause: outcome.cause });
  }

  /** Ordered by name (UTF-8 code units, not pinyin). Read from the index, so a school registered a moment ago may lag. */
  async listSchools(): Promise<SchoolRecord[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :schools",
        ExpressionAttributeValues: { ":schools": SCHOOLS_PARTITION },
      },
      this.options.pageSize,
    );
    return items.map(schoolFromItem);
  }

  private async putToken(tokenHash: string, schoolId: string, issuedAt: string): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: tokenItem(tokenHash, schoolId, issuedAt) }),
    );
  }

  private async deleteToken(tokenHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: tokenKey(tokenHash) }));
  }
}
