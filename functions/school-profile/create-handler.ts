import type { Logger } from "@aws-lambda-powertools/logger";
import { callView } from "../../shared/api/call-view.ts";
import { jsonResponse } from "../../shared/api/responses.ts";
import { submissionView } from "../../shared/api/submission-view.ts";
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
    return jsonResponse(200, {
      school: {
        name: school.name,
        level: school.level,
        contactName: school.contactName,
        email: school.email,
      },
      call: callView(deps.ctx.call, deps.ctx.catalog),
      current,
      submissions: submissions
        .sort((a, b) => (a.submissionId < b.submissionId ? 1 : -1))
        .map((s) => submissionView(deps.ctx.call, s)),
      serverTime: deps.clock().toISOString(),
    });
  });
}
