/**
 * `shenbao doctor`'s flow: gather each fact through its port, decide each check (checks.ts), in a fixed order. A
 * fact that cannot be gathered (no permission, a wrong URL) is reported as such on its own line, never hidden and
 * never taken for success.
 */
import { DOCTOR_TEXT } from "../messages/doctor.ts";
import {
  type AlarmFacts,
  type CheckId,
  type CheckResult,
  type CorsFacts,
  checkAlarms,
  checkCors,
  checkDeadLetters,
  checkDeadline,
  checkSender,
  checkSesAccount,
  type DeadLetterFacts,
  type SenderFacts,
  type SesAccountFacts,
} from "./checks.ts";

/** The ports the doctor reads facts through: AWS adapters, the local stack's, or test fakes. */
export interface DoctorSources {
  sesAccount(): Promise<SesAccountFacts>;
  sender(): Promise<SenderFacts>;
  /** The deadline the deployment enforces. */
  deadline(): Date;
  deadLetters(): Promise<DeadLetterFacts>;
  alarms(): Promise<AlarmFacts>;
  cors(): Promise<CorsFacts>;
}

/** The permission each check's fact needs, named when reading it failed. */
export const CHECK_PERMISSIONS: Record<CheckId, string> = {
  sesAccount: "ses:GetAccount",
  sender: "ses:GetIdentityVerificationAttributes",
  deadline: "",
  deadLetters: "sqs:GetQueueAttributes",
  alarms: "sns:ListSubscriptionsByTopic",
  cors: "s3:GetBucketCORS",
};

/** How long one fact may take before it is reported as unanswered (a hung endpoint must not hang the doctor). */
export const FACT_TIMEOUT_MS = 15_000;

export class FactTimedOut extends Error {
  override readonly name = "FactTimedOut";
}

export async function runDoctor(
  sources: DoctorSources,
  now: Date,
  timeoutMs = FACT_TIMEOUT_MS,
): Promise<CheckResult[]> {
  const guarded = async <T>(id: CheckId, gather: () => Promise<T>, decide: (facts: T) => CheckResult) => {
    let facts: T;
    let timer: NodeJS.Timeout | undefined;
    try {
      facts = await Promise.race([
        gather(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new FactTimedOut(DOCTOR_TEXT.noAnswer(timeoutMs / 1000))),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return {
        id,
        status: "warn",
        message: DOCTOR_TEXT.uncheckable(reason),
        fix: DOCTOR_TEXT.uncheckableFix(CHECK_PERMISSIONS[id]),
      } satisfies CheckResult;
    } finally {
      clearTimeout(timer);
    }
    return decide(facts);
  };
  return Promise.all([
    guarded("sesAccount", () => sources.sesAccount(), checkSesAccount),
    guarded("sender", () => sources.sender(), checkSender),
    Promise.resolve(checkDeadline(sources.deadline(), now)),
    guarded("deadLetters", () => sources.deadLetters(), checkDeadLetters),
    guarded("alarms", () => sources.alarms(), checkAlarms),
    guarded("cors", () => sources.cors(), checkCors),
  ]);
}

/** The report as an operator reads it: one line per check, its fix indented below, then the summary. */
export function renderDoctorReport(results: readonly CheckResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${DOCTOR_TEXT.symbol[r.status]} ${DOCTOR_TEXT.title[r.id]}：${r.message}`);
    if (r.fix) lines.push(`    ${DOCTOR_TEXT.fixLabel}${r.fix}`);
  }
  const failures = results.filter((r) => r.status === "fail").length;
  const warnings = results.filter((r) => r.status === "warn").length;
  lines.push("", failures ? DOCTOR_TEXT.summaryBlocking(failures) : DOCTOR_TEXT.summaryOk(warnings));
  return lines.join("\n");
}
