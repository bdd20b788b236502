import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-upload-finding.ts";

/**
 * The file opens as a PDF that a reviewer can read: still there, not empty, really a PDF, not damaged, no open password, and
 * inspectable within the bounds. A file over the size limit is the file-size rule's finding, not this one's.
 */
export const pdfReadable: Rule = ({ inspection }, ctx) => {
  if (!inspection || inspection.ok) return [];
  const { failure } = inspection;
  switch (failure.kind) {
    case "missing":
      return finding(ctx, "FILE_MISSING", "file", {});
    case "empty":
      return finding(ctx, "FILE_EMPTY", "file", {}, { actual: FINDING_VALUES.zeroBytes });
    case "not-pdf":
      return finding(
        ctx,
        "FILE_NOT_PDF",
        "file",
        { detected: failure.detected, opensInReaders: failure.opensInReaders },
        { expected: "PDF", actual: failure.detected },
      );
    case "damaged":
      return finding(ctx, "PDF_DAMAGED", "file", {});
    case "password-required":
      return finding(ctx, "PDF_PASSWORD_PROTECTED", "file", {});
    case "timeout":
    case "resource-limit":
      return finding(ctx, "PDF_TOO_COMPLEX", "file", {});
    case "too-large":
      return [];
  }
};
