/**
 * The submission store's single-table layout: key builders and record ↔ item mapping. No I/O here.
 * docs/data-model.md describes every item type and the conditional writes over them.
 */
import { z } from "zod";
import { SchoolLevel } from "../call/schema.ts";
import type { FindingCode } from "../checks/codes.ts";
import { type FindingField, SEVERITIES } from "../checks/finding.ts";
import type { ApplicationPointer, SchoolRecord, SubmissionRecord } from "../submissions/records.ts";
import { SUBMISSION_STATES, type SubmissionState } from "../submissions/states.ts";
import { applicationOrderKey } from "../submissions/transitions.ts";

export { applicationOrderKey };

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

// A type alias, not an interface: it must be assignable to the document client's `Record<string, …>` keys.
export type ItemKey = { pk: string; sk: string };

export const GSI1 = "gsi1";

/** The GSI partition that lists every school (a few hundred items: one partition is plenty). */
export const SCHOOLS_PARTITION = "SCHOOLS";
export const SUBMISSION_SK_PREFIX = "SUB#";

/**
 * Ids are credit codes, ULIDs, hex hashes and lower-case document-type ids: none can contain "#", so the
 * concatenated keys below cannot collide.
 */
export function schoolKey(schoolId: string): ItemKey {
  return { pk: `SCHOOL#${schoolId}`, sk: "PROFILE" };
}

export function tokenKey(tokenHash: string): ItemKey {
  return { pk: `TOKEN#${tokenHash}`, sk: "TOKEN" };
}

/** In the school's own partition, so one Query lists a school's submissions in ULID (= creation) order. */
export function submissionKey(schoolId: string, submissionId: string): ItemKey {
  return { pk: `SCHOOL#${schoolId}`, sk: `${SUBMISSION_SK_PREFIX}${submissionId}` };
}

export function applicationKey(schoolId: string, documentType: string): ItemKey {
  return { pk: `SCHOOL#${schoolId}`, sk: `APP#${documentType}` };
}

/** Every state change rewrites this together with `state`, so the operators' by-state listing never lags. */
export function statePartition(state: SubmissionState): string {
  return `STATE#${state}`;
}

export function schoolItem(school: SchoolRecord): Item {
  return {
    ...storable(school),
    ...schoolKey(school.schoolId),
    entity: "school",
    gsi1pk: SCHOOLS_PARTITION,
    gsi1sk: `${school.name}#${school.schoolId}`,
  };
}

/** Only an index from a token hash to its school; the school item stays the authority on which token is valid. */
export function tokenItem(tokenHash: string, schoolId: string, issuedAt: string): Item {
  return { ...tokenKey(tokenHash), entity: "token", schoolId, issuedAt };
}

export function submissionItem(submission: SubmissionRecord): Item {
  return {
    ...storable(submission),
    ...submissionKey(submission.schoolId, submission.submissionId),
    entity: "submission",
    gsi1pk: statePartition(submission.state),
    gsi1sk: `${submission.createdAt}#${submission.submissionId}`,
  };
}

export function applicationItem(pointer: ApplicationPointer): Item {
  return {
    ...storable(pointer),
    ...applicationKey(pointer.schoolId, pointer.documentType),
    entity: "application",
    orderKey: applicationOrderKey(pointer.currentUploadedAt, pointer.currentSubmissionId),
  };
}

/** A stored item that does not have the shape its type needs (written by hand, or by an incompatible version). */
export class MalformedItem extends Error {
  override readonly name = "MalformedItem";
  constructor(
    readonly entity: string,
    readonly key: Partial<ItemKey>,
    options?: ErrorOptions,
  ) {
    super(`stored ${entity} item ${key.pk ?? "?"} / ${key.sk ?? "?"} is malformed`, options);
  }
}

// The records' shapes as read back. Unknown attributes (the layout's keys, the processing lease) are dropped by
// parsing. Codes and fields stay open strings: a verdict recorded under an older rule set must still be readable.
const SchoolSchema = z.object({
  schoolId: z.string(),
  name: z.string(),
  creditCode: z.string(),
  level: SchoolLevel,
  contactName: z.string(),
  email: z.string(),
  phone: z.string(),
  tokenHash: z.string(),
  tokenIssuedAt: z.string(),
  status: z.enum(["active", "revoked"]),
  createdAt: z.string(),
  formSavedAt: z.string().optional(),
}) satisfies z.ZodType<SchoolRecord>;

const FindingSchema = z.object({
  code: z.custom<FindingCode>((value) => typeof value === "string"),
  severity: z.enum(SEVERITIES),
  field: z.custom<FindingField>((value) => typeof value === "string"),
  message: z.string(),
  fix: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});

const VerdictSchema = z.object({
  state: z.enum(["ACCEPTED", "REJECTED", "LATE"]),
  size: z.number(),
  sha256: z.string(),
  pageCount: z.number().nullable(),
  findings: z.array(FindingSchema),
  receiptNumber: z.string(),
  processedAt: z.string(),
  version: z.number().optional(),
  replaces: z.string().optional(),
});

const PendingMailSchema = z.object({
  kind: z.enum(["receipt", "reviewer"]),
  email: z.object({ to: z.string(), subject: z.string(), text: z.string(), html: z.string() }),
  reason: z.string(),
  attempts: z.number(),
  firstFailedAt: z.string(),
  lastAttemptAt: z.string(),
  nextAttemptAt: z.string().optional(),
  claimOwner: z.string().optional(),
  claimUntil: z.string().optional(),
});

const SubmissionSchema = z.object({
  submissionId: z.string(),
  schoolId: z.string(),
  callId: z.string(),
  documentType: z.string(),
  fileName: z.string(),
  objectKey: z.string(),
  declaredSize: z.number(),
  state: z.enum(SUBMISSION_STATES),
  createdAt: z.string(),
  linkExpiresAt: z.string(),
  school: z
    .object({
      name: z.string(),
      level: SchoolLevel,
      contactName: z.string(),
      email: z.string(),
      hasForm: z.boolean().optional(),
    })
    .optional(),
  objectVersion: z.string().optional(),
  uploadedAt: z.string().optional(),
  processingStartedAt: z.string().optional(),
  verdict: VerdictSchema.optional(),
  supersededBy: z.string().optional(),
  supersededAt: z.string().optional(),
  receiptSentAt: z.string().optional(),
  reviewersNotified: z.array(z.string()).optional(),
  reviewersNotifiedAt: z.string().optional(),
  mailPending: z.record(z.string(), PendingMailSchema).optional(),
  reviewerLinks: z
    .record(
      z.string(),
      z.object({
        reviewer: z.string(),
        createdAt: z.string(),
        expiresAt: z.string(),
        revokedAt: z.string().optional(),
        downloads: z.number(),
        lastAccessAt: z.string().optional(),
      }),
    )
    .optional(),
}) satisfies z.ZodType<SubmissionRecord>;

const ApplicationSchema = z.object({
  schoolId: z.string(),
  documentType: z.string(),
  currentSubmissionId: z.string(),
  currentUploadedAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<ApplicationPointer>;

const TokenSchema = z.object({ schoolId: z.string() });

/** Parses a stored item into its record. @throws MalformedItem, with the validation error as its cause. */
function parseItem<T>(schema: z.ZodType<T>, entity: string, item: Item): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const key = { pk: String(item.pk ?? "?"), sk: String(item.sk ?? "?") };
  throw new MalformedItem(entity, key, { cause: parsed.error });
}

export function schoolFromItem(item: Item): SchoolRecord {
  return parseItem(SchoolSchema, "school", item);
}

export function submissionFromItem(item: Item): SubmissionRecord {
  const { mailPending, ...record } = parseItem(SubmissionSchema, "submission", item);
  // A sent message's entry is removed; a map left empty reads as none.
  return mailPending && Object.keys(mailPending).length > 0 ? { ...record, mailPending } : record;
}

export function applicationFromItem(item: Item): ApplicationPointer {
  return parseItem(ApplicationSchema, "application", item);
}

export function tokenSchoolId(item: Item): string {
  return parseItem(TokenSchema, "token", item).schoolId;
}

/**
 * Drops `undefined` (optional fields left unset, e.g. a finding's `expected`) at any depth. The document client
 * rejects undefined unless it was built with `removeUndefinedValues`; doing it here means the repositories work with
 * whatever client they are given.
 */
export function storable<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((entry) => entry !== undefined).map(storable) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
    return Object.fromEntries(entries.map(([name, entry]) => [name, storable(entry)])) as T;
  }
  return value;
}
