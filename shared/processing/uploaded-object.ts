import { S3Schema } from "@aws-lambda-powertools/parser/schemas";
import { z } from "zod";
import { decodeS3EventKey } from "../submissions/object-key.ts";

/** One S3 ObjectCreated record, as far as processing cares. */
export interface UploadedObject {
  bucket: string;
  /** Decoded: the key exactly as it was written. */
  key: string;
  size: number;
  eTag: string;
  versionId?: string;
  sequencer: string;
  /** When S3 received the object: the moment that counts against the deadline. */
  eventTime: string;
}

// S3 sends this once when a notification is configured; it carries no object.
const S3TestEvent = z.object({ Event: z.literal("s3:TestEvent") });

/**
 * The ObjectCreated records in one SQS message body, validated by Powertools' S3 event schema. Test events and other
 * event types yield nothing; a body that is not an S3 event at all throws, so that the message ends in the
 * dead-letter queue for an operator to read.
 */
export function uploadedObjectsFromBody(body: string): UploadedObject[] {
  const json: unknown = JSON.parse(body);
  if (S3TestEvent.safeParse(json).success) return [];
  return S3Schema.parse(json)
    .Records.filter((r) => r.eventName.startsWith("ObjectCreated:"))
    .map((r) => ({
      bucket: r.s3.bucket.name,
      key: decodeS3EventKey(r.s3.object.key),
      size: r.s3.object.size ?? 0,
      eTag: r.s3.object.eTag ?? "",
      ...(r.s3.object.versionId ? { versionId: r.s3.object.versionId } : {}),
      sequencer: r.s3.object.sequencer ?? "",
      eventTime: r.eventTime,
    }));
}

/** The identity of one object version: S3's versionId, or the ETag and sequencer where versioning is off. */
export function objectVersionOf(object: UploadedObject): string {
  return object.versionId ?? `${object.eTag}@${object.sequencer}`;
}

/** The S3 versionId inside a recorded object version, if the bucket had versioning (versionIds never contain '@'). */
export function s3VersionIdOf(objectVersion: string | undefined): string | undefined {
  return objectVersion && !objectVersion.includes("@") ? objectVersion : undefined;
}
