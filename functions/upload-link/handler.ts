import { errorResponse, jsonResponse } from "../../shared/api/responses.ts";
import { uploadLinkView } from "../../shared/api/upload-link-view.ts";
import { API_ERROR_TEXT, API_FIELD_LABEL } from "../../shared/messages/api.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import { issueUploadLink } from "../../shared/uploads/issue-upload-link.ts";
import {
  IDEMPOTENCY_KEY_PATTERN,
  type Replay,
  replayOf,
  requestHash,
} from "../../shared/uploads/link-replay.ts";
import { UploadLinkRequest } from "../../shared/uploads/upload-link-request.ts";
import { dependencies } from "../runtime/dependencies.ts";
import { parseJsonBody, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

const logger = createLogger("upload-link");

/** POST /api/upload-links: a presigned POST for one file, after every check that can run before the upload. */
export const handler = withErrorHandling(logger, async (event) => {
  const deps = dependencies();
  const auth = await requireSchool(event, deps);
  if (!auth.ok) {
    logger.warn("upload link refused: not authenticated", { sourceIp: event.requestContext.http.sourceIp });
    return auth.response;
  }
  const { school } = auth;
  logger.appendKeys({ schoolId: school.schoolId });
  const body = parseJsonBody(event, UploadLinkRequest);
  if (!body.ok) return body.response;
  const now = new Date();

  const idempotencyKey = event.headers["idempotency-key"];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    return errorResponse(
      400,
      "INVALID_REQUEST",
      API_ERROR_TEXT.INVALID_REQUEST(API_FIELD_LABEL.idempotencyKey ?? ""),
    );
  }
  const hash = requestHash(body.value, body.value.documentType ?? deps.ctx.call.defaultDocumentType);
  if (idempotencyKey) {
    const replay = replayOf(await deps.issuedLinks.find(school.schoolId, idempotencyKey), hash, now);
    if (replay.kind !== "none") return replayResponse(replay);
  }

  const outcome = await issueUploadLink(school, body.value, now, {
    ctx: deps.ctx,
    submissions: deps.submissions,
    signer: deps.objects,
    linkSeconds: deps.config.SHENBAO_LINK_SECONDS,
  });
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
    case "issued": {
      logger.info("upload link issued", { submissionId: outcome.submission.submissionId });
      const response = uploadLinkView(outcome);
      if (idempotencyKey) {
        const link = { requestHash: hash, response, expiresAt: outcome.expiresAt };
        if (!(await deps.issuedLinks.remember(school.schoolId, idempotencyKey, link, now))) {
          // A concurrent retry stored its link first: answer with that one (this PENDING record stays unused).
          const replay = replayOf(await deps.issuedLinks.find(school.schoolId, idempotencyKey), hash, now);
          if (replay.kind !== "none") return replayResponse(replay);
        }
      }
      return jsonResponse(201, response);
    }
  }
});

function replayResponse(replay: Exclude<Replay, { kind: "none" }>) {
  if (replay.kind === "conflict") {
    logger.info("upload link refused: idempotency key reused for another request");
    return errorResponse(409, "IDEMPOTENCY_KEY_REUSED", API_ERROR_TEXT.IDEMPOTENCY_KEY_REUSED);
  }
  logger.info("upload link replayed for a retried request");
  return jsonResponse(201, replay.response);
}
