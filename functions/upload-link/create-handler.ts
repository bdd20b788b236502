import type { Logger } from "@aws-lambda-powertools/logger";
import { errorResponse, jsonResponse } from "../../shared/api/responses.ts";
import { API_ERROR_TEXT, API_FIELD_LABEL } from "../../shared/messages/api.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import type { UploadSigner } from "../../shared/uploads/issue-upload-link.ts";
import { IDEMPOTENCY_KEY_PATTERN } from "../../shared/uploads/link-replay.ts";
import { requestUploadLinkFor } from "../../shared/uploads/request-upload-link.ts";
import { UploadLinkRequest } from "../../shared/uploads/upload-link-request.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { type HttpHandler, parseJsonBody, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

export type UploadLinkDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "attempts" | "submissions" | "issuedLinks" | "clock"
> & {
  /** Signs the POST of the upload (the bucket in Lambda). */
  objects: UploadSigner;
  config: Pick<Dependencies["config"], "SHENBAO_LINK_SECONDS">;
  logger?: Logger;
};

/** POST /api/upload-links: a presigned POST for one file, after every check that can run before the upload. */
export function createUploadLinkHandler(deps: UploadLinkDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("upload-link");
  return withErrorHandling(logger, async (event) => {
    const auth = await requireSchool(event, deps, deps.clock());
    if (!auth.ok) {
      logger.warn("upload link refused: not authenticated", { sourceIp: event.requestContext.http.sourceIp });
      return auth.response;
    }
    const { school } = auth;
    logger.appendKeys({ schoolId: school.schoolId });
    const body = parseJsonBody(event, UploadLinkRequest);
    if (!body.ok) return body.response;

    const idempotencyKey = event.headers["idempotency-key"];
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      return errorResponse(
        400,
        "INVALID_REQUEST",
        API_ERROR_TEXT.INVALID_REQUEST(API_FIELD_LABEL.idempotencyKey ?? ""),
      );
    }
    const outcome = await requestUploadLinkFor(
      school,
      body.value,
      idempotencyKey || undefined,
      deps.clock(),
      {
        ctx: deps.ctx,
        submissions: deps.submissions,
        signer: deps.objects,
        linkSeconds: deps.config.SHENBAO_LINK_SECONDS,
        issuedLinks: deps.issuedLinks,
      },
    );
    switch (outcome.kind) {
      case "deadline-passed":
        logger.info("upload link refused: deadline passed");
        return errorResponse(
          403,
          "DEADLINE_PASSED",
          API_ERROR_TEXT.DEADLINE_PASSED(formatBeijingTime(new Date(deps.ctx.call.deadline))),
          { findings: outcome.findings },
        );
      case "checks-failed":
        logger.info("upload link refused: checks failed", { findings: outcome.findings.map((f) => f.code) });
        return errorResponse(422, "CHECKS_FAILED", API_ERROR_TEXT.CHECKS_FAILED, {
          findings: outcome.findings,
        });
      case "key-reused":
        logger.info("upload link refused: idempotency key reused for another request");
        return errorResponse(409, "IDEMPOTENCY_KEY_REUSED", API_ERROR_TEXT.IDEMPOTENCY_KEY_REUSED);
      case "in-progress":
        logger.info("upload link refused: the first request under the key is still being answered");
        return errorResponse(409, "REQUEST_IN_PROGRESS", API_ERROR_TEXT.REQUEST_IN_PROGRESS);
      case "replayed":
        logger.info("upload link replayed for a retried request");
        return jsonResponse(201, outcome.response);
      case "issued":
        logger.info("upload link issued", { submissionId: outcome.response.submissionId });
        return jsonResponse(201, outcome.response);
    }
  });
}
