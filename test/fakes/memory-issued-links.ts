/**
 * The issued-link store in memory: a Powertools persistence layer with the DynamoDB layer's put rule (a record is
 * written unless an unexpired one is stored under the key, or an in-progress one whose lock has not run out).
 * `beforePut` lets a test slip a concurrent retry's record in just before this request's put.
 */
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
} from "@aws-lambda-powertools/idempotency";
import { BasePersistenceLayer, IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";

export class MemoryIssuedLinkStore extends BasePersistenceLayer {
  readonly records = new Map<string, IdempotencyRecord>();
  beforePut?: (record: IdempotencyRecord) => Promise<void>;

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.records.get(idempotencyKey);
    if (!record) throw new IdempotencyItemNotFoundError();
    return copy(record);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    await this.beforePut?.(record);
    const stored = this.records.get(record.idempotencyKey);
    const now = Date.now();
    const free =
      !stored ||
      (stored.expiryTimestamp ?? 0) < now / 1000 ||
      (stored.getStatus() === "INPROGRESS" &&
        stored.inProgressExpiryTimestamp !== undefined &&
        stored.inProgressExpiryTimestamp < now);
    if (!free) throw new IdempotencyItemAlreadyExistsError(`already stored: ${record.idempotencyKey}`);
    this.records.set(record.idempotencyKey, copy(record));
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const stored = this.records.get(record.idempotencyKey);
    this.records.set(
      record.idempotencyKey,
      new IdempotencyRecord({
        idempotencyKey: record.idempotencyKey,
        status: record.getStatus(),
        expiryTimestamp: record.expiryTimestamp,
        inProgressExpiryTimestamp: stored?.inProgressExpiryTimestamp,
        responseData: structuredClone(record.responseData),
        payloadHash: record.payloadHash,
      }),
    );
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }
}

function copy(record: IdempotencyRecord): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey: record.idempotencyKey,
    status: record.getStatus(),
    expiryTimestamp: record.expiryTimestamp,
    inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
    responseData: structuredClone(record.responseData),
    payloadHash: record.payloadHash,
  });
}
