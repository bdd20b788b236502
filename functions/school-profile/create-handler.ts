import type { Logger } from "@aws-lambda-powertools/logger";
import { profileView } from "../../shared/api/profile-view.ts";
import { jsonResponse } from "../../shared/api/responses.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { type HttpHandler, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

export type SchoolProfileDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "attempts" | "submissions" | "clock"
> & {
  logger?: Logger;
};

/**
 * GET /api/me: the school as registered, what the call requires, and its submissions newest first, with the
 * current application per document type: everything the upload page shows before a file is chosen.
 */
export function createSchoolProfileHandler(deps: SchoolProfileDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("school-profile");
  return withErrorHandling(logger, async (event) => {
    const auth = await requireSchool(event, deps, deps.clock());
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
        now: deps.clock(),
      }),
    );
  });
}
