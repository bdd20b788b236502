import type { Logger } from "@aws-lambda-powertools/logger";
import { z } from "zod";
import {
  type ApplicationFormRefusal,
  applicationFormView,
  savedApplicationFormView,
} from "../../shared/api/application-form-view.ts";
import { errorResponse, jsonResponse } from "../../shared/api/responses.ts";
import { missingFields } from "../../shared/application/form-complete.ts";
import { readPrescreen } from "../../shared/application/prescreen-read.ts";
import { saveApplicationForm } from "../../shared/application/save-form.ts";
import { API_ERROR_TEXT, FORM_ERROR_TEXT } from "../../shared/messages/api.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { type HttpHandler, parseJsonBody, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

/** A whole 申报书 is a few kilobytes; long plans in every text field stay well under this. */
export const MAX_FORM_BODY_BYTES = 64 * 1024;

/** The transport only: the form itself is checked field by field by the form schema, with Chinese findings. */
const FormRequest = z.object({ form: z.unknown() });

export type ApplicationFormDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "attempts" | "forms" | "submissions" | "evidenceText" | "clock"
> & { logger?: Logger };

/**
 * GET and PUT /api/me/application-form: the school's 申报书 as data. GET answers the stored draft, its
 * pre-screen, what a finished form still lacks and the accepted evidence it cites; PUT replaces the draft after
 * field-by-field validation (nothing saved on any problem) and recomputes the pre-screen, until the deadline.
 */
export function createApplicationFormHandler(deps: ApplicationFormDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("application-form");
  return withErrorHandling(logger, async (event) => {
    const auth = await requireSchool(event, deps, deps.clock());
    if (!auth.ok) return auth.response;
    const { schoolId } = auth.school;
    logger.appendKeys({ schoolId });
    const deadline = new Date(deps.ctx.call.deadline);
    const method = event.requestContext.http.method;

    if (method === "GET") {
      // One read while the stored pre-screen judges the current evidence; recomputed and recorded when it does not.
      const { stored, evidence } = await readPrescreen(schoolId, { ...deps, now: deps.clock });
      return jsonResponse(
        200,
        applicationFormView({
          form: stored?.form,
          school: auth.school,
          prescreen: stored?.prescreen,
          missing: stored ? missingFields(stored.form) : [],
          deadline,
          evidence,
        }),
      );
    }
    if (method !== "PUT") return errorResponse(405, "METHOD_NOT_ALLOWED", API_ERROR_TEXT.METHOD_NOT_ALLOWED);

    const body = parseJsonBody(event, FormRequest, MAX_FORM_BODY_BYTES);
    if (!body.ok) return body.response;
    const now = deps.clock();
    const outcome = await saveApplicationForm(schoolId, body.value.form, {
      ...deps,
      formSaved: auth.school.formSavedAt !== undefined,
      now,
      by: "school",
    });
    switch (outcome.kind) {
      case "deadline-passed":
        return errorResponse(
          403,
          "DEADLINE_PASSED",
          FORM_ERROR_TEXT.DEADLINE_PASSED(formatBeijingTime(deadline)),
        );
      case "invalid":
        logger.info("form refused", { fields: outcome.findings.map((f) => f.path) });
        // The API's one error shape, its findings field by field (form paths, not file-check codes).
        return jsonResponse(422, {
          error: {
            code: "CHECKS_FAILED",
            message: FORM_ERROR_TEXT.CHECKS_FAILED,
            findings: outcome.findings,
          },
        } satisfies ApplicationFormRefusal);
      case "saved":
        logger.info("form saved", { missing: outcome.missing.length });
        return jsonResponse(
          200,
          savedApplicationFormView({
            form: outcome.stored.form,
            prescreen: outcome.prescreen,
            missing: outcome.missing,
          }),
        );
    }
  });
}
