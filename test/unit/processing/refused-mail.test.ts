/**
 * E-mail SES refuses for good (MailRejected: the sandbox, an unverified sender or recipient) is never lost: processing
 * records it on the submission (what, to whom, why) and does not mark it sent; the retry (the scheduled job's
 * `due` run, an operator's resend) sends it later, each message at most once, however many retriers run.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { CheckContext } from "../../../shared/checks/context.ts";
import { CLAIM_MS, MAX_ATTEMPTS } from "../../../shared/mail/pending-mail.ts";
import { type RetryDeps, retryPendingMail } from "../../../shared/mail/retry-pending-mail.ts";
import { type ProcessDeps, processUpload } from "../../../shared/processing/process-upload.ts";
import type { UploadedObject } from "../../../shared/processing/uploaded-object.ts";
import type { SchoolRecord, SubmissionRecord } from "../../../shared/submissions/records.ts";
import { FakeInspector } from "../../fakes/fake-inspector.ts";
import { MemoryMailer } from "../../fakes/memory-mailer.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { henanContext } from "../../helpers/call.ts";
import { inspected } from "../../helpers/facts.ts";
import { pendingSubmission, storedUpload } from "../../helpers/pending-upload.ts";
import { registeredSchool } from "../../helpers/school-record.ts";

const REVIEWERS = ["review-a@hnjyt.example.cn", "review-b@hnjyt.example.cn"];
const SCHOOL_ID = "12410000415804312X";
const MINUTE = 60_000;
const school: SchoolRecord = registeredSchool(SCHOOL_ID);

let ctx: CheckContext;
let submissions: MemorySubmissionRepository;
let objects: MemoryObjectStore;
let mailer: MemoryMailer;
let schools: MemorySchoolRepository;
let now: Date;
let errors: Array<{ message: string; fields: Record<string, unknown> }>;
const log = () => ({
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, ...extra: Record<string, unknown>[]) => {
    errors.push({ message, fields: Object.assign({}, ...extra) });
  },
});

beforeEach(async () => {
  ctx = henanContext({ deadline: "2024-11-15T15:59:59.999Z" });
  schools = new MemorySchoolRepository();
  submissions = new MemorySubmissionRepository();
  objects = new MemoryObjectStore();
  mailer = new MemoryMailer();
  now = new Date("2024-11-15T01:05:01.000Z");
  errors = [];
  await schools.registerSchool(school);
});

function deps(delivery = "message-1"): ProcessDeps {
  return {
    ctx,
    schools,
    submissions,
    objects,
    mailer,
    inspector: new FakeInspector(inspected({ pageCount: 12, title: "佐证材料" })),
    reviewers: REVIEWERS,
    delivery: { id: delivery, until: new Date(now.getTime() + 15 * MINUTE) },
    clock: () => now,
    log: log(),
  };
}

function retrier(owner: string): RetryDeps {
  return { submissions, mailer, clock: () => now, owner, log: log() };
}

/** A decided upload (processed once), as it stands afterwards. */
async function processed(): Promise<{ submission: SubmissionRecord; object: UploadedObject }> {
  const pending = pendingSubmission(ctx.call.id, school);
  await submissions.createPending(pending);
  const object = storedUpload(objects, pending, "2024-11-15T01:04:59.000Z");
  expect(await processUpload(object, deps())).toMatchObject({ kind: "decided", state: "ACCEPTED" });
  return {
    submission: (await submissions.getSubmission(SCHOOL_ID, pending.submissionId)) as SubmissionRecord,
    object,
  };
}

const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * MINUTE);
};

describe("a receipt SES refuses", () => {
  it("is recorded on the submission (what, to whom, why, when next) and not marked sent", async () => {
    mailer.reject(school.email);
    const { submission } = await processed();

    expect(submission.receiptSentAt).toBeUndefined();
    expect(submission.mailPending?.receipt).toMatchObject({
      kind: "receipt",
      email: { to: school.email, subject: expect.stringContaining("回执") },
      reason: `Email address is not verified: ${school.email}`,
      attempts: 1,
      firstFailedAt: now.toISOString(),
      nextAttemptAt: new Date(now.getTime() + 5 * MINUTE).toISOString(),
    });
    expect(submission.reviewersNotified).toStrictEqual(REVIEWERS);
    expect(submission.reviewersNotifiedAt).toBe(now.toISOString());
    expect(errors.map((e) => e.message)).toStrictEqual(["e-mail refused; recorded for retry"]);
  });

  it("is left to the retry by a redelivery of the upload's message (no second attempt in processing)", async () => {
    mailer.reject(school.email);
    const { object } = await processed();
    mailer.accept(school.email);

    await processUpload(object, deps());

    expect(mailer.to(school.email)).toHaveLength(0);
    const stored = await submissions.listPendingMail();
    expect(stored.map((r) => [r.key, r.mail.attempts])).toStrictEqual([["receipt", 1]]);
  });

  it("is retried when due, with doubling backoff, and sent once when SES takes it", async () => {
    mailer.reject(school.email);
    const { submission } = await processed();

    expect(await retryPendingMail({ mode: "due" }, retrier("job-1"))).toStrictEqual([]);
    later(5);
    const [refused] = await retryPendingMail({ mode: "due" }, retrier("job-2"));
    expect(refused).toMatchObject({ result: "failed", refused: true, gaveUp: false });
    expect(refused?.ref.mail).toMatchObject({
      attempts: 2,
      nextAttemptAt: new Date(now.getTime() + 10 * MINUTE).toISOString(),
    });
    expect(refused?.ref.mail.claimOwner).toBeUndefined();
    later(9);
    expect(await retryPendingMail({ mode: "due" }, retrier("job-3"))).toStrictEqual([]);

    mailer.accept(school.email);
    later(1);
    const [sent] = await retryPendingMail({ mode: "due" }, retrier("job-4"));
    expect(sent).toMatchObject({ result: "sent" });
    const after = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(after?.receiptSentAt).toBe(now.toISOString());
    expect(after?.mailPending).toBeUndefined();
    expect(mailer.to(school.email).map((m) => m.subject)).toStrictEqual([
      submission.mailPending?.receipt?.email.subject,
    ]);
    later(60);
    expect(await retryPendingMail({ mode: "all" }, retrier("job-5"))).toStrictEqual([]);
    expect(mailer.to(school.email)).toHaveLength(1);
  });

  it("goes out once when two retriers race for it, and a live claim keeps a third away", async () => {
    mailer.reject(school.email);
    await processed();
    mailer.accept(school.email);
    later(5);

    const runs = await Promise.all([
      retryPendingMail({ mode: "due" }, retrier("job-a")),
      retryPendingMail({ mode: "all" }, retrier("cli-b")),
    ]);

    expect(
      runs
        .flat()
        .map((r) => r.result)
        .sort(),
    ).toStrictEqual(["busy", "sent"]);
    expect(mailer.to(school.email)).toHaveLength(1);
  });

  it("is taken over from a retrier that died holding its claim, once the claim lapses", async () => {
    mailer.reject(school.email);
    const { submission } = await processed();
    const id = { schoolId: SCHOOL_ID, submissionId: submission.submissionId, key: "receipt" };
    const until = new Date(now.getTime() + CLAIM_MS).toISOString();
    expect(
      await submissions.claimPendingMail(id, { owner: "dead", now: now.toISOString(), until }),
    ).toBeDefined();
    mailer.accept(school.email);

    expect(await retryPendingMail({ mode: "all" }, retrier("cli-1"))).toMatchObject([{ result: "busy" }]);
    later(CLAIM_MS / MINUTE + 1);
    expect(await retryPendingMail({ mode: "all" }, retrier("cli-2"))).toMatchObject([{ result: "sent" }]);
    expect(mailer.to(school.email)).toHaveLength(1);
  });

  it("is not sent again when the record says it went out (a retrier died after sending)", async () => {
    mailer.reject(school.email);
    const { submission } = await processed();
    await submissions.markReceiptSent(SCHOOL_ID, submission.submissionId, now.toISOString());
    mailer.accept(school.email);

    expect(await retryPendingMail({ mode: "all" }, retrier("cli-1"))).toMatchObject([
      { result: "already-sent" },
    ]);
    expect(mailer.to(school.email)).toHaveLength(0);
    expect(await submissions.listPendingMail()).toStrictEqual([]);
  });

  it(`stops being retried automatically after ${MAX_ATTEMPTS} attempts, says so, and an operator can still send it`, async () => {
    mailer.reject(school.email);
    const { submission } = await processed();
    const attempts: number[] = [];
    for (let run = 0; run < 20; run += 1) {
      later(6 * 60);
      for (const r of await retryPendingMail({ mode: "due" }, retrier(`job-${run}`)))
        if (r.result === "failed") attempts.push(r.ref.mail.attempts);
    }

    expect(attempts).toStrictEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(errors.filter((e) => e.message === "mail retries exhausted")).toMatchObject([
      { fields: { submissionId: submission.submissionId, kind: "receipt", attempts: MAX_ATTEMPTS } },
    ]);
    const [given] = await submissions.listPendingMail();
    expect(given?.mail.nextAttemptAt).toBeUndefined();
    mailer.accept(school.email);
    expect(await retryPendingMail({ mode: "due" }, retrier("job-late"))).toStrictEqual([]);
    expect(
      await retryPendingMail({ mode: "submission", submissionId: submission.submissionId }, retrier("cli")),
    ).toMatchObject([{ result: "sent" }]);
    expect(mailer.to(school.email)).toHaveLength(1);
  });
});

describe("a reviewer's notice SES refuses", () => {
  it("leaves that reviewer (and the notice as a whole) not notified, the others notified", async () => {
    mailer.reject(REVIEWERS[1] as string);
    const { submission } = await processed();

    expect(submission.reviewersNotified).toStrictEqual([REVIEWERS[0]]);
    expect(submission.reviewersNotifiedAt).toBeUndefined();
    expect(submission.receiptSentAt).toBeDefined();
    expect(Object.keys(submission.mailPending ?? {})).toStrictEqual([`reviewer:${REVIEWERS[1]}`]);
    expect(submission.mailPending?.[`reviewer:${REVIEWERS[1]}`]).toMatchObject({
      kind: "reviewer",
      email: { to: REVIEWERS[1], subject: expect.stringContaining("【待评审】") },
    });
  });

  it("is sent by the retry, which then marks every reviewer notified; a redelivery sends nothing more", async () => {
    mailer.reject(REVIEWERS[1] as string);
    const { submission, object } = await processed();
    mailer.accept(REVIEWERS[1] as string);
    await processUpload(object, deps());
    expect(mailer.to(REVIEWERS[1] as string)).toHaveLength(0);

    later(5);
    expect(await retryPendingMail({ mode: "due" }, retrier("job-1"))).toMatchObject([{ result: "sent" }]);
    await processUpload(object, deps("message-2"));

    const after = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(after?.reviewersNotified).toStrictEqual(REVIEWERS);
    expect(after?.reviewersNotifiedAt).toBe(now.toISOString());
    expect(REVIEWERS.map((r) => mailer.to(r).length)).toStrictEqual([1, 1]);
    expect(mailer.to(school.email)).toHaveLength(1);
  });
});
