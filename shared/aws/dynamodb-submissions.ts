import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import {
  SubmissionAlreadyExists,
  SubmissionNotFound,
  SubmissionStateConflict,
} from "../submissions/errors.ts";
import type { ApplicationPointer, SubmissionRecord, SubmissionVerdict } from "../submissions/records.ts";
import type { ClaimOutcome, LeaseOutcome, SubmissionRepository } from "../submissions/repository.ts";
import { hasVerdict, type SubmissionState } from "../submissions/states.ts";
import {
  applicationFromItem,
  applicationItem,
  applicationKey,
  GSI1,
  SUBMISSION_SK_PREFIX,
  statePartition,
  storable,
  submissionFromItem,
  submissionItem,
  submissionKey,
} from "./dynamodb-items.ts";
import { isConditionalCheckFailed, queryAll } from "./dynamodb-table.ts";

/**
 * Submissions and application pointers over the shared table. Every state change is one conditional write on one
 * item, which DynamoDB (and dynalite) apply atomically; when a condition fails, a strongly consistent read says
 * whether the change had already been made (a redelivery: return what is stored) or another writer won (a named
 * error). Reading after the failure is safe because the fields the classification rests on never change back: an
 * objectVersion, once claimed, is permanent, and a recorded verdict is final.
 */
export class DynamoSubmissionRepository implements SubmissionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { pageSize?: number } = {},
  ) {}

  async createPending(submission: SubmissionRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: submissionItem(submission),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new SubmissionAlreadyExists(submission.submissionId, { cause: error });
    }
  }

  async getSubmission(schoolId: string, submissionId: string): Promise<SubmissionRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: submissionKey(schoolId, submissionId),
        ConsistentRead: true,
      }),
    );
    return Item ? submissionFromItem(Item) : undefined;
  }

  /** Oldest first (the sort key is the ULID). Strongly consistent: it reads the base table. */
  async listSchoolSubmissions(schoolId: string): Promise<SubmissionRecord[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": submissionKey(schoolId, "").pk, ":prefix": SUBMISSION_SK_PREFIX },
        ConsistentRead: true,
      },
      this.options.pageSize,
    );
    return items.map(submissionFromItem);
  }

  /** Oldest link first. Read from the index, which on AWS trails a transition by a moment. */
  async listByState(state: SubmissionState): Promise<SubmissionRecord[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :state",
        ExpressionAttributeValues: { ":state": statePartition(state) },
      },
      this.options.pageSize,
    );
    return items.map(submissionFromItem);
  }

  /**
   * Only a PENDING item can be claimed, and the claim writes the object version in the same atomic step, so of two
   * racing deliveries of different versions exactly one gets past the condition; the loser reads the winner's
   * version and is told `other-version`. Two deliveries of the same version may both come back `claimed`: the
   * claim fences versions, it is not a lock, and the work it guards is pure up to recordVerdict.
   */
  async claim(
    schoolId: string,
    submissionId: string,
    claim: { objectVersion: string; uploadedAt: string; now: string },
  ): Promise<ClaimOutcome> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(schoolId, submissionId),
          // Also false when the item is missing, so a claim never creates a submission.
          ConditionExpression: "#state = :pending",
          UpdateExpression:
            "SET #state = :processing, gsi1pk = :gsi1pk, objectVersion = :version, uploadedAt = :uploadedAt, " +
            "processingStartedAt = :now",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: {
            ":pending": "PENDING",
            ":processing": "PROCESSING",
            ":gsi1pk": statePartition("PROCESSING"),
            ":version": claim.objectVersion,
            ":uploadedAt": claim.uploadedAt,
            ":now": claim.now,
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return { kind: "claimed", submission: submissionFromItem(Attributes ?? {}) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const stored = await this.getSubmission(schoolId, submissionId);
    if (!stored) return { kind: "not-found" };
    if (stored.objectVersion !== claim.objectVersion) return { kind: "other-version", submission: stored };
    if (hasVerdict(stored.state)) return { kind: "decided", submission: stored };
    // Still PROCESSING this version: an earlier delivery died mid-work; redo it.
    return { kind: "claimed", submission: stored };
  }

  /**
   * The first verdict for the claimed version wins. A repeated call (a redelivery that redid the pure work) gets the
   * stored record back, not its own: the receipt must report what was recorded, even if `processedAt` differs.
   */
  async recordVerdict(
    schoolId: string,
    submissionId: string,
    objectVersion: string,
    verdict: SubmissionVerdict,
  ): Promise<SubmissionRecord> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(schoolId, submissionId),
          ConditionExpression: "#state = :processing AND objectVersion = :version",
          UpdateExpression: "SET #state = :state, gsi1pk = :gsi1pk, verdict = :verdict",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: {
            ":processing": "PROCESSING",
            ":version": objectVersion,
            ":state": verdict.state,
            ":gsi1pk": statePartition(verdict.state),
            ":verdict": storable(verdict),
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return submissionFromItem(Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const stored = await this.getSubmission(schoolId, submissionId);
      if (!stored) throw new SubmissionNotFound(submissionId, { cause: error });
      if (stored.verdict && stored.objectVersion === objectVersion) return stored;
      throw new SubmissionStateConflict(submissionId, `PROCESSING object version ${objectVersion}`, {
        cause: error,
      });
    }
  }

  async getApplication(schoolId: string, documentType: string): Promise<ApplicationPointer | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: applicationKey(schoolId, documentType),
        ConsistentRead: true,
      }),
    );
    return Item ? applicationFromItem(Item) : undefined;
  }

  /**
   * The pointer only moves forward in (upload time, submission id) order, whatever order workers finish in: an
   * older upload decided late, or a redelivery of the current one, fails the condition and reads back the pointer
   * that stands, which is then the answer.
   */
  async advanceApplication(pointer: ApplicationPointer): Promise<ApplicationPointer> {
    const item = applicationItem(pointer);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: "attribute_not_exists(pk) OR orderKey < :orderKey",
          ExpressionAttributeValues: { ":orderKey": item.orderKey },
        }),
      );
      return applicationFromItem(item);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const stored = await this.getApplication(pointer.schoolId, pointer.documentType);
      // Only someone deleting the pointer by hand between the two calls makes it vanish; then there is no rival.
      return stored ?? this.advanceApplication(pointer);
    }
  }

  /** `supersededAt` keeps its first value, so a repeated call changes nothing. */
  async markSuperseded(schoolId: string, submissionId: string, by: string, at: string): Promise<void> {
    await this.update(schoolId, submissionId, `ACCEPTED (or SUPERSEDED by ${by})`, {
      ConditionExpression: "#state = :accepted OR (#state = :superseded AND supersededBy = :by)",
      UpdateExpression:
        "SET #state = :superseded, gsi1pk = :gsi1pk, supersededBy = :by, supersededAt = if_not_exists(supersededAt, :at)",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: {
        ":accepted": "ACCEPTED",
        ":superseded": "SUPERSEDED",
        ":gsi1pk": statePartition("SUPERSEDED"),
        ":by": by,
        ":at": at,
      },
    });
  }

  async markReceiptSent(schoolId: string, submissionId: string, at: string): Promise<void> {
    await this.setOnce(schoolId, submissionId, "receiptSentAt", at);
  }

  async markReviewersNotified(schoolId: string, submissionId: string, at: string): Promise<void> {
    await this.setOnce(schoolId, submissionId, "reviewersNotifiedAt", at);
  }

  /** Appends the address unless it is listed already (then the condition fails: nothing to do). */
  async markReviewerNotified(schoolId: string, submissionId: string, address: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(schoolId, submissionId),
          ConditionExpression: "attribute_exists(pk) AND NOT contains(reviewersNotified, :address)",
          UpdateExpression:
            "SET reviewersNotified = list_append(if_not_exists(reviewersNotified, :none), :one)",
          ExpressionAttributeValues: { ":address": address, ":none": [], ":one": [address] },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (!(await this.getSubmission(schoolId, submissionId))) {
        throw new SubmissionNotFound(submissionId, { cause: error });
      }
    }
  }

  /**
   * One conditional write: free, lapsed, or already this owner's. The lease lives on the submission item, outside
   * the record (dynamodb-items.ts leaves its attributes out), and times are ISO 8601 UTC, which compare as strings.
   */
  async acquireLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<LeaseOutcome> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(schoolId, submissionId),
          ConditionExpression:
            "attribute_exists(pk) AND (attribute_not_exists(leaseOwner) OR leaseOwner = :owner OR leaseUntil < :now)",
          UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until",
          ExpressionAttributeValues: { ":owner": lease.owner, ":now": lease.now, ":until": lease.until },
        }),
      );
      return "acquired";
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return (await this.getSubmission(schoolId, submissionId)) ? "held-by-another" : "not-found";
    }
  }

  async releaseLease(schoolId: string, submissionId: string, owner: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(schoolId, submissionId),
          ConditionExpression: "leaseOwner = :owner",
          UpdateExpression: "REMOVE leaseOwner, leaseUntil",
          ExpressionAttributeValues: { ":owner": owner },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** Records when a side effect first completed; later calls keep the first time. */
  private async setOnce(
    schoolId: string,
    submissionId: string,
    attribute: "receiptSentAt" | "reviewersNotifiedAt",
    at: string,
  ): Promise<void> {
    await this.update(schoolId, submissionId, "present", {
      ConditionExpression: "attribute_exists(pk)",
      UpdateExpression: "SET #at = if_not_exists(#at, :at)",
      ExpressionAttributeNames: { "#at": attribute },
      ExpressionAttributeValues: { ":at": at },
    });
  }

  /** A conditional update whose failure means a missing item or, if the item exists, a state conflict. */
  private async update(
    schoolId: string,
    submissionId: string,
    expected: string,
    change: Omit<UpdateCommandInput, "TableName" | "Key">,
  ): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          ...change,
          TableName: this.tableName,
          Key: submissionKey(schoolId, submissionId),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const stored = await this.getSubmission(schoolId, submissionId);
      if (!stored) throw new SubmissionNotFound(submissionId, { cause: error });
      throw new SubmissionStateConflict(submissionId, expected, { cause: error });
    }
  }
}
