import { type UploadLinkView, uploadLinkView } from "../api/upload-link-view.ts";
import type { Finding } from "../checks/finding.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import { type IssueLinkDeps, issueUploadLink } from "./issue-upload-link.ts";
import { type IssuedLinkStore, replayOf, requestHash } from "./link-replay.ts";
import type { UploadLinkRequest } from "./upload-link-request.ts";

/** The 201 body of POST /api/upload-links, the same whether issued now or replayed for a retried request. */
export type UploadLinkResponse = UploadLinkView;

export interface RequestLinkDeps extends IssueLinkDeps {
  issuedLinks: IssuedLinkStore;
}

export type RequestLinkOutcome =
  | { kind: "deadline-passed"; findings: Finding[] }
  | { kind: "checks-failed"; findings: Finding[] }
  | { kind: "issued"; response: UploadLinkResponse }
  /** A retried request (same key, same request): the link issued for it before. */
  | { kind: "replayed"; response: Record<string, unknown> }
  /** The key was used for a different request while its link is still valid. */
  | { kind: "key-reused" };

/**
 * A school's request for an upload link, with its optional Idempotency-Key: a remembered link answers a retry;
 * otherwise a link is issued (issueUploadLink) and remembered under the key. When a concurrent retry remembered its
 * link first, that one is the answer, so both retries return the same link (this PENDING record stays unused).
 */
export async function requestUploadLinkFor(
  school: SchoolRecord,
  request: UploadLinkRequest,
  idempotencyKey: string | undefined,
  now: Date,
  deps: RequestLinkDeps,
): Promise<RequestLinkOutcome> {
  const hash = requestHash(request, request.documentType ?? deps.ctx.call.defaultDocumentType);
  const remembered = async (): Promise<RequestLinkOutcome | undefined> => {
    if (!idempotencyKey) return undefined;
    const replay = replayOf(await deps.issuedLinks.find(school.schoolId, idempotencyKey), hash, now);
    if (replay.kind === "none") return undefined;
    return replay.kind === "conflict"
      ? { kind: "key-reused" }
      : { kind: "replayed", response: replay.response };
  };

  const earlier = await remembered();
  if (earlier) return earlier;
  const outcome = await issueUploadLink(school, request, now, deps);
  if (outcome.kind !== "issued") return outcome;
  const response: UploadLinkResponse = uploadLinkView(outcome);
  if (idempotencyKey) {
    const link = { requestHash: hash, response: { ...response }, expiresAt: outcome.expiresAt };
    if (!(await deps.issuedLinks.remember(school.schoolId, idempotencyKey, link, now))) {
      const raced = await remembered();
      if (raced) return raced;
    }
  }
  return { kind: "issued", response };
}
