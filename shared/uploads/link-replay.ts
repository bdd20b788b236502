import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
} from "@aws-lambda-powertools/idempotency";
import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";

/**
 * `Idempotency-Key` on POST /api/upload-links: on deadline day a school's network drops mid-request and the browser
 * or curl retries. The same key with the same request returns the link already issued (one PENDING record, one
 * link); the same key with a different request is a client bug, answered 409. A remembered link is forgotten
 * once it expires, so a key reused later simply gets a new link. The flow is Powertools' idempotency utility; the
 * store is any of its persistence layers (DynamoDB in the stack, in memory in the unit tests).
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The store of issued links: a Powertools persistence layer, configured by `replayable` on first use. */
export type IssuedLinkStore = BasePersistenceLayer;

/** What identifies a keyed request: the key is scoped to the school; the request is the fields that decide the link. */
export interface KeyedRequest {
  schoolId: string;
  idempotencyKey: string;
  request: [fileName: string, documentType: string, size: number];
}

/** How long a crashed request keeps its key locked before a retry may take it over (the function's timeout). */
const IN_PROGRESS_MS = 30_000;

/**
 * Powertools' settings for the upload link: the idempotency key is the school and its key, the payload hash is the
 * request (another request under the key fails validation), and a record lives as long as the link it holds.
 */
export function linkIdempotencyConfig(linkSeconds: number): IdempotencyConfig {
  return new IdempotencyConfig({
    eventKeyJmesPath: "[schoolId, idempotencyKey]",
    payloadValidationJmesPath: "request",
    expiresAfterSeconds: linkSeconds,
    throwOnNoIdempotencyKey: true,
  });
}

/** The time left to the request; Powertools sets the in-progress lock's expiry from it. */
export const REQUEST_BUDGET = { getRemainingTimeInMillis: () => IN_PROGRESS_MS };
export type RequestBudget = typeof REQUEST_BUDGET;

export type ReplayRefusal = "key-reused" | "in-progress";

/** The refusals of the idempotency utility, named; undefined for any other error. */
export function replayRefusalOf(error: unknown): ReplayRefusal | undefined {
  if (error instanceof IdempotencyValidationError) return "key-reused";
  if (error instanceof IdempotencyAlreadyInProgressError) return "in-progress";
  return undefined;
}
