import type { submissionView } from "../../shared/api/submission-view.ts";
import type { MajorEntry } from "../../shared/call/catalog.ts";
import type { SchoolLevel } from "../../shared/call/schema.ts";
import type { Finding } from "../../shared/checks/finding.ts";

/** The shapes the API answers with, as the page reads them (JSON: dates are ISO strings). */

export type SubmissionView = ReturnType<typeof submissionView>;

export interface MeResponse {
  school: { name: string; level: SchoolLevel; contactName: string; email: string };
  /** `definition` is parsed with the call schema before use: the page's rules are the server's. */
  call: { definition: unknown; majors: MajorEntry[] };
  current: Record<string, string | null>;
  submissions: SubmissionView[];
  serverTime: string;
}

export interface UploadLinkResponse {
  submissionId: string;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
  findings: Finding[];
}

/** The details for the summary table, as GET/PUT /api/me/application answer them. */
export interface ApplicationDetailsView {
  servedMajorGroup: string;
  partner1: string;
  partner2: string;
  contactName: string;
  contactPhone: string;
  updatedAt: string;
}

export interface ApplicationDetailsResponse {
  details: ApplicationDetailsView | null;
  defaults: { contactName: string; contactPhone: string };
  editableUntil: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; findings?: Finding[] };
}
