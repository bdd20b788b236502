import { formatBeijingTime } from "../messages/format.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-upload-finding.ts";

/**
 * The file arrived by the call's deadline; the deadline instant itself is still on time. Silent when the time of
 * submission is not known.
 */
export const deadline: Rule = (facts, ctx) => {
  const submittedAt = facts.submittedAt;
  if (submittedAt === undefined || Number.isNaN(submittedAt.getTime())) return [];
  const closes = new Date(ctx.call.deadline);
  if (submittedAt.getTime() <= closes.getTime()) return [];
  const params = { deadline: formatBeijingTime(closes), submittedAt: formatBeijingTime(submittedAt) };
  return finding(ctx, "DEADLINE_PASSED", "submittedAt", params, {
    expected: closes.toISOString(),
    actual: submittedAt.toISOString(),
  });
};
