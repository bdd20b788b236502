import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { SchoolAlreadyRegistered, SchoolNotFound } from "../submissions/errors.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import {
  GSI1,
  SCHOOLS_PARTITION,
  schoolFromItem,
  schoolItem,
  schoolKey,
  tokenKey,
  tokenSchoolId,
} from "./dynamodb-items.ts";
import { conditionalWrite, queryAll } from "./dynamodb-table.ts";

/**
 * Schools and their bearer tokens over the shared table. The school item is the authority on which token is valid
 * and whether the school may upload. Tokens name their school (`sbt_{schoolId}.{secret}`), so authentication reads
 * the school item alone and no token index is written any more. Token index items written before (a hash → a
 * school id) still serve the tokens they were written for, and every lookup through them checks the school item,
 * so an index item left behind (by a crash, by a replacement, by a revocation) never makes a token work.
 */
export class DynamoSchoolRepository implements SchoolRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { pageSize?: number } = {},
  ) {}

  /**
   * One conditional Put (the id is new). A retry of the same registration (same token hash: a fresh 256-bit token's
   * hash names one registration) succeeds instead of failing.
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
  }

  async getSchool(schoolId: string): Promise<SchoolRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: schoolKey(schoolId), ConsistentRead: true }),
    );
    return Item ? schoolFromItem(Item) : undefined;
  }

  /** Through the index written for tokens issued before tokens named their school; none is written now. */
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
   * One conditional update is the whole switch: from it on, only the new token matches the school item, which is
   * what authentication reads (the token names its school). A crash before it leaves the old token working and the
   * caller with an error (it retries with a fresh token); there is no moment without a working token, and no old
   * token survives a completed call. Afterwards the old hash's index item, if the old token was issued with one, is
   * deleted: housekeeping only, since a lookup through it is refused by the school item anyway. A revoked school
   * stays revoked: this changes the token only.
   */
  async replaceToken(schoolId: string, tokenHash: string, issuedAt: string): Promise<void> {
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
    if (outcome.kind === "lost") throw new SchoolNotFound(schoolId, { cause: outcome.cause });
    const previousHash = outcome.attributes?.tokenHash;
    // A retried call finds its own hash already in place: nothing old to tidy.
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

  /** One conditional update; the first time stays (a later save, or a retry, finds it set and keeps it). */
  async markFormSaved(schoolId: string, at: string): Promise<void> {
    const outcome = await conditionalWrite(this.doc, {
      update: {
        TableName: this.tableName,
        Key: schoolKey(schoolId),
        ConditionExpression: "attribute_exists(pk)",
        UpdateExpression: "SET formSavedAt = if_not_exists(formSavedAt, :at)",
        ExpressionAttributeValues: { ":at": at },
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

  private async deleteToken(tokenHash: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: tokenKey(tokenHash) }));
  }
}
