import type { Finding } from "../checks/finding.ts";

/** Everything a receipt shows, as plain values: built from the records, rendered by shared/messages/mail.ts. */
export interface ReceiptView {
  receiptNumber: string;
  submissionId: string;
  callTitle: string;
  callReference?: string;
  callContact?: string;
  schoolName: string;
  contactName: string;
  documentLabel: string;
  fileName: string;
  state: "ACCEPTED" | "REJECTED" | "LATE";
  /** Beijing time, formatted. */
  uploadedAt: string;
  deadline: string;
  pageCount: number | null;
  /** The producing software, and the creation date in Beijing time; null when the file does not say. */
  producer?: string | null;
  createdAt?: string | null;
  size: string;
  sha256: string;
  version?: number;
  replaces?: { receiptNumber: string; uploadedAt: string };
  findings: Finding[];
  statusUrl?: string;
}

/** What reviewers are told about an accepted submission. */
export interface ReviewerNoticeView {
  receiptNumber: string;
  callTitle: string;
  schoolName: string;
  schoolLevel: string;
  major: string | null;
  documentLabel: string;
  fileName: string;
  uploadedAt: string;
  pageCount: number | null;
  /** The producing software, and the creation date in Beijing time; null when the file does not say. */
  producer?: string | null;
  createdAt?: string | null;
  sha256: string;
  version?: number;
  findings: Finding[];
  downloadUrl?: string;
  downloadExpiresAt?: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
