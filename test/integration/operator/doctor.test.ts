/**
 * `shenbao doctor` against the embedded stack. Locally the CLI reads the deadline, the dead-letter queue (through
 * the stack's admin route) and the bucket's CORS for real; SES's sandbox and identity checks do not apply there
 * (the emulator has neither), so they are exercised through fake ports in process, and the AWS path's SESv2
 * GetAccount through the emulator's own account endpoint (the one SES API of the kind it has).
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doctorSources } from "../../../cli/doctor-command.ts";
import { operator } from "../../../cli/operator-context.ts";
import { LOCAL_CREDENTIALS } from "../../../infra/local/emulators.ts";
import { LOCAL_BUCKET, LOCAL_TABLE } from "../../../infra/local/shenbao-local.ts";
import { createAwsClients, uniformConnection } from "../../../shared/aws/clients.ts";
import { createSesV2ClientFrom } from "../../../shared/aws/doctor-clients.ts";
import { readSesAccount } from "../../../shared/aws/ses-account.ts";
import { doctorExitCode } from "../../../shared/doctor/checks.ts";
import { runDoctor } from "../../../shared/doctor/run-doctor.ts";
import { DOCTOR_TEXT, SMOKE_TEXT } from "../../../shared/messages/doctor.ts";
import { isSmokeSchool } from "../../../shared/operator/smoke-school.ts";
import { setVariable } from "../../helpers/environment-variable.ts";
import { DAY_MS, type OperatorStack, startOperatorStack } from "./harness.ts";

let stack: OperatorStack;
const pastDeadline = "2024-11-20T17:00:00+08:00";

beforeAll(async () => {
  stack = await startOperatorStack({
    deadline: pastDeadline,
    maxReceiveCount: 2,
    retryDelayMs: 20,
    logLevel: "SILENT",
  });
  // One message that can never be processed: dead-lettered after two receives.
  stack.stack.eventDelivery.deliverRawRecords(["this is not an S3 event"]);
  await stack.idle();
});

afterAll(async () => {
  await stack?.stop();
});

const line = (status: "ok" | "fail" | "warn" | "skip", id: keyof typeof DOCTOR_TEXT.title) =>
  `${DOCTOR_TEXT.symbol[status]} ${DOCTOR_TEXT.title[id]}：`;

describe("shenbao doctor on the local stack", () => {
  it("fails on the past deadline with the setting to change, warns about the dead letter, passes CORS", async () => {
    const run = await stack.cli(["doctor"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(line("fail", "deadline"));
    expect(run.stdout).toContain(DOCTOR_TEXT.deadlinePassedFix);
    expect(run.stdout).toContain(`${line("warn", "deadLetters")}${DOCTOR_TEXT.deadLettersWaiting(1)}`);
    expect(run.stdout).toContain(DOCTOR_TEXT.deadLettersFix);
    expect(run.stdout).toContain(`${line("ok", "cors")}${DOCTOR_TEXT.corsAllowed(stack.baseUrl)}`);
    expect(run.stdout).toContain(`${line("skip", "sesAccount")}${DOCTOR_TEXT.sesEmulator}`);
    expect(run.stdout).toContain(`${line("skip", "alarms")}${DOCTOR_TEXT.alarmsLocal}`);
    expect(run.stdout).toContain(DOCTOR_TEXT.summaryBlocking(1));
  }, 180_000);

  it("answers the same as JSON", async () => {
    const run = await stack.cli(["doctor", "--json"]);
    expect(run.code).toBe(1);
    const { checks, exitCode } = JSON.parse(run.stdout);
    expect(exitCode).toBe(1);
    expect(Object.fromEntries(checks.map((c: { id: string; status: string }) => [c.id, c.status]))).toEqual({
      sesAccount: "skip",
      sender: "skip",
      deadline: "fail",
      deadLetters: "warn",
      alarms: "skip",
      cors: "ok",
    });
  }, 180_000);

  it("with SES facts from fake ports: the sandbox and an unverified sender fail; a warning alone does not", async () => {
    const op = await operator("local", { ...process.env, SHENBAO_STACK_FILE: stack.stackFile });
    const { sources, close } = await doctorSources(op);
    try {
      const sandbox = await runDoctor(
        {
          ...sources,
          sesAccount: async () => ({
            kind: "aws",
            productionAccessEnabled: false,
            sendingEnabled: true,
            max24HourSend: 200,
            sentLast24Hours: 0,
          }),
          sender: async () => ({
            kind: "aws",
            address: "shenbao@hnedu.example.cn",
            region: "ap-southeast-1",
            identities: { "shenbao@hnedu.example.cn": "Pending" },
          }),
          alarms: async () => ({
            kind: "listed",
            topicArn: "arn:aws:sns:ap-southeast-1:123456789012:alarms",
            subscriptions: [
              { protocol: "email", endpoint: "ops@x.cn", subscriptionArn: "PendingConfirmation" },
            ],
          }),
        },
        new Date(),
      );
      const status = Object.fromEntries(sandbox.map((r) => [r.id, r.status]));
      expect(status).toMatchObject({
        sesAccount: "fail",
        sender: "fail",
        alarms: "warn",
        deadLetters: "warn",
      });

      const healthy = await runDoctor(
        {
          ...sources,
          sesAccount: async () => ({
            kind: "aws",
            productionAccessEnabled: true,
            sendingEnabled: true,
            max24HourSend: 50_000,
            sentLast24Hours: 3,
          }),
          deadline: () => new Date(Date.now() + 30 * DAY_MS),
        },
        new Date(),
      );
      // The dead letter is still there (a warning); nothing blocks.
      expect(healthy.find((r) => r.id === "deadLetters")?.status).toBe("warn");
      expect(doctorExitCode(healthy)).toBe(0);
    } finally {
      close();
    }
  }, 180_000);

  it("reads SES's account through SESv2 GetAccount (the emulator's account endpoint)", async () => {
    // The in-process SES emulator answers GetAccount from this variable (its only way in).
    const restore = setVariable(
      "AWS_SES_ACCOUNT",
      JSON.stringify({
        DedicatedIpAutoWarmupEnabled: false,
        Details: {
          AdditionalContactEmailAddresses: [],
          ContactLanguage: "ZH",
          MailType: "TRANSACTIONAL",
          ReviewDetails: { CaseId: "", Status: "PENDING" },
          UseCaseDescription: "",
          WebsiteURL: "",
        },
        EnforcementStatus: "HEALTHY",
        ProductionAccessEnabled: false,
        SendingEnabled: true,
        SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 7 },
        SuppressionAttributes: { SuppressedReasons: [] },
      }),
    );
    const sesv2 = createSesV2ClientFrom({
      endpoint: stack.stack.endpoints.ses,
      region: stack.stack.region,
      credentials: { ...LOCAL_CREDENTIALS },
    });
    try {
      expect(await readSesAccount(sesv2)).toEqual({
        kind: "aws",
        productionAccessEnabled: false,
        sendingEnabled: true,
        max24HourSend: 200,
        sentLast24Hours: 7,
      });
    } finally {
      sesv2.destroy();
      restore();
    }
  }, 180_000);

  it("--endpoint aws reads the bucket's CORS and reports what it could not reach, each with its fix", async () => {
    const { endpoints, region } = stack.stack;
    const run = await stack.cli(["doctor", "--endpoint", "aws", "--json"], {
      SHENBAO_TABLE: LOCAL_TABLE,
      SHENBAO_BUCKET: LOCAL_BUCKET,
      SHENBAO_PUBLIC_URL: `${stack.baseUrl}/`,
      SHENBAO_DEADLINE: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SES: endpoints.ses,
      AWS_ENDPOINT_URL_SESV2: endpoints.ses,
      AWS_MAX_ATTEMPTS: "1",
    });
    const checks = Object.fromEntries(JSON.parse(run.stdout).checks.map((c: { id: string }) => [c.id, c]));
    expect(checks.cors).toMatchObject({ status: "ok" });
    expect(checks.deadline).toMatchObject({ status: "ok" });
    // No queue URL or topic given: named, with the variable to set.
    expect(checks.deadLetters).toMatchObject({
      status: "warn",
      fix: DOCTOR_TEXT.deadLettersNotConfiguredFix,
    });
    expect(checks.alarms).toMatchObject({ status: "warn", fix: DOCTOR_TEXT.alarmsNotConfiguredFix });
    expect(checks.sender).toMatchObject({ status: "warn", fix: DOCTOR_TEXT.senderNotConfiguredFix });
    // The emulator's account endpoint has no account configured here: an error, reported as not checkable.
    expect(checks.sesAccount.status).toBe("warn");
    expect(checks.sesAccount.fix).toBe(DOCTOR_TEXT.uncheckableFix("ses:GetAccount"));
    expect(checks.sesAccount.message).toContain("Bad Request Exception");
  }, 180_000);
});

describe("shenbao smoke when the call is closed", () => {
  it("fails with the API's answer, exit 1, and still removes the test school and its token", async () => {
    const run = await stack.cli(["smoke", "--json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.passed).toBe(false);
    expect(report.failure).toMatch(/^API 拒绝发放上传链接（403 DEADLINE_PASSED）/);
    const removed = report.removed.items.map((k: { pk: string; sk: string }) => `${k.pk} ${k.sk}`);
    expect(removed).toContain(`SCHOOL#${report.schoolId} PROFILE`);
    // The token names its school: registration writes no token index item (docs/data-model.md, "Token index").
    expect(removed.some((k: string) => k.startsWith("TOKEN#"))).toBe(false);
    const clients = createAwsClients(
      uniformConnection(
        { region: stack.stack.region, credentials: { ...LOCAL_CREDENTIALS } },
        stack.stack.endpoints,
      ),
    );
    try {
      const { Items = [] } = await clients.document.send(new ScanCommand({ TableName: LOCAL_TABLE }));
      expect(Items.filter((i) => JSON.stringify(i).includes(report.schoolId))).toEqual([]);
    } finally {
      clients.destroy();
    }
    expect(isSmokeSchool(report.schoolId)).toBe(true);
  }, 180_000);

  it("on AWS without the API's URL is a usage error naming the variable", async () => {
    const run = await stack.cli(["smoke", "--endpoint", "aws"], { SHENBAO_TABLE: LOCAL_TABLE });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(SMOKE_TEXT.apiUrlMissing);
  }, 180_000);
});
