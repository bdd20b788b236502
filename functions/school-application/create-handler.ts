import type { Logger } from "@aws-lambda-powertools/logger";
import { z } from "zod";
import { applicationView, savedApplicationView } from "../../shared/api/application-view.ts";
import { errorResponse, jsonResponse } from "../../shared/api/responses.ts";
import { currentDetails, saveApplicationDetails } from "../../shared/application/save-details.ts";
import { API_ERROR_TEXT, DETAILS_ERROR_TEXT } from "../../shared/messages/api.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { type HttpHandler, parseJsonBody, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

/** Generous bounds for the transport; the real limits are the validation's, reported as findings in Chinese. */
const text = z.string().max(2000);
const DetailsRequest = z.object({
  servedMajorGroup: text,
  partner1: text,
  partner2: text,
  contactName: text.optional(),
  contactPhone: text.optional(),
});

export type SchoolApplicationDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "attempts" | "details" | "forms" | "submissions" | "evidenceText" | "clock"
> & { logger?: Logger };

/**
 * GET and PUT /api/me/application: the application's details for the summary table (附件3) that no file carries,
 * entered once by the school on its upload page. They are part of the school's one 申报书 form: GET answers them
 * from the form (or a details item saved before they were, or null) and the registered contact the form starts
 * from; PUT writes them into the form after validation, until the deadline.
 */
export function createSchoolApplicationHandler(deps: SchoolApplicationDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("school-application");
  return withErrorHandling(logger, async (event) => {
    const auth = await requireSchool(event, deps, deps.clock());
    if (!auth.ok) return auth.response;
    const { school } = auth;
    logger.appendKeys({ schoolId: school.schoolId });
    const deadline = new Date(deps.ctx.call.deadline);
    const method = event.requestContext.http.method;

    if (method === "GET") {
      return jsonResponse(200, applicationView(await currentDetails(school, deps), school, deadline));
    }
    if (method !== "PUT") return errorResponse(405, "METHOD_NOT_ALLOWED", API_ERROR_TEXT.METHOD_NOT_ALLOWED);

    const body = parseJsonBody(event, DetailsRequest);
    if (!body.ok) return body.response;
    const outcome = await saveApplicationDetails(school, body.value, {
      ...deps,
      now: deps.clock(),
      by: "school",
    });
    switch (outcome.kind) {
      case "deadline-passed":
        return errorResponse(
          403,
          "DEADLINE_PASSED",
          DETAILS_ERROR_TEXT.DEADLINE_PASSED(formatBeijingTime(deadline)),
        );
      case "invalid":
        logger.info("details refused", { findings: outcome.findings.map((f) => f.code) });
        return errorResponse(422, "CHECKS_FAILED", DETAILS_ERROR_TEXT.CHECKS_FAILED, {
          findings: outcome.findings,
        });
      case "saved":
        logger.info("details saved");
        return jsonResponse(200, savedApplicationView(outcome.details, outcome.findings));
    }
  });
}
