import type { CheckContext } from "../checks/context.ts";
import type { Finding } from "../checks/finding.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import {
  type ApplicationDetails,
  type ApplicationDetailsInput,
  type ApplicationDetailsRepository,
  validateApplicationDetails,
} from "./details.ts";

export type SaveDetailsOutcome =
  | { kind: "saved"; details: ApplicationDetails; findings: Finding[] }
  | { kind: "invalid"; findings: Finding[] }
  | { kind: "deadline-passed" };

/**
 * Validates and stores a school's details for the summary table. A school may change them until the deadline, as
 * it may its files; an operator (transcribing a paper form, correcting an obvious slip) may at any time.
 */
export async function saveApplicationDetails(
  school: SchoolRecord,
  input: ApplicationDetailsInput,
  deps: {
    ctx: Pick<CheckContext, "call">;
    details: Pick<ApplicationDetailsRepository, "putDetails">;
    now: Date;
    by: ApplicationDetails["updatedBy"];
  },
): Promise<SaveDetailsOutcome> {
  // The deadline instant itself is still on time, as for files (shared/checks/deadline.ts).
  const closed = deps.now.getTime() > new Date(deps.ctx.call.deadline).getTime();
  if (deps.by === "school" && closed) return { kind: "deadline-passed" };
  const validation = validateApplicationDetails(input, school, deps.ctx);
  if (!validation.ok) return { kind: "invalid", findings: validation.findings };
  const details: ApplicationDetails = {
    ...validation.details,
    updatedAt: deps.now.toISOString(),
    updatedBy: deps.by,
  };
  await deps.details.putDetails(details);
  return { kind: "saved", details, findings: validation.findings };
}
