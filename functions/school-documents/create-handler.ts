import type { Logger } from "@aws-lambda-powertools/logger";
import { errorResponse } from "../../shared/api/responses.ts";
import { DOCUMENT_FILES, DOCX_CONTENT_TYPE, documentKindOf } from "../../shared/documents/document-files.ts";
import {
  attachmentDisposition,
  beijingMonth,
  NoApplicationForm,
  schoolDocument,
} from "../../shared/documents/school-documents.ts";
import { DOCUMENTS_MESSAGES } from "../../shared/messages/documents.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { type HttpHandler, requireSchool, withErrorHandling } from "../runtime/http.ts";
import { createLogger } from "../runtime/logger.ts";

export type SchoolDocumentsDeps = Pick<Dependencies, "ctx" | "schools" | "attempts" | "forms" | "clock"> & {
  logger?: Logger;
};

/**
 * GET /api/me/documents/{document}: the school's 申报书 (application.docx, 附件1) or 建设方案 outline (plan.docx,
 * 附件2), generated from its stored form at each request, offered as an attachment under its official Chinese name.
 * 404 with a Chinese message when the school has saved no form yet, or for any other document name.
 */
export function createSchoolDocumentsHandler(deps: SchoolDocumentsDeps): HttpHandler {
  const logger = deps.logger ?? createLogger("school-documents");
  return withErrorHandling(logger, async (event) => {
    const now = deps.clock();
    const auth = await requireSchool(event, deps, now);
    if (!auth.ok) return auth.response;
    const { school } = auth;
    logger.appendKeys({ schoolId: school.schoolId });
    const kind = documentKindOf(event.pathParameters?.document ?? "");
    if (!kind) return errorResponse(404, "DOCUMENT_NOT_FOUND", DOCUMENTS_MESSAGES.unknownDocument);

    let document: Awaited<ReturnType<typeof schoolDocument>>;
    try {
      document = await schoolDocument(kind, school, {
        forms: deps.forms,
        call: deps.ctx.call,
        catalog: deps.ctx.catalog,
        month: beijingMonth(now),
      });
    } catch (error) {
      if (error instanceof NoApplicationForm) {
        return errorResponse(404, "FORM_NOT_FOUND", DOCUMENTS_MESSAGES.noForm);
      }
      throw error;
    }
    logger.info("document generated", { kind, bytes: document.bytes.length });
    // API Gateway passes a binary body only base64-encoded, flagged by isBase64Encoded.
    return {
      statusCode: 200,
      headers: {
        "content-type": DOCX_CONTENT_TYPE,
        "content-disposition": attachmentDisposition(document.fileName, DOCUMENT_FILES[kind]),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        // A page on another origin (allowedOrigin) reads the file's name from this header.
        "access-control-expose-headers": "content-disposition",
      },
      body: document.bytes.toString("base64"),
      isBase64Encoded: true,
    };
  });
}
