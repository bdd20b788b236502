import type { Rule } from "./context.ts";
import { finding } from "./make-upload-finding.ts";

/** The document type is one the call takes. */
export const documentType: Rule = (facts, ctx) => {
  const types = ctx.call.documentTypes;
  if (types.some((t) => t.id === facts.documentType)) return [];
  const allowed = types.map((t) => `${t.label}（${t.id}）`);
  return finding(
    ctx,
    "DOCUMENT_TYPE_UNKNOWN",
    "documentType",
    { actual: facts.documentType, allowed },
    { expected: types.map((t) => t.id).join(", "), actual: facts.documentType },
  );
};
