/**
 * The doctor's decisions: each a pure function from facts gathered by ports (shared/doctor/sources.ts) to one line
 * of the report. Nothing here does I/O.
 */
import { DOCTOR_TEXT } from "../messages/doctor.ts";
import { formatBeijingTime } from "../messages/format.ts";

export type CheckId = "sesAccount" | "sender" | "deadline" | "deadLetters" | "alarms" | "cors";

/** ok ✓; fail ✗ (a call cannot work: exit 1); warn ! (works, but needs attention); skip - (not on this target). */
export type CheckStatus = "ok" | "fail" | "warn" | "skip";

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  message: string;
  /** The command or console setting that mends it. */
  fix?: string;
}

/** What SES says about the account (SESv2 GetAccount), or that this target's SES is the local emulator. */
export type SesAccountFacts =
  | { kind: "emulator" }
  | {
      kind: "aws";
      productionAccessEnabled: boolean;
      sendingEnabled: boolean;
      max24HourSend: number;
      sentLast24Hours: number;
    };

/** Share of the daily quota past which the doctor warns: deadline day brings a burst of receipts. */
export const QUOTA_WARNING_SHARE = 0.8;

export function checkSesAccount(facts: SesAccountFacts): CheckResult {
  const id = "sesAccount";
  if (facts.kind === "emulator") return { id, status: "skip", message: DOCTOR_TEXT.sesEmulator };
  if (!facts.sendingEnabled) {
    return {
      id,
      status: "fail",
      message: DOCTOR_TEXT.sesSendingDisabled,
      fix: DOCTOR_TEXT.sesSendingDisabledFix,
    };
  }
  if (!facts.productionAccessEnabled) {
    return {
      id,
      status: "fail",
      message: DOCTOR_TEXT.sesSandbox(facts.max24HourSend),
      fix: DOCTOR_TEXT.sesSandboxFix,
    };
  }
  if (facts.max24HourSend > 0 && facts.sentLast24Hours >= facts.max24HourSend * QUOTA_WARNING_SHARE) {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.sesQuotaNearlyUsed(facts.sentLast24Hours, facts.max24HourSend),
      fix: DOCTOR_TEXT.sesQuotaFix,
    };
  }
  return {
    id,
    status: "ok",
    message: DOCTOR_TEXT.sesProduction(facts.sentLast24Hours, facts.max24HourSend),
  };
}

/** SES identity verification statuses, as GetIdentityVerificationAttributes reports them. */
export type VerificationStatus = "Success" | "Pending" | "Failed" | "TemporaryFailure" | "NotStarted";

export type SenderFacts =
  | { kind: "unconfigured" }
  | { kind: "emulator"; address: string }
  | {
      kind: "aws";
      address: string;
      region: string;
      /** The status of each identity SES knows among the address and its domain; absent ones are left out. */
      identities: Readonly<Record<string, VerificationStatus>>;
    };

/** The identities that may authorize a sender: the address itself and its domain. */
export function senderIdentities(address: string): string[] {
  const domain = address.slice(address.lastIndexOf("@") + 1);
  return domain && domain !== address ? [address, domain] : [address];
}

export function checkSender(facts: SenderFacts): CheckResult {
  const id = "sender";
  if (facts.kind === "unconfigured") {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.senderNotConfigured,
      fix: DOCTOR_TEXT.senderNotConfiguredFix,
    };
  }
  if (facts.kind === "emulator") {
    return { id, status: "skip", message: DOCTOR_TEXT.senderEmulator(facts.address) };
  }
  const { address, identities } = facts;
  const verified = senderIdentities(address).find((identity) => identities[identity] === "Success");
  if (verified) return { id, status: "ok", message: DOCTOR_TEXT.senderVerified(address, verified) };
  const known = senderIdentities(address).filter((identity) => identities[identity] !== undefined);
  if (known.length === 0) {
    return {
      id,
      status: "fail",
      message: DOCTOR_TEXT.senderMissing(address),
      fix: DOCTOR_TEXT.senderMissingFix(address, facts.region),
    };
  }
  const statuses = known.map((identity) => identities[identity]);
  if (statuses.some((s) => s === "Pending" || s === "NotStarted")) {
    return {
      id,
      status: "fail",
      message: DOCTOR_TEXT.senderPending(address),
      fix: DOCTOR_TEXT.senderPendingFix(address),
    };
  }
  return {
    id,
    status: "fail",
    message: DOCTOR_TEXT.senderFailed(address, statuses.join("/")),
    fix: DOCTOR_TEXT.senderMissingFix(address, facts.region),
  };
}

/** Less time than this before the deadline is worth a warning (an extension takes a redeploy). */
export const DEADLINE_WARNING_MS = 48 * 3_600_000;

export function checkDeadline(deadline: Date, now: Date): CheckResult {
  const id = "deadline";
  const shown = formatBeijingTime(deadline);
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) {
    return {
      id,
      status: "fail",
      message: DOCTOR_TEXT.deadlinePassed(shown),
      fix: DOCTOR_TEXT.deadlinePassedFix,
    };
  }
  if (left < DEADLINE_WARNING_MS) {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.deadlineSoon(shown, Math.floor(left / 3_600_000)),
      fix: DOCTOR_TEXT.deadlineSoonFix,
    };
  }
  return { id, status: "ok", message: DOCTOR_TEXT.deadlineAhead(shown, Math.floor(left / 86_400_000)) };
}

/** The dead-letter queue's depth (ApproximateNumberOfMessages + NotVisible), or that no queue was named. */
export type DeadLetterFacts = { kind: "unconfigured" } | { kind: "counted"; messages: number };

export function checkDeadLetters(facts: DeadLetterFacts): CheckResult {
  const id = "deadLetters";
  if (facts.kind === "unconfigured") {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.deadLettersNotConfigured,
      fix: DOCTOR_TEXT.deadLettersNotConfiguredFix,
    };
  }
  if (facts.messages > 0) {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.deadLettersWaiting(facts.messages),
      fix: DOCTOR_TEXT.deadLettersFix,
    };
  }
  return { id, status: "ok", message: DOCTOR_TEXT.deadLettersNone };
}

/** One subscription of the alarm topic; SNS gives `PendingConfirmation` as the ARN until it is confirmed. */
export interface Subscription {
  protocol: string;
  endpoint: string;
  subscriptionArn: string;
}

export type AlarmFacts =
  | { kind: "local" }
  | { kind: "unconfigured" }
  | { kind: "listed"; topicArn: string; subscriptions: readonly Subscription[] };

export function isConfirmed(subscription: Subscription): boolean {
  return subscription.subscriptionArn.startsWith("arn:");
}

export function checkAlarms(facts: AlarmFacts): CheckResult {
  const id = "alarms";
  if (facts.kind === "local") return { id, status: "skip", message: DOCTOR_TEXT.alarmsLocal };
  if (facts.kind === "unconfigured") {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.alarmsNotConfigured,
      fix: DOCTOR_TEXT.alarmsNotConfiguredFix,
    };
  }
  const confirmed = facts.subscriptions.filter(isConfirmed).length;
  if (confirmed > 0) return { id, status: "ok", message: DOCTOR_TEXT.alarmsSubscribed(confirmed) };
  const pending = facts.subscriptions.filter((s) => s.subscriptionArn === "PendingConfirmation").length;
  return pending > 0
    ? { id, status: "warn", message: DOCTOR_TEXT.alarmsPending(pending), fix: DOCTOR_TEXT.alarmsPendingFix }
    : { id, status: "warn", message: DOCTOR_TEXT.alarmsNone, fix: DOCTOR_TEXT.alarmsFix(facts.topicArn) };
}

/** One CORS rule of the bucket, as GetBucketCors gives it. */
export interface CorsRule {
  allowedOrigins: readonly string[];
  allowedMethods: readonly string[];
}

export type CorsFacts =
  | { kind: "unconfigured" }
  /** `publicUrl`: the page schools open; `rules`: the bucket's CORS rules (none when it has no configuration). */
  | { kind: "read"; publicUrl: string; rules: readonly CorsRule[] };

/** S3's CORS matching: each pattern may hold one `*` that matches any run of characters. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const parts = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${parts.join(".*")}$`).test(origin);
  });
}

/** The browser's Origin for a page address: scheme, host and a non-default port. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

export function checkCors(facts: CorsFacts): CheckResult {
  const id = "cors";
  if (facts.kind === "unconfigured") {
    return {
      id,
      status: "warn",
      message: DOCTOR_TEXT.corsNotConfigured,
      fix: DOCTOR_TEXT.corsNotConfiguredFix,
    };
  }
  const origin = originOf(facts.publicUrl) ?? facts.publicUrl;
  // The page uploads with a presigned POST: the preflight asks for POST from the page's origin.
  const allowed = facts.rules.some(
    (rule) => rule.allowedMethods.includes("POST") && originAllowed(origin, rule.allowedOrigins),
  );
  if (allowed) return { id, status: "ok", message: DOCTOR_TEXT.corsAllowed(origin) };
  return {
    id,
    status: "fail",
    message: DOCTOR_TEXT.corsRefused(origin, [...new Set(facts.rules.flatMap((r) => r.allowedOrigins))]),
    fix: DOCTOR_TEXT.corsFix(origin),
  };
}

/** Exit status of the report: 1 when any check found what stops a call from working. */
export function doctorExitCode(results: readonly CheckResult[]): 0 | 1 {
  return results.some((r) => r.status === "fail") ? 1 : 0;
}
