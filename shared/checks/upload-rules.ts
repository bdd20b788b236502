import type { CheckContext, Rule, SubmissionFacts } from "./context.ts";
import { deadline } from "./deadline.ts";
import { documentType } from "./document-type.ts";
import { fileName } from "./file-name.ts";
import { fileSize } from "./file-size.ts";
import type { Finding } from "./finding.ts";
import { majorInCatalog } from "./major-in-catalog.ts";
import { pdfReadable } from "./pdf-readable.ts";
import { schoolInName } from "./school-in-name.ts";

/**
 * The rules that can decide before any byte is sent, from the name, the document type, the declared size, the time
 * and what a file's first bytes prove (empty, not a PDF): the head of RULES (index.ts), in its order. The upload
 * page runs these, so it needs neither the content rules nor their texts.
 */
export const UPLOAD_RULES: readonly Rule[] = [
  deadline,
  documentType,
  fileName,
  schoolInName,
  majorInCatalog,
  fileSize,
  pdfReadable,
];

/** The findings of the before-upload rules: the server's findings on the same facts. */
export function checkBeforeUpload(facts: SubmissionFacts, ctx: CheckContext): Finding[] {
  return UPLOAD_RULES.flatMap((rule) => rule(facts, ctx));
}
