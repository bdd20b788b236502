import type { Rule } from "./context.ts";
import { finding } from "./make-upload-finding.ts";

/** The file is no larger than the call allows. (An empty file is the PDF rules' finding, not this one's.) */
export const fileSize: Rule = (facts, ctx) => {
  const max = ctx.call.maxFileBytes;
  if (!(facts.size > max)) return [];
  return finding(
    ctx,
    "FILE_TOO_LARGE",
    "file",
    { size: facts.size, max },
    { expected: String(max), actual: String(facts.size) },
  );
};
