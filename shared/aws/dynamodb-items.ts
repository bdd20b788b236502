/**
 * The submission store's single-table layout: key builders and record ↔ item mapping. No I/O here.
 * docs/data-model.md describes every item type and the conditional writes over them.
 */
import type { ApplicationPointer, SchoolRecord, SubmissionRecord } from "../submissions/records.ts";
import type { SubmissionState } from "../submissions/states.ts";

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

/**
 * The application pointer's ordering: upload time, ties broken by submission id. Normalized through Date so that
 * "…:00Z" and "…:00.000Z" compare as equal instants; a plain string comparison would order them by punctuation.
 */
export function applicationOrderKey(uploadedAt: string, submissionId: string): string {
  return `${new Date(uploadedAt).toISOString()}#${submissionId}`;
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

// Items are written only through the functions above, so reading them back needs no validation beyond
// removing what the layout added.
export function schoolFromItem(item: Item): SchoolRecord {
  return withoutLayout(item) as unknown as SchoolRecord;
}

export function submissionFromItem(item: Item): SubmissionRecord {
  return withoutLayout(item) as unknown as SubmissionRecord;
}

export function applicationFromItem(item: Item): ApplicationPointer {
  return withoutLayout(item) as unknown as ApplicationPointer;
}

export function tokenSchoolId(item: Item): string {
  return String(item.schoolId);
}

// The processing lease (leaseOwner, leaseUntil) is coordination between deliveries, not part of any record.
const LAYOUT_ATTRIBUTES = new Set([
  "pk",
  "sk",
  "gsi1pk",
  "gsi1sk",
  "entity",
  "orderKey",
  "leaseOwner",
  "leaseUntil",
]);

function withoutLayout(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !LAYOUT_ATTRIBUTES.has(name)));
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
