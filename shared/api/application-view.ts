import type { ApplicationDetails } from "../application/details.ts";
import type { Finding } from "../checks/finding.ts";
import type { SchoolRecord } from "../submissions/records.ts";

/**
 * GET /api/me/application: the stored details (null before the school first saves them), the registered contact
 * the form starts from, and until when they may be changed.
 */
export function applicationView(
  details: ApplicationDetails | undefined,
  school: SchoolRecord,
  deadline: Date,
) {
  return {
    details: details ?? null,
    defaults: { contactName: school.contactName, contactPhone: school.phone },
    editableUntil: deadline.toISOString(),
  };
}

/** PUT /api/me/application's 200: the details as stored, and what the checks found (warnings only). */
export function savedApplicationView(details: ApplicationDetails, findings: Finding[]) {
  return { details, findings };
}

export type ApplicationView = ReturnType<typeof applicationView>;
export type SavedApplicationView = ReturnType<typeof savedApplicationView>;
