import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { loadCall } from "../../../shared/call/load-call.ts";
import { checkCreditCode } from "../../../shared/checks/credit-code.ts";
import { parseSubmissionName } from "../../../shared/checks/name-template.ts";
import { validateSchoolIdentity } from "../../../shared/checks/school-identity.ts";
import {
  checkAlarms,
  checkCors,
  checkDeadLetters,
  checkDeadline,
  checkSender,
  checkSesAccount,
  DEADLINE_WARNING_MS,
  doctorExitCode,
  originAllowed,
  originOf,
  senderIdentities,
} from "../../../shared/doctor/checks.ts";
import { renderDoctorReport, runDoctor } from "../../../shared/doctor/run-doctor.ts";
import { DOCTOR_TEXT } from "../../../shared/messages/doctor.ts";
import {
  isSmokeSchool,
  smokeFileName,
  smokePdf,
  smokeSchool,
} from "../../../shared/operator/smoke-school.ts";

const production = {
  kind: "aws" as const,
  productionAccessEnabled: true,
  sendingEnabled: true,
  max24HourSend: 50_000,
  sentLast24Hours: 120,
};

describe("SES account", () => {
  it("passes with production access and quota to spare", () => {
    expect(checkSesAccount(production)).toMatchObject({ status: "ok" });
  });

  it("fails in the sandbox, naming the console setting that lifts it", () => {
    const result = checkSesAccount({ ...production, productionAccessEnabled: false, max24HourSend: 200 });
    expect(result).toMatchObject({ status: "fail", message: DOCTOR_TEXT.sesSandbox(200) });
    expect(result.fix).toContain("Request production access");
  });

  it("fails when SES has paused sending, whatever the access", () => {
    expect(checkSesAccount({ ...production, sendingEnabled: false })).toMatchObject({ status: "fail" });
  });

  it("warns when most of the day's quota is used", () => {
    expect(checkSesAccount({ ...production, sentLast24Hours: 40_000 })).toMatchObject({ status: "warn" });
    expect(checkSesAccount({ ...production, sentLast24Hours: 39_999 })).toMatchObject({ status: "ok" });
  });

  it("does not apply to the emulator", () => {
    expect(checkSesAccount({ kind: "emulator" })).toMatchObject({ status: "skip" });
  });
});

describe("sender identity", () => {
  const sender = (identities: Record<string, "Success" | "Pending" | "Failed" | "NotStarted">) =>
    checkSender({ kind: "aws", address: "shenbao@hnedu.example.cn", region: "ap-southeast-1", identities });

  it("asks about the address and its domain", () => {
    expect(senderIdentities("shenbao@hnedu.example.cn")).toEqual([
      "shenbao@hnedu.example.cn",
      "hnedu.example.cn",
    ]);
  });

  it("passes when the address or its domain is verified", () => {
    expect(sender({ "shenbao@hnedu.example.cn": "Success" })).toMatchObject({ status: "ok" });
    expect(sender({ "hnedu.example.cn": "Success", "shenbao@hnedu.example.cn": "Pending" })).toMatchObject({
      status: "ok",
      message: DOCTOR_TEXT.senderVerified("shenbao@hnedu.example.cn", "hnedu.example.cn"),
    });
  });

  it("fails while verification is pending, pointing at the link or the DKIM records", () => {
    const result = sender({ "shenbao@hnedu.example.cn": "Pending" });
    expect(result.status).toBe("fail");
    expect(result.fix).toContain("SenderDkimRecords");
  });

  it("fails for an identity SES does not know, with the command that creates it in the mail region", () => {
    const result = sender({});
    expect(result).toMatchObject({
      status: "fail",
      message: DOCTOR_TEXT.senderMissing("shenbao@hnedu.example.cn"),
    });
    expect(result.fix).toContain(
      "aws sesv2 create-email-identity --email-identity shenbao@hnedu.example.cn --region ap-southeast-1",
    );
  });

  it("fails for a failed verification", () => {
    expect(sender({ "shenbao@hnedu.example.cn": "Failed" })).toMatchObject({ status: "fail" });
  });

  it("warns when no sender is configured, and does not apply to the emulator", () => {
    expect(checkSender({ kind: "unconfigured" })).toMatchObject({
      status: "warn",
      fix: DOCTOR_TEXT.senderNotConfiguredFix,
    });
    expect(checkSender({ kind: "emulator", address: "a@b.cn" })).toMatchObject({ status: "skip" });
  });
});

describe("deadline", () => {
  const now = new Date("2027-11-01T00:00:00Z");

  it("passes with time ahead", () => {
    expect(checkDeadline(new Date("2027-11-15T15:59:59Z"), now)).toMatchObject({
      status: "ok",
      message: DOCTOR_TEXT.deadlineAhead("2027年11月15日 23:59:59（北京时间）", 14),
    });
  });

  it("fails once passed, naming the setting to change", () => {
    const result = checkDeadline(new Date("2024-11-20T09:00:00Z"), now);
    expect(result.status).toBe("fail");
    expect(result.fix).toContain("-c deadline=");
    expect(result.fix).toContain("SHENBAO_DEADLINE");
    expect(checkDeadline(now, now).status).toBe("fail");
  });

  it("warns within the last two days", () => {
    expect(checkDeadline(new Date(now.getTime() + DEADLINE_WARNING_MS - 1), now).status).toBe("warn");
    expect(checkDeadline(new Date(now.getTime() + DEADLINE_WARNING_MS), now).status).toBe("ok");
  });
});

describe("dead letters", () => {
  it("passes when empty and warns with the commands when not", () => {
    expect(checkDeadLetters({ kind: "counted", messages: 0 })).toMatchObject({ status: "ok" });
    expect(checkDeadLetters({ kind: "counted", messages: 3 })).toMatchObject({
      status: "warn",
      message: DOCTOR_TEXT.deadLettersWaiting(3),
      fix: DOCTOR_TEXT.deadLettersFix,
    });
    expect(checkDeadLetters({ kind: "unconfigured" }).fix).toContain("SHENBAO_DLQ_URL");
  });
});

describe("alarm subscriptions", () => {
  const topicArn = "arn:aws:sns:ap-southeast-1:123456789012:alarms";
  const confirmed = { protocol: "email", endpoint: "ops@x.cn", subscriptionArn: `${topicArn}:abc` };
  const pending = { protocol: "email", endpoint: "ops@x.cn", subscriptionArn: "PendingConfirmation" };

  it("passes with a confirmed subscription", () => {
    expect(checkAlarms({ kind: "listed", topicArn, subscriptions: [pending, confirmed] })).toMatchObject({
      status: "ok",
      message: DOCTOR_TEXT.alarmsSubscribed(1),
    });
  });

  it("counts pending confirmations as none", () => {
    expect(checkAlarms({ kind: "listed", topicArn, subscriptions: [pending] })).toMatchObject({
      status: "warn",
      message: DOCTOR_TEXT.alarmsPending(1),
    });
  });

  it("gives the subscribe command for a topic without subscriptions", () => {
    const result = checkAlarms({ kind: "listed", topicArn, subscriptions: [] });
    expect(result.status).toBe("warn");
    expect(result.fix).toContain(`aws sns subscribe --topic-arn ${topicArn}`);
  });

  it("does not apply locally", () => {
    expect(checkAlarms({ kind: "local" }).status).toBe("skip");
  });
});

describe("CORS", () => {
  const page = "https://abc123.execute-api.ap-southeast-1.amazonaws.com/";

  it("reads a page address's origin", () => {
    expect(originOf(page)).toBe("https://abc123.execute-api.ap-southeast-1.amazonaws.com");
    expect(originOf("http://127.0.0.1:3000/#/x")).toBe("http://127.0.0.1:3000");
    expect(originOf("not a url")).toBeUndefined();
  });

  it("matches origins as S3 does, one wildcard each", () => {
    expect(originAllowed("http://127.0.0.1:3000", ["http://127.0.0.1:*"])).toBe(true);
    expect(originAllowed("http://127.0.0.1.evil.cn", ["http://127.0.0.1"])).toBe(false);
  });

  it("passes when a rule allows POST from the page's origin", () => {
    const rules = [
      {
        allowedOrigins: ["https://abc123.execute-api.ap-southeast-1.amazonaws.com"],
        allowedMethods: ["POST"],
      },
    ];
    expect(checkCors({ kind: "read", publicUrl: page, rules })).toMatchObject({ status: "ok" });
  });

  it("fails for another origin, a GET-only rule or no rules, with the deploy setting", () => {
    const other = [{ allowedOrigins: ["https://shenbao.example.cn"], allowedMethods: ["POST"] }];
    const result = checkCors({ kind: "read", publicUrl: page, rules: other });
    expect(result.status).toBe("fail");
    expect(result.message).toContain("https://shenbao.example.cn");
    expect(result.fix).toContain("-c allowedOrigin=https://abc123.execute-api.ap-southeast-1.amazonaws.com");
    const getOnly = [{ allowedOrigins: ["*"], allowedMethods: ["GET"] }];
    expect(checkCors({ kind: "read", publicUrl: page, rules: getOnly }).status).toBe("fail");
    expect(checkCors({ kind: "read", publicUrl: page, rules: [] }).status).toBe("fail");
  });
});

describe("the report", () => {
  const sources = {
    sesAccount: async () => production,
    sender: async () => ({
      kind: "aws" as const,
      address: "a@b.cn",
      region: "r",
      identities: { "a@b.cn": "Success" as const },
    }),
    deadline: () => new Date("2027-11-15T15:59:59Z"),
    deadLetters: async () => ({ kind: "counted" as const, messages: 0 }),
    alarms: async () => ({ kind: "local" as const }),
    cors: async () => ({
      kind: "read" as const,
      publicUrl: "https://p.cn",
      rules: [{ allowedOrigins: ["https://p.cn"], allowedMethods: ["POST"] }],
    }),
  };
  const now = new Date("2027-11-01T00:00:00Z");

  it("exits 0 when nothing fails, 1 when a check fails", async () => {
    const results = await runDoctor(sources, now);
    expect(results.map((r) => r.id)).toEqual([
      "sesAccount",
      "sender",
      "deadline",
      "deadLetters",
      "alarms",
      "cors",
    ]);
    expect(doctorExitCode(results)).toBe(0);
    const late = await runDoctor({ ...sources, deadline: () => new Date("2024-01-01T00:00:00Z") }, now);
    expect(doctorExitCode(late)).toBe(1);
    expect(renderDoctorReport(late)).toContain(`✗ ${DOCTOR_TEXT.title.deadline}：`);
    expect(renderDoctorReport(late)).toContain(DOCTOR_TEXT.summaryBlocking(1));
  });

  it("reports a fact it could not read as such, with the permission it needs, never as success", async () => {
    const denied = Object.assign(
      new Error("User is not authorized to perform: sns:ListSubscriptionsByTopic"),
      {
        name: "AuthorizationError",
      },
    );
    const results = await runDoctor({ ...sources, alarms: async () => Promise.reject(denied) }, now);
    const alarms = results.find((r) => r.id === "alarms");
    expect(alarms).toMatchObject({ status: "warn" });
    expect(alarms?.message).toContain("AuthorizationError");
    expect(alarms?.fix).toContain("sns:ListSubscriptionsByTopic");
  });

  it("reports a source that never answers, after its time limit", async () => {
    const results = await runDoctor({ ...sources, cors: () => new Promise(() => {}) }, now, 20);
    expect(results.find((r) => r.id === "cors")).toMatchObject({
      status: "warn",
      message: DOCTOR_TEXT.uncheckable(`FactTimedOut: ${DOCTOR_TEXT.noAnswer(0.02)}`),
    });
  });
});

describe("the smoke test's school and file", () => {
  const { call, catalog } = loadCall({});
  const now = new Date("2027-11-01T08:00:00Z");

  it("is a valid registration in the reserved range, unique per second", () => {
    const school = smokeSchool(now, "ops@hnedu.example.cn");
    expect(validateSchoolIdentity(school, { call })).toEqual([]);
    expect(checkCreditCode(school.creditCode).ok).toBe(true);
    expect(isSmokeSchool(school.creditCode)).toBe(true);
    expect(smokeSchool(new Date(now.getTime() + 1000), "x@y.cn").creditCode).not.toBe(school.creditCode);
    expect(isSmokeSchool("12410000MB1234567L")).toBe(false);
  });

  it("files under the official name, and the PDF opens", async () => {
    const parsed = parseSubmissionName(smokeFileName({ call, catalog }), call.nameTemplate);
    expect(parsed.ok).toBe(true);
    const doc = await PDFDocument.load(await smokePdf());
    expect(doc.getPageCount()).toBe(2);
  });
});
