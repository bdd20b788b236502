import { errorResponse, jsonResponse } from "../../shared/api/responses.ts";
import { submissionView } from "../../shared/api/submission-view.ts";
import { API_ERROR_TEXT } from "../../shared/messages/api.ts";
import { isSubmissionId } from "../../shared/submissions/ids.ts";
import { dependencies } from "../runtime/dependencies.ts";
import { requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

const logger = createLogger("submission-status");

/** GET /api/submissions/{submissionId}: state, findings and receipt, for the school that filed it only. */
export const handler = withErrorHandling(logger, async (event) => {
  const deps = dependencies();
  const auth = await requireSchool(event, deps);
  if (!auth.ok) return auth.response;
  const submissionId = event.pathParameters?.submissionId ?? "";
  // Another school's submission is "not found", exactly like a missing one: existence is not disclosed.
  const submission = isSubmissionId(submissionId)
    ? await deps.submissions.getSubmission(auth.school.schoolId, submissionId)
    : undefined;
  if (!submission) return errorResponse(404, "NOT_FOUND", API_ERROR_TEXT.NOT_FOUND);
  return jsonResponse(200, submissionView(deps.ctx.call, submission));
});
