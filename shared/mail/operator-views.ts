import { documentTypeOf } from "../call/document-type.ts";
import type { CallDefinition } from "../call/schema.ts";
import { fillTemplate } from "../checks/name-template.ts";
import { formatBeijingTime, formatBytes } from "../messages/format.ts";
import type { SchoolRecord } from "../submissions/records.ts";

/** What the call demands, as plain values for the e-mails the operator's side sends (invitations, reminders). */
export interface CallRequirementsView {
  callTitle: string;
  callReference?: string;
  issuer: string;
  callContact?: string;
  /** The official file name with the school filled in and the major left as "××". */
  fileNameExample: string;
  documentTypes: Array<{ label: string; maxPages?: number; requireBookmarks: boolean; isDefault: boolean }>;
  maxFileSize: string;
  /** Beijing time, formatted. */
  deadline: string;
  onePerSchool: boolean;
  catalogLabel: string;
}

export interface InvitationView {
  schoolName: string;
  contactName: string;
  uploadUrl: string;
  token: string;
  requirements: CallRequirementsView;
}

export interface ReminderView {
  schoolName: string;
  contactName: string;
  /** The upload page without a token: the school has its link from the invitation. */
  pageUrl?: string;
  /** Beijing time of the reminder's computation, formatted. */
  asOf: string;
  remaining: { days: number; hours: number };
  /** The document still missing, as the call labels it. */
  documentLabel: string;
  /** The school's uploads of that document that did not pass, so the reminder can point at their receipts. */
  rejectedUploads: number;
  requirements: CallRequirementsView;
}

export function callRequirements(
  call: CallDefinition,
  school: Pick<SchoolRecord, "name">,
): CallRequirementsView {
  return {
    callTitle: call.title,
    ...(call.reference ? { callReference: call.reference } : {}),
    issuer: call.issuer,
    ...(call.contact ? { callContact: call.contact } : {}),
    fileNameExample: `${fillTemplate(call.nameTemplate, { school: school.name, major: "××" })}.pdf`,
    documentTypes: call.documentTypes.map((d) => ({
      label: d.label,
      ...(d.maxPages !== undefined ? { maxPages: d.maxPages } : {}),
      requireBookmarks: d.requireBookmarks,
      isDefault: d.id === call.defaultDocumentType,
    })),
    maxFileSize: formatBytes(call.maxFileBytes),
    deadline: formatBeijingTime(new Date(call.deadline)),
    onePerSchool: call.onePerSchool,
    catalogLabel: call.catalog.label,
  };
}

export function invitationView(
  call: CallDefinition,
  school: SchoolRecord,
  link: { uploadUrl: string; token: string },
): InvitationView {
  return {
    schoolName: school.name,
    contactName: school.contactName,
    uploadUrl: link.uploadUrl,
    token: link.token,
    requirements: callRequirements(call, school),
  };
}

export function reminderView(
  call: CallDefinition,
  school: SchoolRecord,
  facts: { now: Date; pageUrl?: string; rejectedUploads: number },
): ReminderView {
  const left = Math.max(0, new Date(call.deadline).getTime() - facts.now.getTime());
  const hoursLeft = Math.floor(left / 3_600_000);
  return {
    schoolName: school.name,
    contactName: school.contactName,
    ...(facts.pageUrl ? { pageUrl: facts.pageUrl } : {}),
    asOf: formatBeijingTime(facts.now),
    remaining: { days: Math.floor(hoursLeft / 24), hours: hoursLeft % 24 },
    documentLabel: documentTypeOf(call, call.defaultDocumentType)?.label ?? call.defaultDocumentType,
    rejectedUploads: facts.rejectedUploads,
    requirements: callRequirements(call, school),
  };
}
