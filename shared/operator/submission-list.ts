import type { MailLogEntry } from "../mail/mail-log.ts";
import type { SubmissionRecord } from "../submissions/records.ts";
import { SUBMISSION_STATES, type SubmissionState } from "../submissions/states.ts";

/** What operators ask of the submissions: filters, counts and, per submission, the e-mails its school was sent. */

export interface SubmissionFilter {
  states?: readonly SubmissionState[];
  schoolId?: string;
  /** Only submissions active at or after this instant (see activityTime). */
  since?: Date;
}

/** When a submission last moved for the operator's purposes: its upload, or for one still pending, its link. */
export function activityTime(s: SubmissionRecord): string {
  return s.uploadedAt ?? s.createdAt;
}

/** Filtered, oldest activity first (ties by submission id, i.e. link order). */
export function filterSubmissions(
  all: readonly SubmissionRecord[],
  filter: SubmissionFilter,
): SubmissionRecord[] {
  const since = filter.since?.getTime();
  return all
    .filter((s) => !filter.states || filter.states.includes(s.state))
    .filter((s) => !filter.schoolId || s.schoolId === filter.schoolId)
    .filter((s) => since === undefined || new Date(activityTime(s)).getTime() >= since)
    .sort(
      (a, b) =>
        new Date(activityTime(a)).getTime() - new Date(activityTime(b)).getTime() ||
        (a.submissionId < b.submissionId ? -1 : 1),
    );
}

export function countByState(list: readonly SubmissionRecord[]): Record<SubmissionState, number> {
  const counts = Object.fromEntries(SUBMISSION_STATES.map((s) => [s, 0])) as Record<SubmissionState, number>;
  for (const s of list) counts[s.state] += 1;
  return counts;
}

/** A link that was never used and can no longer be. */
export function isExpiredLink(s: SubmissionRecord, now: Date): boolean {
  return s.state === "PENDING" && new Date(s.linkExpiresAt).getTime() < now.getTime();
}

/** Finds a submission by its id or its receipt number (what a school quotes on the phone). */
export function findSubmission(
  all: readonly SubmissionRecord[],
  idOrReceipt: string,
): SubmissionRecord | undefined {
  const wanted = idOrReceipt.trim();
  return (
    all.find((s) => s.submissionId === wanted.toUpperCase()) ??
    all.find((s) => s.verdict?.receiptNumber === wanted)
  );
}

export type SentEmail =
  | { kind: "invitation" | "reminder"; at: string; to: string; subject: string }
  | { kind: "receipt"; at: string; submissionId: string; receiptNumber: string }
  | { kind: "reviewers"; at: string; submissionId: string; reviewers?: readonly string[] };

/** Every e-mail recorded for a school, in time order: invitations and reminders, receipts, reviewers' notices. */
export function emailTimeline(
  submissions: readonly SubmissionRecord[],
  log: readonly MailLogEntry[],
): SentEmail[] {
  const entries: SentEmail[] = [
    ...log.map((e) => ({ kind: e.kind, at: e.at, to: e.to, subject: e.subject })),
    ...submissions.flatMap((s): SentEmail[] => [
      ...(s.receiptSentAt && s.verdict
        ? [
            {
              kind: "receipt" as const,
              at: s.receiptSentAt,
              submissionId: s.submissionId,
              receiptNumber: s.verdict.receiptNumber,
            },
          ]
        : []),
      ...(s.reviewersNotifiedAt
        ? [
            {
              kind: "reviewers" as const,
              at: s.reviewersNotifiedAt,
              submissionId: s.submissionId,
              ...(reviewersOf(s) ? { reviewers: reviewersOf(s) } : {}),
            },
          ]
        : []),
    ]),
  ];
  return entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/** The reviewers a notice went to, where the record keeps them. */
function reviewersOf(s: SubmissionRecord): readonly string[] | undefined {
  const list = (s as { reviewersNotified?: unknown }).reviewersNotified;
  return Array.isArray(list) ? (list as string[]) : undefined;
}
