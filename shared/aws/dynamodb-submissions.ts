import { type DynamoDBDocumentClient, GetCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { PendingMail, PendingMailId, PendingMailRef } from "../mail/pending-mail.ts";
import {
  SubmissionAlreadyExists,
  SubmissionNotFound,
  SubmissionStateConflict,
  SubmissionTaken,
} from "../submissions/errors.ts";
import type {
  ApplicationPointer,
  ReviewerLinkEntry,
  SubmissionRecord,
  SubmissionVerdict,
} from "../submissions/records.ts";
import type {
  ClaimOutcome,
  FinalMark,
  LeaseOutcome,
  PlacedApplication,
  SubmissionRepository,
  TakenLease,
} from "../submissions/repository.ts";
import type { SubmissionState } from "../submissions/states.ts";
import {
  changeWhenLost,
  claimedVerdictWhenLost,
  classifyClaim,
  type Lease,
  leaseWhenLost,
  remainingMark,
  type SentMark,
  type VerdictClaim,
  verdictWhenLost,
} from "../submissions/transitions.ts";
import {
  applicationFromItem,
  applicationItem,
  applicationKey,
  GSI1,
  type Item,
  SUBMISSION_SK_PREFIX,
  statePartition,
  storable,
  submissionFromItem,
  submissionItem,
  submissionKey,
} from "./dynamodb-items.ts";
import { DynamoPendingMail } from "./dynamodb-pending-mail.ts";
import { conditionalWrite, queryAll, type WriteOutcome } from "./dynamodb-table.ts";

/**
 * Submissions and application pointers over the shared table: storage only. Every state change is one conditional
 * write on one item, which DynamoDB (and dynalite) apply atomically; each ConditionExpression states a condition of
 * shared/submissions/transitions.ts, and when one fails, the function there decides from the stored item what the
 * loss means (a redelivery: return what is stored; another writer won: a named error). The in-memory store of the
 * unit tests applies the same functions, and both pass one contract (test/integration/repository).
 */
export class DynamoSubmissionRepository implements SubmissionRepository {
  private readonly pendingMail: DynamoPendingMail;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { pageSize?: number } = {},
  ) {
    this.pendingMail = new DynamoPendingMail(doc, tableName);
  }

  async createPending(submission: SubmissionRecord): Promise<void> {
    const outcome = await conditionalWrite(this.doc, {
      put: {
        TableName: this.tableName,
        Item: submissionItem(submission),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    });
    if (outcome.kind === "lost") {
      throw new SubmissionAlreadyExists(submission.submissionId, { cause: outcome.cause });
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
   * Only a PENDING item can be claimed (canClaim), and the claim writes the object version in the same atomic step,
   * so of two racing deliveries of different versions exactly one gets past the condition; the loser reads the
   * winner's version and is told `other-version` (classifyClaim). Two deliveries of the same version may both come
   * back `claimed`: the claim fences versions, it is not a lock, and the work it guards is pure up to recordVerdict.
   */
  async claim(
    schoolId: string,
    submissionId: string,
    claim: { objectVersion: string; uploadedAt: string; now: string },
  ): Promise<ClaimOutcome> {
    const outcome = await this.updateSubmission(schoolId, submissionId, firstClaim(claim));
    if (outcome.kind === "written")
      return { kind: "claimed", submission: submissionFromItem(outcome.attributes ?? {}) };
    const decision = classifyClaim(storedSubmission(outcome.stored), claim);
    // A lost claim never finds PENDING: no state returns to it.
    if (decision.kind === "write")
      throw new SubmissionStateConflict(submissionId, "claimed", { cause: outcome.cause });
    return decision;
  }

  /**
   * The first verdict for the claimed version wins. A repeated call (a redelivery that redid the pure work) gets the
   * stored record back, not its own: the receipt must report what was recorded, even if `processedAt` differs.
   *
   * With `claim`, one UpdateItem fences the object version, records the verdict and takes the lease: of two
   * deliveries racing to it (duplicates of one upload, or two versions through one link) exactly one gets past the
   * condition. The loser reads the item back (conditionalWrite's GetItem, on this rare path only) and is told why
   * (transitions.ts: claimedVerdictWhenLost).
   */
  async recordVerdict(
    schoolId: string,
    submissionId: string,
    objectVersion: string,
    verdict: SubmissionVerdict,
    claim?: VerdictClaim,
    reviewerLinks?: Readonly<Record<string, ReviewerLinkEntry>>,
  ): Promise<SubmissionRecord> {
    // The reviewers' links ride on the verdict's write (no request of their own); a verdict is recorded once, so
    // the map is new here.
    const links = reviewerLinks && Object.keys(reviewerLinks).length > 0 ? reviewerLinks : undefined;
    const outcome = await this.updateSubmission(
      schoolId,
      submissionId,
      claim
        ? claimedVerdictChange(objectVersion, verdict, claim, links)
        : verdictChange(objectVersion, verdict, links),
    );
    if (outcome.kind === "written") return submissionFromItem(outcome.attributes ?? {});
    const stored = storedSubmission(outcome.stored);
    if (claim) {
      const lost = claimedVerdictWhenLost(stored, leaseOf(outcome.stored), objectVersion, claim.owner);
      if (lost.kind === "already-recorded") return lost.submission;
      if (lost.kind === "not-found") throw new SubmissionNotFound(submissionId, { cause: outcome.cause });
      const by = lost.kind === "other-version" ? "another-version" : "another-delivery";
      throw new SubmissionTaken(submissionId, by, { cause: outcome.cause });
    }
    const lost = verdictWhenLost(stored, objectVersion);
    if (lost.kind === "already-recorded") return lost.submission;
    if (lost.kind === "not-found") throw new SubmissionNotFound(submissionId, { cause: outcome.cause });
    throw new SubmissionStateConflict(submissionId, `PROCESSING object version ${objectVersion}`, {
      cause: outcome.cause,
    });
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
   * The pointer only moves forward in (upload time, submission id) order (transitions.ts: advances), whatever order
   * workers finish in: an older upload decided late, or a redelivery of the current one, fails the condition and
   * gets the pointer that stands, which is then the answer.
   */
  async advanceApplication(pointer: ApplicationPointer): Promise<ApplicationPointer> {
    return (await this.placeApplication(pointer)).pointer;
  }

  /** The same write, returning the item it replaced (ALL_OLD): none means this call created the pointer. */
  async placeApplication(pointer: ApplicationPointer): Promise<PlacedApplication> {
    const item = applicationItem(pointer);
    const outcome = await conditionalWrite(this.doc, {
      put: {
        TableName: this.tableName,
        Item: item,
        ConditionExpression: "attribute_not_exists(pk) OR orderKey < :orderKey",
        ExpressionAttributeValues: { ":orderKey": item.orderKey },
        ReturnValues: "ALL_OLD",
      },
    });
    if (outcome.kind === "written") {
      return { pointer: applicationFromItem(item), created: outcome.attributes === undefined };
    }
    // Only someone deleting the pointer by hand between the two calls makes it vanish; then there is no rival.
    return outcome.stored
      ? { pointer: applicationFromItem(outcome.stored), created: false }
      : this.placeApplication(pointer);
  }

  /** `supersededAt` keeps its first value, so a repeated call changes nothing (transitions.ts: canSupersede). */
  async markSuperseded(schoolId: string, submissionId: string, by: string, at: string): Promise<void> {
    await this.change(schoolId, submissionId, `ACCEPTED (or SUPERSEDED by ${by})`, {
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

  async markReceiptSent(schoolId: string, submissionId: string, at: string, then?: FinalMark): Promise<void> {
    await this.mark(schoolId, submissionId, { receiptSentAt: at, ...then });
  }

  async markReviewersNotified(schoolId: string, submissionId: string, at: string): Promise<void> {
    await this.setOnce(schoolId, submissionId, "reviewersNotifiedAt", at);
  }

  /** Appends the address unless it is listed already (then only the rest of the mark, if any, is written). */
  async markReviewerNotified(
    schoolId: string,
    submissionId: string,
    address: string,
    then?: FinalMark,
  ): Promise<void> {
    await this.mark(schoolId, submissionId, { reviewer: address, ...then });
  }

  /**
   * One UpdateItem for a mark. When its condition fails, the stored item says which parts are done already or no
   * longer this owner's (transitions.ts: remainingMark), and the rest is written; a missing item is an error.
   */
  private async mark(schoolId: string, submissionId: string, first: SentMark): Promise<void> {
    let mark = first;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const change = markChange(mark);
      if (!change) return;
      const outcome = await this.updateSubmission(schoolId, submissionId, change);
      if (outcome.kind === "written") return;
      const stored = storedSubmission(outcome.stored);
      if (!stored) throw new SubmissionNotFound(submissionId, { cause: outcome.cause });
      const rest = remainingMark(stored, leaseOf(outcome.stored), mark);
      if (JSON.stringify(rest) === JSON.stringify(mark)) {
        throw new SubmissionStateConflict(submissionId, "present", { cause: outcome.cause });
      }
      mark = rest;
    }
    throw new SubmissionStateConflict(submissionId, "present");
  }

  // E-mail not yet sent, on the submission item (shared/aws/dynamodb-pending-mail.ts).
  deferMail(id: PendingMailId, mail: PendingMail): Promise<void> {
    return this.pendingMail.deferMail(id, mail);
  }

  listPendingMail(): Promise<PendingMailRef[]> {
    return this.pendingMail.listPendingMail();
  }

  claimPendingMail(
    id: PendingMailId,
    claim: { owner: string; now: string; until: string },
  ): Promise<SubmissionRecord | undefined> {
    return this.pendingMail.claimPendingMail(id, claim);
  }

  completePendingMail(id: PendingMailId, owner: string, at: string): Promise<SubmissionRecord | undefined> {
    return this.pendingMail.completePendingMail(id, owner, at);
  }

  failPendingMail(id: PendingMailId, owner: string, mail: PendingMail): Promise<void> {
    return this.pendingMail.failPendingMail(id, owner, mail);
  }

  /**
   * One conditional write: free, lapsed, or already this owner's (transitions.ts: canTakeLease). The lease lives on
   * the submission item, outside the record (parsing drops its attributes), and times are ISO 8601 UTC, which
   * compare as strings.
   */
  async acquireLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<LeaseOutcome> {
    const outcome = await this.updateSubmission(schoolId, submissionId, leaseChange(lease));
    return outcome.kind === "written" ? "acquired" : leaseWhenLost(outcome.stored !== undefined);
  }

  /** `acquireLease`'s write, returning the item as it stands with the lease taken (ALL_NEW). */
  async takeLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<TakenLease> {
    const outcome = await this.updateSubmission(schoolId, submissionId, {
      ...leaseChange(lease),
      ReturnValues: "ALL_NEW",
    });
    if (outcome.kind === "written") {
      return { kind: "acquired", submission: submissionFromItem(outcome.attributes ?? {}) };
    }
    return outcome.stored ? { kind: "held-by-another" } : { kind: "not-found" };
  }

  /** A lost condition means another owner holds the lease now: nothing to release. */
  async releaseLease(schoolId: string, submissionId: string, owner: string): Promise<void> {
    await this.updateSubmission(schoolId, submissionId, {
      ConditionExpression: "leaseOwner = :owner",
      UpdateExpression: "REMOVE leaseOwner, leaseUntil",
      ExpressionAttributeValues: { ":owner": owner },
    });
  }

  /** Records when a side effect first completed; later calls keep the first time. */
  private async setOnce(
    schoolId: string,
    submissionId: string,
    attribute: "receiptSentAt" | "reviewersNotifiedAt",
    at: string,
  ): Promise<void> {
    await this.change(schoolId, submissionId, "present", {
      ConditionExpression: "attribute_exists(pk)",
      UpdateExpression: "SET #at = if_not_exists(#at, :at)",
      ExpressionAttributeNames: { "#at": attribute },
      ExpressionAttributeValues: { ":at": at },
    });
  }

  /** A conditional change whose loss means a missing item or, if the item exists, a state conflict. */
  private async change(
    schoolId: string,
    submissionId: string,
    expected: string,
    change: Omit<UpdateCommandInput, "TableName" | "Key">,
  ): Promise<void> {
    const outcome = await this.updateSubmission(schoolId, submissionId, change);
    if (outcome.kind === "written") return;
    if (changeWhenLost(storedSubmission(outcome.stored)) === "not-found") {
      throw new SubmissionNotFound(submissionId, { cause: outcome.cause });
    }
    throw new SubmissionStateConflict(submissionId, expected, { cause: outcome.cause });
  }

  private updateSubmission(
    schoolId: string,
    submissionId: string,
    change: Omit<UpdateCommandInput, "TableName" | "Key">,
  ): Promise<WriteOutcome> {
    return conditionalWrite(this.doc, {
      update: { ...change, TableName: this.tableName, Key: submissionKey(schoolId, submissionId) },
    });
  }
}

/** The lease can be taken: free, this owner's already (its message redelivered), or lapsed (transitions.ts). */
const LEASE_FREE = "(attribute_not_exists(leaseOwner) OR leaseOwner = :owner OR leaseUntil < :now)";

function leaseOf(item: Item | undefined): Lease | undefined {
  return typeof item?.leaseOwner === "string" && typeof item.leaseUntil === "string"
    ? { owner: item.leaseOwner, until: item.leaseUntil }
    : undefined;
}

/** A mark as one UpdateItem (undefined when nothing is left to write). */
function markChange(mark: SentMark): Omit<UpdateCommandInput, "TableName" | "Key"> | undefined {
  const conditions = ["attribute_exists(pk)"];
  const set: string[] = [];
  const values: Record<string, unknown> = {};
  if (mark.receiptSentAt) {
    set.push("receiptSentAt = if_not_exists(receiptSentAt, :receiptAt)");
    values[":receiptAt"] = mark.receiptSentAt;
  }
  if (mark.reviewer !== undefined) {
    conditions.push("NOT contains(reviewersNotified, :address)");
    set.push("reviewersNotified = list_append(if_not_exists(reviewersNotified, :none), :one)");
    Object.assign(values, { ":address": mark.reviewer, ":none": [], ":one": [mark.reviewer] });
  }
  if (mark.reviewersNotifiedAt) {
    set.push("reviewersNotifiedAt = if_not_exists(reviewersNotifiedAt, :notifiedAt)");
    values[":notifiedAt"] = mark.reviewersNotifiedAt;
  }
  if (mark.releaseLease !== undefined) {
    conditions.push("leaseOwner = :owner");
    values[":owner"] = mark.releaseLease;
  }
  if (set.length === 0 && mark.releaseLease === undefined) return undefined;
  return {
    ConditionExpression: conditions.join(" AND "),
    UpdateExpression: [
      set.length > 0 ? `SET ${set.join(", ")}` : "",
      mark.releaseLease !== undefined ? "REMOVE leaseOwner, leaseUntil" : "",
    ]
      .filter(Boolean)
      .join(" "),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

function storedSubmission(item: Item | undefined): SubmissionRecord | undefined {
  return item ? submissionFromItem(item) : undefined;
}

/** The first claim's write: PENDING → PROCESSING with the object version, upload time and start time (ALL_NEW). */
function firstClaim(claim: { objectVersion: string; uploadedAt: string; now: string }) {
  return {
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
    ReturnValues: "ALL_NEW" as const,
  };
}

/** The verdict on the claimed version (PROCESSING), returning the new record. */
/** The verdict on a PROCESSING submission of this version, with the reviewers' links when there are any. */
function verdictChange(
  objectVersion: string,
  verdict: SubmissionVerdict,
  links?: Readonly<Record<string, ReviewerLinkEntry>>,
) {
  return {
    ConditionExpression: "#state = :processing AND objectVersion = :version",
    UpdateExpression: `SET #state = :state, gsi1pk = :gsi1pk, verdict = :verdict${links ? ", reviewerLinks = :links" : ""}`,
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":processing": "PROCESSING",
      ":version": objectVersion,
      ":state": verdict.state,
      ":gsi1pk": statePartition(verdict.state),
      ":verdict": storable(verdict),
      ...(links ? { ":links": storable({ ...links }) } : {}),
    },
    ReturnValues: "ALL_NEW" as const,
  };
}

/**
 * The verdict with the claim (transitions.ts: canRecordClaimedVerdict): no verdict yet (PENDING, or PROCESSING for
 * this version) and the lease free, lapsed or this owner's; sets the version, the upload time, the first start time,
 * the verdict and the lease. The condition is also false when the item is missing, so it never creates one.
 */
function claimedVerdictChange(
  objectVersion: string,
  verdict: SubmissionVerdict,
  claim: VerdictClaim,
  links?: Readonly<Record<string, ReviewerLinkEntry>>,
) {
  const change = verdictChange(objectVersion, verdict, links);
  return {
    ...change,
    ConditionExpression: `(#state = :pending OR (#state = :processing AND objectVersion = :version)) AND ${LEASE_FREE}`,
    UpdateExpression:
      `${change.UpdateExpression}, objectVersion = :version, uploadedAt = :uploadedAt, ` +
      "processingStartedAt = if_not_exists(processingStartedAt, :now), leaseOwner = :owner, leaseUntil = :until",
    ExpressionAttributeValues: {
      ...change.ExpressionAttributeValues,
      ":pending": "PENDING",
      ":uploadedAt": claim.uploadedAt,
      ":now": claim.now,
      ":owner": claim.owner,
      ":until": claim.until,
    },
  };
}

/** The lease alone, on an existing item (transitions.ts: canTakeLease). */
function leaseChange(lease: { owner: string; now: string; until: string }) {
  return {
    ConditionExpression: `attribute_exists(pk) AND ${LEASE_FREE}`,
    UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until",
    ExpressionAttributeValues: { ":owner": lease.owner, ":now": lease.now, ":until": lease.until },
  };
}
