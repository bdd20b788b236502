import type { DynamoDBDocumentClient, UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  type PendingMail,
  type PendingMailId,
  type PendingMailRef,
  type PendingMailStore,
  pendingOf,
} from "../mail/pending-mail.ts";
import type { SubmissionRecord } from "../submissions/records.ts";
import type { SubmissionState } from "../submissions/states.ts";
import { GSI1, statePartition, storable, submissionFromItem, submissionKey } from "./dynamodb-items.ts";
import { conditionalWrite, queryAll, type WriteOutcome } from "./dynamodb-table.ts";

/** Where a decided submission can be: the states whose receipt (or notice) may be pending. */
const DECIDED: readonly SubmissionState[] = ["ACCEPTED", "REJECTED", "LATE", "SUPERSEDED"];

/**
 * The pending e-mail on the submission items (`mailPending.{key}`, docs/data-model.md). Each change is one
 * conditional update naming the entry by an expression attribute name, so an address's "@" and "." are safe.
 */
export class DynamoPendingMail implements PendingMailStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async deferMail(id: PendingMailId, mail: PendingMail): Promise<void> {
    const entry = storable(mail);
    // Into the existing map; a submission without one gets the map with this entry (a path into a missing map is
    // an error in DynamoDB). Either write loses only to another writer, and then the other one is tried again.
    for (let round = 0; round < 3; round += 1) {
      const into = await this.update(id, {
        ConditionExpression: "attribute_exists(mailPending) AND attribute_not_exists(mailPending.#key)",
        UpdateExpression: "SET mailPending.#key = :mail",
        ExpressionAttributeNames: { "#key": id.key },
        ExpressionAttributeValues: { ":mail": entry },
      });
      if (into.kind === "written") return;
      if (!into.stored) return; // the submission is gone: nothing to keep the message on
      const map = into.stored.mailPending as Record<string, unknown> | undefined;
      if (map && id.key in map) return; // already pending under this key
      if (map) continue; // another writer made the map meanwhile
      const created = await this.update(id, {
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(mailPending)",
        UpdateExpression: "SET mailPending = :map",
        ExpressionAttributeValues: { ":map": { [id.key]: entry } },
      });
      if (created.kind === "written") return;
    }
    throw new Error(`pending mail ${id.key} of ${id.submissionId} not recorded: the item kept changing`);
  }

  async listPendingMail(): Promise<PendingMailRef[]> {
    const refs: PendingMailRef[] = [];
    for (const state of DECIDED) {
      const items = await queryAll(this.doc, {
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :state",
        FilterExpression: "attribute_exists(mailPending)",
        ExpressionAttributeValues: { ":state": statePartition(state) },
      });
      refs.push(...items.map(submissionFromItem).flatMap(pendingOf));
    }
    return refs;
  }

  async claimPendingMail(
    id: PendingMailId,
    claim: { owner: string; now: string; until: string },
  ): Promise<SubmissionRecord | undefined> {
    const outcome = await this.update(id, {
      ConditionExpression:
        "attribute_exists(mailPending.#key) AND " +
        "(attribute_not_exists(mailPending.#key.claimUntil) OR mailPending.#key.claimUntil < :now)",
      UpdateExpression: "SET mailPending.#key.claimOwner = :owner, mailPending.#key.claimUntil = :until",
      ExpressionAttributeNames: { "#key": id.key },
      ExpressionAttributeValues: { ":owner": claim.owner, ":now": claim.now, ":until": claim.until },
      ReturnValues: "ALL_NEW",
    });
    return outcome.kind === "written" ? submissionFromItem(outcome.attributes ?? {}) : undefined;
  }

  async completePendingMail(
    id: PendingMailId,
    owner: string,
    at: string,
  ): Promise<SubmissionRecord | undefined> {
    const held = "mailPending.#key.claimOwner = :owner";
    const names = { "#key": id.key };
    const receipt = id.key === "receipt";
    const address = receipt ? "" : id.key.slice("reviewer:".length);
    const marked = await this.update(
      id,
      receipt
        ? {
            ConditionExpression: held,
            UpdateExpression: "SET receiptSentAt = if_not_exists(receiptSentAt, :at) REMOVE mailPending.#key",
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ":owner": owner, ":at": at },
            ReturnValues: "ALL_NEW",
          }
        : {
            ConditionExpression: `${held} AND NOT contains(reviewersNotified, :address)`,
            UpdateExpression:
              "SET reviewersNotified = list_append(if_not_exists(reviewersNotified, :none), :one) " +
              "REMOVE mailPending.#key",
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: {
              ":owner": owner,
              ":address": address,
              ":none": [],
              ":one": [address],
            },
            ReturnValues: "ALL_NEW",
          },
    );
    if (marked.kind === "written") return submissionFromItem(marked.attributes ?? {});
    if (receipt) return undefined;
    // The reviewer is listed already (processing got there first): only the entry goes.
    const removed = await this.update(id, {
      ConditionExpression: held,
      UpdateExpression: "REMOVE mailPending.#key",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":owner": owner },
      ReturnValues: "ALL_NEW",
    });
    return removed.kind === "written" ? submissionFromItem(removed.attributes ?? {}) : undefined;
  }

  async failPendingMail(id: PendingMailId, owner: string, mail: PendingMail): Promise<void> {
    await this.update(id, {
      ConditionExpression: "mailPending.#key.claimOwner = :owner",
      UpdateExpression: "SET mailPending.#key = :mail",
      ExpressionAttributeNames: { "#key": id.key },
      ExpressionAttributeValues: { ":owner": owner, ":mail": storable(mail) },
    });
  }

  private update(
    id: PendingMailId,
    change: Omit<UpdateCommandInput, "TableName" | "Key">,
  ): Promise<WriteOutcome> {
    return conditionalWrite(this.doc, {
      update: { ...change, TableName: this.tableName, Key: submissionKey(id.schoolId, id.submissionId) },
    });
  }
}
