/**
 * No lost mail, on the embedded stack: SES (through a fault proxy in front of the emulator, which cannot refuse)
 * refuses a school's receipt and one reviewer's notice as the sandbox does (400 MessageRejected). The refusal is
 * recorded on the submission and nothing is marked sent; `shenbao mail pending` shows it; the scheduled function
 * retries it when due (and records a refusal again); `shenbao mail resend`, run twice at once, sends each message
 * exactly once.
 */
import type { ScheduledEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRetryMailHandler } from "../../../functions/retry-mail/create-handler.ts";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";
import { type FaultProxy, type ProxiedRequest, startFaultProxy } from "../pipeline/fault-proxy.ts";
import { college, type OperatorStack, officialName, startOperatorStack, submit } from "./harness.ts";

/** Each CLI run is a fresh node process: slow on a loaded machine. */
const CLI_TIMEOUT = 180_000;
const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];
const school = college(71, { name: "河南退信重发职业学院" });
const UNVERIFIED = (address: string) =>
  `Email address is not verified. The following identities failed the check in region CN-NORTH-1: ${address}`;

/** A SendEmail call to this address (SES v1 form parameters, decoded). */
const sendingTo = (address: string) => (request: ProxiedRequest) =>
  request.text.includes(`Destination.ToAddresses.member.1=${address}&`);

let stack: OperatorStack;
let ses: FaultProxy;
let undoRouting: () => void;
let submissionId: string;

async function record(): Promise<SubmissionRecord | undefined> {
  return stack.repositories.submissions.getSubmission(school.creditCode, submissionId);
}

async function mailTo(address: string) {
  return (await stack.emails()).filter((m) => m.destination.to.includes(address));
}

beforeAll(async () => {
  stack = await startOperatorStack({ reviewers: REVIEWERS });
  ses = await startFaultProxy(stack.stack.endpoints.ses);
  // The functions' SES goes through the proxy; the CLI (another process) reaches the emulator directly.
  undoRouting = stack.routeThrough("ses", ses.url);
  ses.reject(sendingTo(school.email), UNVERIFIED(school.email));
  ses.reject(sendingTo(REVIEWERS[1] as string), UNVERIFIED(REVIEWERS[1] as string));
  const { token } = await stack.registerSchool(school);
  submissionId = await submit(
    stack,
    token,
    officialName(school.name, "数控技术"),
    await samplePdf({ pages: 5 }),
  );
  await stack.idle();
});

afterAll(async () => {
  undoRouting?.();
  await ses?.close();
  await stack?.stop();
});

describe("e-mail SES refuses", () => {
  it(
    "is recorded on the submission, and neither the receipt nor the refused reviewer is marked sent",
    async () => {
      const stored = await record();
      expect(stored?.state).toBe("ACCEPTED");
      expect(stored?.receiptSentAt).toBeUndefined();
      expect(stored?.reviewersNotified).toEqual([REVIEWERS[0]]);
      expect(stored?.reviewersNotifiedAt).toBeUndefined();
      expect(stored?.mailPending?.receipt).toMatchObject({
        kind: "receipt",
        email: { to: school.email, subject: expect.stringContaining(stored?.verdict?.receiptNumber ?? "?") },
        reason: UNVERIFIED(school.email),
        attempts: 1,
      });
      expect(stored?.mailPending?.[`reviewer:${REVIEWERS[1]}`]).toMatchObject({
        kind: "reviewer",
        attempts: 1,
      });
      expect(await mailTo(school.email)).toEqual([]);
      expect(await mailTo(REVIEWERS[1] as string)).toEqual([]);
      expect(await mailTo(REVIEWERS[0] as string)).toHaveLength(1);
      expect(stack.stack.eventDelivery.listDeadLetters()).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    "is listed by `mail pending`, in Chinese, with SES's reason",
    async () => {
      const table = await stack.cli(["mail", "pending"]);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain("学校");
      expect(table.stdout).toContain("下次尝试");
      expect(table.stdout).toContain(school.name);
      expect(table.stdout).toContain("受理回执");
      expect(table.stdout).toContain("评审通知");
      expect(table.stdout).toContain("Email address is not verified");
      expect(table.stdout).toContain("共 2 封邮件尚未发出");

      const listed = JSON.parse((await stack.cli(["mail", "pending", "--json"])).stdout).pending;
      expect(
        listed.map((p: { kind: string; to: string; attempts: number }) => [p.kind, p.to, p.attempts]).sort(),
      ).toEqual([
        ["receipt", school.email, 1],
        ["reviewer", REVIEWERS[1], 1],
      ]);
    },
    CLI_TIMEOUT,
  );

  it(
    "is retried by the scheduled function only when due, and a refusal again is counted",
    async () => {
      const now = Date.now();
      const job = (at: number) =>
        createRetryMailHandler({ ...stack.dependencies, clock: () => new Date(at) })({} as ScheduledEvent);

      expect(await job(now)).toEqual({ sent: 0, failed: 0, gaveUp: 0, busy: 0 });
      expect(await job(now + 6 * 60_000)).toEqual({ sent: 0, failed: 2, gaveUp: 0, busy: 0 });
      const stored = await record();
      expect(stored?.mailPending?.receipt?.attempts).toBe(2);
      expect(stored?.receiptSentAt).toBeUndefined();
      expect(await mailTo(school.email)).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    "is sent once by `mail resend`, even when two run at once, and then nothing is pending",
    async () => {
      const [a, b] = await Promise.all([
        stack.cli(["mail", "resend", "--all", "--json"]),
        stack.cli(["mail", "resend", "--all", "--json"]),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const results = [...JSON.parse(a.stdout).results, ...JSON.parse(b.stdout).results] as Array<{
        kind: string;
        result: string;
      }>;
      expect(
        results
          .filter((r) => r.result === "sent")
          .map((r) => r.kind)
          .sort(),
      ).toEqual(["receipt", "reviewer"]);

      const receipts = await mailTo(school.email);
      expect(receipts).toHaveLength(1);
      const stored = await record();
      expect(receipts[0]?.subject).toContain(stored?.verdict?.receiptNumber ?? "?");
      expect(await mailTo(REVIEWERS[1] as string)).toHaveLength(1);
      expect(await mailTo(REVIEWERS[0] as string)).toHaveLength(1);
      expect(stored?.receiptSentAt).toEqual(expect.any(String));
      expect(stored?.reviewersNotified).toEqual(REVIEWERS);
      expect(stored?.reviewersNotifiedAt).toEqual(expect.any(String));
      expect(stored?.mailPending).toBeUndefined();

      const again = await stack.cli(["mail", "resend", "--all"]);
      expect(again.stdout).toContain("没有待发送的邮件。");
      expect((await stack.cli(["mail", "pending"])).stdout).toContain("没有待发送的邮件：");
      expect(await mailTo(school.email)).toHaveLength(1);
    },
    CLI_TIMEOUT,
  );

  it(
    "asks which e-mail to resend when no selection is given",
    async () => {
      const bare = await stack.cli(["mail", "resend"]);
      expect(bare.code).toBe(2);
      expect(bare.stderr).toContain("请指定要重发的邮件");
      const unknown = await stack.cli(["mail", "resend", "--submission", submissionId]);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toContain(`提交 ${submissionId} 没有待发送的邮件`);
    },
    CLI_TIMEOUT,
  );
});
