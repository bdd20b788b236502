import type { Logger } from "@aws-lambda-powertools/logger";
import { errorResponse, jsonResponse } from "../../shared/api/responses.ts";
import { submissionView } from "../../shared/api/submission-view.ts";
import { API_ERROR_TEXT } from "../../shared/messages/api.ts";
import { isSubmissionId } from "../../shared/submissions/ids.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { type HttpHandler, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

export type SubmissionStatusDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "attempts" | "submissions" | "clock"
> & {
  logger?: Logger;
};

/** GET /api/submissions/{submissionId}: state, findings and receipt, for the school that filed it only. */
export function createSubmissionStatusHandler(deps: SubmissionStatusDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("submission-status");
  return withErrorHandling(logger, async (event) => {
    const auth = await requireSchool(event, deps, deps.clock());
    if (!auth.ok) return auth.response;
    const submissionId = event.pathParameters?.submissionId ?? "";
    // Another school's submission is "not found", exactly like a missing one: existence is not disclosed.
    const submission = isSubmissionId(submissionId)
      ? await deps.submissions.getSubmission(auth.school.schoolId, submissionId)
      : undefined;
    if (!submission) return errorResponse(404, "NOT_FOUND", API_ERROR_TEXT.NOT_FOUND);
    return jsonResponse(200, submissionView(deps.ctx.call, submission));
  });
}
