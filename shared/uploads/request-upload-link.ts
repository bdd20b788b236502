import { makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { type UploadLinkView, uploadLinkView } from "../api/upload-link-view.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import { type IssueLinkDeps, type IssueLinkOutcome, issueUploadLink } from "./issue-upload-link.ts";
import {
  type IssuedLinkStore,
  type KeyedRequest,
  linkIdempotencyConfig,
  REQUEST_BUDGET,
  type RequestBudget,
  replayRefusalOf,
} from "./link-replay.ts";
import type { UploadLinkRequest } from "./upload-link-request.ts";

/** The 201 body of POST /api/upload-links, the same whether issued now or replayed for a retried request. */
export type UploadLinkResponse = UploadLinkView;

export interface RequestLinkDeps extends IssueLinkDeps {
  issuedLinks: IssuedLinkStore;
}

type Refusal = Exclude<IssueLinkOutcome, { kind: "issued" }>;

export type RequestLinkOutcome =
  | Refusal
  | { kind: "issued"; response: UploadLinkResponse }
  /** A retried request (same key, same request): the link issued for it before. */
  | { kind: "replayed"; response: Record<string, unknown> }
  /** The key was used for a different request while its link is still valid. */
  | { kind: "key-reused" }
  /** A retry arrived while the request first sent under the key is still being answered. */
  | { kind: "in-progress" };

/** A refusal of issueUploadLink, thrown through the idempotency utility so that it is not remembered. */
class NotIssued extends Error {
  constructor(readonly outcome: Refusal) {
    super(`no link issued: ${outcome.kind}`);
    this.name = "NotIssued";
  }
}

/**
 * A school's request for an upload link, with its optional Idempotency-Key. Without a key a link is simply issued
 * (issueUploadLink). With one, Powertools' idempotency utility locks (school, key) in the store before issuing, so a
 * retry gets the link issued for it and records nothing; a retry racing the first request is told to retry shortly
 * (`in-progress`) instead of issuing a second link. Refusals (deadline, checks) are not remembered.
 */
export async function requestUploadLinkFor(
  school: SchoolRecord,
  request: UploadLinkRequest,
  idempotencyKey: string | undefined,
  now: Date,
  deps: RequestLinkDeps,
): Promise<RequestLinkOutcome> {
  const issue = async (): Promise<UploadLinkResponse> => {
    const outcome = await issueUploadLink(school, request, now, deps);
    if (outcome.kind !== "issued") throw new NotIssued(outcome);
    return uploadLinkView(outcome);
  };
  try {
    if (!idempotencyKey) return { kind: "issued", response: await issue() };
    let issuedNow = false;
    const run = makeIdempotent(
      async (_keyed: KeyedRequest, _budget: RequestBudget) => {
        issuedNow = true;
        return issue();
      },
      { persistenceStore: deps.issuedLinks, config: linkIdempotencyConfig(deps.linkSeconds) },
    );
    const documentType = request.documentType ?? deps.ctx.call.defaultDocumentType;
    const keyed: KeyedRequest = {
      schoolId: school.schoolId,
      idempotencyKey,
      request: [request.fileName, documentType, request.size],
    };
    const response: UploadLinkResponse = await run(keyed, REQUEST_BUDGET);
    return issuedNow ? { kind: "issued", response } : { kind: "replayed", response };
  } catch (error) {
    if (error instanceof NotIssued) return error.outcome;
    const refusal = replayRefusalOf(error);
    if (refusal) return { kind: refusal };
    throw error;
  }
}
