import type { CallDefinition } from "../call/schema.ts";
import { type MailLog, reminderKey } from "../mail/mail-log.ts";
import { reminderView } from "../mail/operator-views.ts";
import { reminderEmail } from "../messages/operator-mail.ts";
import type { Mailer } from "../processing/ports.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository, SubmissionRepository } from "../submissions/repository.ts";
import { chooseReminders } from "./plan-reminders.ts";

export interface ReminderDeps {
  call: CallDefinition;
  schools: Pick<SchoolRepository, "listSchools">;
  submissions: Pick<SubmissionRepository, "getApplication" | "listSchoolSubmissions">;
  mailLog: MailLog;
  mailer: Mailer;
  days: readonly number[];
  now: Date;
  /** The upload page, quoted in the reminder (the school's own link carries its token; this does not). */
  pageUrl?: string;
  /** Decide and report only: nothing is sent or recorded. */
  dryRun?: boolean;
}

export interface ReminderRun {
  stage: number | undefined;
  sent: SchoolRecord[];
  /** Due, but another run claimed the reminder first (two runs at once): it went once. */
  raced: SchoolRecord[];
  alreadyReminded: SchoolRecord[];
  failed: Array<{ school: SchoolRecord; error: unknown }>;
  /** In a dry run: who would be reminded. */
  due: SchoolRecord[];
}

/**
 * The reminder job: reads the register, decides with chooseReminders, and sends each due school one reminder. The
 * mail log's conditional write is claimed before sending, so however often or concurrently the job runs a school
 * gets one reminder per stage; a reminder that could not be sent gives its claim back for the next run. A crash
 * between the claim and the send loses that one reminder rather than risk sending it twice.
 */
export async function sendReminders(deps: ReminderDeps): Promise<ReminderRun> {
  const deadline = new Date(deps.call.deadline);
  const type = deps.call.defaultDocumentType;
  const schools = (await deps.schools.listSchools()).filter((s) => s.status === "active");
  const accepted = new Set<string>();
  const reminded = new Set<string>();
  await Promise.all(
    schools.map(async (school) => {
      const [pointer, log] = await Promise.all([
        deps.submissions.getApplication(school.schoolId, type),
        deps.mailLog.list(school.schoolId),
      ]);
      if (pointer) accepted.add(school.schoolId);
      for (const entry of log) if (entry.kind === "reminder") reminded.add(`${school.schoolId}|${entry.key}`);
    }),
  );
  const plan = chooseReminders({
    now: deps.now,
    deadline,
    days: deps.days,
    schools,
    accepted,
    remindedAt: (schoolId, stage) => reminded.has(`${schoolId}|${reminderKey(deps.call.deadline, stage)}`),
  });
  const run: ReminderRun = {
    stage: plan.stage,
    sent: [],
    raced: [],
    alreadyReminded: plan.alreadyReminded,
    failed: [],
    due: plan.due,
  };
  if (plan.stage === undefined || deps.dryRun) return run;

  const key = reminderKey(deps.call.deadline, plan.stage);
  for (const school of plan.due) {
    const submissions = await deps.submissions.listSchoolSubmissions(school.schoolId);
    const rejectedUploads = submissions.filter(
      (s) => s.documentType === type && (s.state === "REJECTED" || s.state === "LATE"),
    ).length;
    const email = reminderEmail(
      reminderView(deps.call, school, {
        now: deps.now,
        rejectedUploads,
        ...(deps.pageUrl ? { pageUrl: deps.pageUrl } : {}),
      }),
    );
    const claimed = await deps.mailLog.claim({
      schoolId: school.schoolId,
      kind: "reminder",
      key,
      to: school.email,
      subject: email.subject,
      at: deps.now.toISOString(),
    });
    if (!claimed) {
      run.raced.push(school);
      continue;
    }
    try {
      await deps.mailer.send({ to: school.email, ...email });
      run.sent.push(school);
    } catch (error) {
      await deps.mailLog.release(school.schoolId, "reminder", key);
      run.failed.push({ school, error });
    }
  }
  return run;
}
