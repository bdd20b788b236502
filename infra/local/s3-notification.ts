/**
 * Turns s3rver's event records into the notifications real S3 sends, and builds S3's test event.
 *
 * s3rver's records differ from S3's where it matters to a handler: the object key is raw (S3 form-URL-encodes it),
 * the bucket ARN reads `arn:aws:s3: : :name`, the region is always us-east-1, and the sequencer is a millisecond
 * clock that repeats within a millisecond.
 */
import { randomBytes } from "node:crypto";
import type { S3Event, S3EventRecord } from "aws-lambda";

/** The body S3 sends to a queue when a notification configuration is created. */
export interface S3TestEvent {
  Service: "Amazon S3";
  Event: "s3:TestEvent";
  Time: string;
  Bucket: string;
  RequestId: string;
  HostId: string;
}

/**
 * A key as S3 writes it into an event: application/x-www-form-urlencoded (Java URLEncoder style: letters, digits and
 * `. - * _` kept, space as `+`, everything else percent-encoded as UTF-8), except that `/` is left as it is.
 * So "uploads/a b+（1）.pdf" becomes "uploads/a+b%2B%EF%BC%881%EF%BC%89.pdf", and
 * `decodeURIComponent(key.replace(/\+/g, " "))` gives the key back.
 */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+")
    .replace(/%2F/g, "/");
}

export interface NotificationOptions {
  region: string;
  /** The notification configuration's id, as named in the bucket's notification configuration. */
  configurationId: string;
  /** Overrides s3rver's event name, e.g. `ObjectCreated:Post` for an object the upload gateway stored by PUT. */
  eventName?: string | undefined;
}

export function toS3Notification(raw: S3Event, options: NotificationOptions): S3Event {
  return { Records: raw.Records.map((record) => toS3Record(record, options)) };
}

function toS3Record(record: S3EventRecord, options: NotificationOptions): S3EventRecord {
  const { bucket, object } = record.s3;
  return {
    ...record,
    eventVersion: "2.1",
    awsRegion: options.region,
    eventName: options.eventName ?? record.eventName,
    s3: {
      ...record.s3,
      configurationId: options.configurationId,
      bucket: { ...bucket, arn: `arn:aws:s3:::${bucket.name}` },
      object: { ...object, key: encodeS3EventKey(object.key), sequencer: nextSequencer() },
    },
  };
}

export function s3TestEvent(bucket: string, now: Date = new Date()): S3TestEvent {
  return {
    Service: "Amazon S3",
    Event: "s3:TestEvent",
    Time: now.toISOString(),
    Bucket: bucket,
    RequestId: randomBytes(8).toString("hex").toUpperCase(),
    HostId: randomBytes(48).toString("base64"),
  };
}

let lastSequencer = 0n;

/** S3's sequencer: hex, fixed width, growing with every event, so later events on a key compare greater. */
function nextSequencer(): string {
  const candidate = BigInt(Date.now()) << 16n;
  lastSequencer = candidate > lastSequencer ? candidate : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase().padStart(18, "0");
}
