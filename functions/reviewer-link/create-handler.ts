import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import { type ReviewerLinkPageKind, reviewerLinkPage } from "../../shared/messages/reviewer-links.ts";
import type { ObjectStore } from "../../shared/processing/ports.ts";
import { hashLinkId, linkRef, looksLikeLinkId } from "../../shared/reviewer-links/link-id.ts";
import { openReviewerLink } from "../../shared/reviewer-links/open-link.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import type { HttpHandler } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

export type ReviewerLinkDeps = Pick<Dependencies, "reviewerLinks" | "clock"> & {
  objects: Pick<ObjectStore, "head" | "presignDownload">;
  logger?: Logger;
};

const NO_STORE = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-robots-tag": "noindex",
};

const PAGE_HEADERS = {
  ...NO_STORE,
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

const STATUS: Record<ReviewerLinkPageKind, number> = {
  "not-found": 404,
  expired: 410,
  revoked: 410,
  "object-missing": 410,
  unavailable: 500,
};

/**
 * GET /r/{linkId}: a reviewer's download. The link id is the credential; a live link is answered with a redirect
 * to a presigned GET of the checked version, signed now and valid for minutes, so the link works for its whole
 * stated life whatever the function's credentials. Every download is logged (the link's reference, never its id)
 * and counted on the link. The id never reaches a log: failures log its reference only.
 */
export function createReviewerLinkHandler(deps: ReviewerLinkDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("reviewer-link");
  return async (event, context) => {
    logger.addContext(context);
    const linkId = event.pathParameters?.linkId ?? "";
    const ref = looksLikeLinkId(linkId) ? linkRef(hashLinkId(linkId)) : undefined;
    try {
      const outcome = await openReviewerLink(linkId, {
        links: deps.reviewerLinks,
        objects: deps.objects,
        clock: deps.clock,
      });
      if (outcome.kind === "not-found") {
        logger.warn("reviewer link not found", { wellFormed: ref !== undefined });
        return page("not-found");
      }
      const { link } = outcome;
      const about = {
        link: linkRef(link.linkHash),
        reviewer: link.reviewer,
        submissionId: link.submissionId,
        schoolId: link.schoolId,
        receiptNumber: link.receiptNumber,
      };
      if (outcome.kind === "gone") {
        logger.warn("reviewer link refused", { ...about, reason: outcome.reason });
        return page(outcome.reason, formatBeijingTime(new Date(link.expiresAt)));
      }
      logger.info("reviewer download", {
        ...about,
        versionId: link.versionId,
        downloads: link.downloads + 1,
        sourceIp: event.requestContext.http.sourceIp,
      });
      return { statusCode: 302, headers: { ...NO_STORE, location: outcome.url }, body: "" };
    } catch (error) {
      logger.error("reviewer link failed", { link: ref, error: error as Error });
      return page("unavailable");
    } finally {
      logger.resetKeys();
    }
  };
}

function page(kind: ReviewerLinkPageKind, expiresAt?: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: STATUS[kind], headers: PAGE_HEADERS, body: reviewerLinkPage(kind, expiresAt) };
}
