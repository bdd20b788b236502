import { formatBeijingTime } from "../messages/format.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/** A computer's clock a little ahead is not worth a finding. */
const TOLERANCE_MS = 10 * 60 * 1000;

/**
 * The file was not created or modified after it was uploaded: a later date in its properties means a wrong clock or
 * edited metadata. Silent when the upload time or the dates are unknown.
 */
export const metadataDates: Rule = ({ inspection, submittedAt }, ctx) => {
  const properties = inspection?.ok ? inspection.facts.properties : undefined;
  if (!properties || submittedAt === undefined || Number.isNaN(submittedAt.getTime())) return [];
  for (const which of ["created", "modified"] as const) {
    const iso = which === "created" ? properties.createdAt : properties.modifiedAt;
    const date = iso === null ? Number.NaN : Date.parse(iso);
    if (Number.isNaN(date) || date <= submittedAt.getTime() + TOLERANCE_MS) continue;
    return finding(
      ctx,
      "PDF_DATES_INCONSISTENT",
      "file",
      { which, date: formatBeijingTime(new Date(date)), uploadedAt: formatBeijingTime(submittedAt) },
      { expected: `≤ ${submittedAt.toISOString()}`, actual: new Date(date).toISOString() },
    );
  }
  return [];
};
