/**
 * E-mails the operator's side sends a school (invitations, deadline reminders), one entry each, in the school's
 * partition. An entry's key makes it unique: a reminder's key names the deadline and the stage, so that claiming it
 * is the conditional write that lets one reminder per stage go out, however often or concurrently the job runs.
 * Receipts and reviewers' notices are recorded on their submission instead (receiptSentAt, reviewersNotifiedAt).
 */

export type MailKind = "invitation" | "reminder";

export interface MailLogEntry {
  schoolId: string;
  kind: MailKind;
  /** Unique per school and kind: an invitation's issue time, a reminder's `{deadline}#{days}`. */
  key: string;
  to: string;
  subject: string;
  /** When the entry was claimed, just before sending. */
  at: string;
}

export interface MailLog {
  /** Records an e-mail about to be sent. False when an entry with this key exists: it was sent already. */
  claim(entry: MailLogEntry): Promise<boolean>;
  /** Removes a claim whose e-mail could not be sent, so that the next run tries again. */
  release(schoolId: string, kind: MailKind, key: string): Promise<void>;
  /** The school's entries, oldest key first within each kind. */
  list(schoolId: string): Promise<MailLogEntry[]>;
}

/** A reminder's key: one per deadline (an extended deadline starts afresh) and stage. */
export function reminderKey(deadline: string, daysBefore: number): string {
  return `${new Date(deadline).toISOString()}#${daysBefore}`;
}
