import { type Command, InvalidArgumentError } from "commander";
import { currentDetails } from "../shared/application/save-details.ts";
import { documentTypeOf } from "../shared/call/document-type.ts";
import type { CallDefinition } from "../shared/call/schema.ts";
import { normalizeCreditCode } from "../shared/checks/credit-code.ts";
import { parseSubmissionName } from "../shared/checks/name-template.ts";
import { type BeijingTimeOptions, formatBeijingTime, formatBytes } from "../shared/messages/format.ts";
import { SUBMISSIONS_TEXT } from "../shared/messages/operator.ts";
import {
  activityTime,
  countByState,
  emailTimeline,
  filterSubmissions,
  findSubmission,
  isExpiredLink,
  type SentEmail,
} from "../shared/operator/submission-list.ts";
import type { SchoolRecord, SubmissionRecord } from "../shared/submissions/records.ts";
import { SUBMISSION_STATES, type SubmissionState } from "../shared/submissions/states.ts";
import { truncateMiddle } from "./display-width.ts";
import { type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { formStore } from "./prescreen-export.ts";
import { schoolPrescreenText } from "./prescreen-text.ts";
import { json, out, renderTable } from "./table.ts";
import { UsageError } from "./usage-error.ts";

const T = SUBMISSIONS_TEXT;

interface ListOptions extends TargetOptions {
  state?: SubmissionState[];
  school?: string;
  since?: Date;
}

/** `shenbao submissions list|show`: watching submissions arrive, and one submission's whole story. */
export function registerSubmissionsCommand(program: Command): void {
  const submissions = program.command("submissions").description("Watch submissions and read their history");

  withTarget(
    submissions
      .command("list")
      .description("List submissions, oldest first, with counts per state")
      .option(
        "--state <states>",
        `only these states, comma-separated: ${SUBMISSION_STATES.join(", ")}`,
        parseStates,
      )
      .option("--school <creditCode>", "only this college's")
      .option(
        "--since <time>",
        "only those uploaded (or, pending, linked) at or after this ISO 8601 time",
        parseSince,
      ),
  ).action(async (opts: ListOptions) => {
    const op = await operator(opts.endpoint);
    const schoolId = opts.school ? normalizeCreditCode(opts.school) : undefined;
    const source = schoolId
      ? await op.submissions.listSchoolSubmissions(schoolId)
      : await listStates(op, opts.state ?? SUBMISSION_STATES);
    const list = filterSubmissions(source, {
      ...(opts.state ? { states: opts.state } : {}),
      ...(schoolId ? { schoolId } : {}),
      ...(opts.since ? { since: opts.since } : {}),
    });
    const counts = countByState(list);
    if (opts.json) {
      json({ counts, total: list.length, submissions: list });
      return;
    }
    if (list.length === 0) {
      out(T.none);
      return;
    }
    const names = new Map((await op.schools.listSchools()).map((s) => [s.schoolId, s.name]));
    const now = new Date();
    out(
      renderTable(
        T.columns,
        list.map((s) => {
          const name = parseSubmissionName(s.fileName, op.ctx.call.nameTemplate);
          return [
            formatBeijingTime(new Date(activityTime(s)), { zoneSuffix: false }),
            truncateMiddle(names.get(s.schoolId) ?? s.schoolId, 30),
            documentLabel(op.ctx.call, s.documentType),
            name.ok ? name.major : T.unknownMajor,
            stateText(s, now),
            s.verdict?.pageCount?.toString() ?? "",
            s.verdict?.receiptNumber ?? "",
            s.submissionId,
          ];
        }),
      ),
    );
    out("");
    out(
      T.counts(
        list.length,
        SUBMISSION_STATES.filter((state) => counts[state] > 0).map(
          (state) => `${T.state[state]} ${counts[state]}`,
        ),
      ),
    );
  });

  withTarget(
    submissions
      .command("show")
      .description(
        "One submission: its school, findings, receipt, the school's whole history of that document, e-mails sent",
      )
      .argument("<id>", "submission id or receipt number"),
  ).action(async (id: string, opts: TargetOptions) => {
    const op = await operator(opts.endpoint);
    const submission = findSubmission(await listStates(op, SUBMISSION_STATES), id);
    if (!submission) throw new UsageError(T.notFound(id));
    const [school, all, current, log, details] = await Promise.all([
      op.schools.getSchool(submission.schoolId),
      op.submissions.listSchoolSubmissions(submission.schoolId),
      op.submissions.getApplication(submission.schoolId, submission.documentType),
      op.mailLog.list(submission.schoolId),
      // The 附件3 details from the school's form (or its details item from before they were part of the form).
      op.schools
        .getSchool(submission.schoolId)
        .then((s) => (s ? currentDetails(s, { forms: formStore(op), details: op.details }) : undefined)),
    ]);
    const history = all.filter((s) => s.documentType === submission.documentType);
    const emails = emailTimeline(all, log);
    const isCurrent = current?.currentSubmissionId === submission.submissionId;
    if (opts.json) {
      json({
        submission,
        school: school ? publicSchool(school) : null,
        current: isCurrent,
        currentSubmissionId: current?.currentSubmissionId ?? null,
        history,
        emails,
        details: details ?? null,
      });
      return;
    }
    out(renderShow(op.ctx.call, { submission, school, history, emails, isCurrent, details }));
    out(await schoolPrescreenText(op, submission.schoolId));
  });
}

async function listStates(op: Operator, states: readonly SubmissionState[]): Promise<SubmissionRecord[]> {
  return (await Promise.all(states.map((state) => op.submissions.listByState(state)))).flat();
}

function parseStates(value: string): SubmissionState[] {
  return value.split(",").map((part) => {
    const state = part.trim().toUpperCase() as SubmissionState;
    if (!SUBMISSION_STATES.includes(state))
      throw new InvalidArgumentError(T.unknownState(part, SUBMISSION_STATES.join(", ")));
    return state;
  });
}

function parseSince(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError(T.badSince(value));
  return at;
}

function documentLabel(call: CallDefinition, type: string): string {
  return documentTypeOf(call, type)?.label ?? type;
}

function stateText(s: SubmissionRecord, now: Date): string {
  return isExpiredLink(s, now) ? T.withExpiredLink(T.state.PENDING) : T.state[s.state];
}

function publicSchool({ tokenHash: _hash, ...school }: SchoolRecord) {
  return school;
}

function time(iso: string | undefined, options?: BeijingTimeOptions): string {
  return iso ? formatBeijingTime(new Date(iso), options) : "";
}

function renderShow(
  call: CallDefinition,
  view: {
    submission: SubmissionRecord;
    school: SchoolRecord | undefined;
    history: SubmissionRecord[];
    emails: SentEmail[];
    isCurrent: boolean;
    details: Awaited<ReturnType<Operator["details"]["getDetails"]>>;
  },
): string {
  const { submission: s, school, history, emails, isCurrent, details } = view;
  const v = s.verdict;
  const S = T.show;
  const now = new Date();
  const stateLine =
    stateText(s, now) + (isCurrent ? S.current : "") + (s.supersededBy ? S.supersededBy(s.supersededBy) : "");
  const fields: Array<[string, string]> = [
    [S.school, school ? S.schoolLine(school.name, school.schoolId, school.level) : s.schoolId],
    ...(school
      ? ([[S.contact, `${school.contactName}  ${school.email}  ${school.phone}`]] as Array<[string, string]>)
      : []),
    [S.document, documentLabel(call, s.documentType)],
    [S.fileName, s.fileName],
    [S.state, stateLine],
    [S.linkIssued, time(s.createdAt)],
    ...(s.uploadedAt ? ([[S.uploadedAt, time(s.uploadedAt)]] as Array<[string, string]>) : []),
    ...(v
      ? ([
          [S.processedAt, time(v.processedAt)],
          [S.pages, v.pageCount === null ? "—" : String(v.pageCount)],
          [S.size, formatBytes(v.size)],
          [S.sha256, v.sha256 || "—"],
          ...(v.version !== undefined ? [[S.versionLabel, S.version(v.version)]] : []),
        ] as Array<[string, string]>)
      : []),
  ];
  const lines = [
    S.title(s.submissionId, v?.receiptNumber),
    "",
    ...fields.map(([k, value]) => S.field(k, value)),
  ];
  lines.push("", S.heading(S.findings));
  if (!v) lines.push(`  ${S.noVerdict}`);
  else if (v.findings.length === 0) lines.push(`  ${S.noFindings}`);
  else
    v.findings.forEach((f, i) => {
      lines.push(`  ${S.finding(i + 1, f.severity, f.code, f.message)}`);
    });

  lines.push("", S.history(documentLabel(call, s.documentType), history.length));
  lines.push(
    indent(
      renderTable(
        S.historyColumns,
        history.map((h) => [
          (h.submissionId === s.submissionId ? "▶ " : "  ") + h.submissionId,
          stateText(h, now),
          time(activityTime(h), { zoneSuffix: false }),
          h.verdict?.pageCount?.toString() ?? "",
          h.verdict?.receiptNumber ?? "",
          truncateMiddle(h.fileName, 40),
        ]),
      ),
    ),
  );

  lines.push("", S.emails);
  if (emails.length === 0) lines.push(`  ${S.noEmails}`);
  for (const e of emails)
    lines.push(`  ${time(e.at, { zoneSuffix: false })}  ${S.emailKind[e.kind]}  ${emailText(e)}`);

  lines.push("", S.heading(S.details));
  if (!details) lines.push(`  ${S.noDetails}`);
  else
    for (const field of ["servedMajorGroup", "partner1", "partner2", "contactName", "contactPhone"] as const)
      lines.push(`  ${S.field(T.detailsLabel[field], details[field])}`);
  return lines.join("\n");
}

function emailText(e: SentEmail): string {
  switch (e.kind) {
    case "invitation":
    case "reminder":
      return `${e.to}  ${e.subject}`;
    case "receipt":
      return T.show.receiptLine(e.receiptNumber, e.submissionId);
    case "reviewers":
      return T.show.reviewersLine(e.submissionId, e.reviewers);
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
