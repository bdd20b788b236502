import { profileView } from "../../shared/api/profile-view.ts";
import { jsonResponse } from "../../shared/api/responses.ts";
import { dependencies } from "../runtime/dependencies.ts";
import { requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

const logger = createLogger("school-profile");

/**
 * GET /api/me: the school as registered, what the call requires, and its submissions newest first, with the
 * current application per document type: everything the upload page shows before a file is chosen.
 */
export const handler = withErrorHandling(logger, async (event) => {
  const deps = dependencies();
  const auth = await requireSchool(event, deps);
  if (!auth.ok) return auth.response;
  const { school } = auth;
  const submissions = await deps.submissions.listSchoolSubmissions(school.schoolId);
  const current: Record<string, string | null> = {};
  for (const type of deps.ctx.call.documentTypes) {
    current[type.id] =
      (await deps.submissions.getApplication(school.schoolId, type.id))?.currentSubmissionId ?? null;
  }
  return jsonResponse(
    200,
    profileView({
      school,
      call: deps.ctx.call,
      catalog: deps.ctx.catalog,
      current,
      submissions,
      now: new Date(),
    }),
  );
});
