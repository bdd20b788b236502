import { createHash } from "node:crypto";
import type { UploadLinkRequest } from "./upload-link-request.ts";

/**
 * `Idempotency-Key` on POST /api/upload-links: on deadline day a school's network drops mid-request and the browser
 * or curl retries. The same key with the same request returns the link already issued (one PENDING record, one
 * link); the same key with a different request is a client bug, answered 409. A remembered link is forgotten
 * once it expires, so a key reused later simply gets a new link.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface IssuedLink {
  requestHash: string;
  /** The 201 body that was returned. */
  response: Record<string, unknown>;
  /** When the link it holds expires (ISO 8601). */
  expiresAt: string;
}

export interface IssuedLinkStore {
  find(schoolId: string, key: string): Promise<IssuedLink | undefined>;
  /** Remembers a link unless an unexpired one is remembered under the key already; false then. */
  remember(schoolId: string, key: string, link: IssuedLink, now: Date): Promise<boolean>;
}

/** The request's identity: the fields that decide what link is issued, in a fixed order. */
export function requestHash(request: UploadLinkRequest, documentType: string): string {
  const canonical = JSON.stringify([request.fileName, documentType, request.size]);
  return createHash("sha256").update(canonical).digest("hex");
}

export type Replay =
  | { kind: "none" }
  | { kind: "replay"; response: Record<string, unknown> }
  | { kind: "conflict" };

/** What a remembered link means for this request at this moment. */
export function replayOf(remembered: IssuedLink | undefined, hash: string, now: Date): Replay {
  if (!remembered || Date.parse(remembered.expiresAt) <= now.getTime()) return { kind: "none" };
  return remembered.requestHash === hash
    ? { kind: "replay", response: remembered.response }
    : { kind: "conflict" };
}
