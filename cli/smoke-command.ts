import { type Command, InvalidArgumentError, Option } from "commander";
import { createAwsClients } from "../shared/aws/clients.ts";
import { SchoolTraceStore, type SchoolTraces } from "../shared/aws/school-traces.ts";
import { SMOKE_TEXT } from "../shared/messages/doctor.ts";
import { OPERATOR_TEXT, SUBMISSIONS_TEXT } from "../shared/messages/operator.ts";
import { smokeFileName, smokePdf, smokeSchool } from "../shared/operator/smoke-school.ts";
import { registerSchool } from "../shared/schools/register-school.ts";
import { LOCAL_SENDER, type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { postUpload, SchoolApi, type SubmissionStatus } from "./school-api.ts";
import { json, out } from "./table.ts";
import { UsageError } from "./usage-error.ts";

interface SmokeOptions extends TargetOptions {
  keep?: boolean;
  timeout: number;
  email?: string;
}

/** The smoke test failed at a step; its traces are still removed (unless --keep). */
class SmokeFailed extends Error {
  override readonly name = "SmokeFailed";
}

/** The call's own rules refuse the test school (a call file with other identity rules): a bug to report. */
class SmokeSchoolInvalid extends Error {
  override readonly name = "SmokeSchoolInvalid";
}

const DECIDED = new Set(["ACCEPTED", "REJECTED", "SUPERSEDED", "LATE"]);

/**
 * `shenbao smoke`: one complete submission through the deployed API (a test school with a reserved credit code,
 * a generated PDF under the official name), the verdict and the receipt waited for, then every trace removed:
 * the school's items, its token, its submissions and their object versions. Exit 0 passed, 1 failed.
 */
export function registerSmokeCommand(program: Command, setExitCode: (code: number) => void): void {
  withTarget(
    program
      .command("smoke")
      .description("Run one complete submission through the API with a test school, then remove its traces")
      .option("--keep", "keep the test school, its submission and its file")
      .option(
        "--email <address>",
        "where the test receipt goes (default: the sender address, which SES may mail)",
      )
      .addOption(
        new Option("--timeout <seconds>", "how long to wait for the verdict and the receipt")
          .default(120)
          .argParser((value) => {
            const seconds = Number(value);
            if (!Number.isFinite(seconds) || seconds <= 0)
              throw new InvalidArgumentError(SMOKE_TEXT.badTimeout(value));
            return seconds;
          }),
      ),
  ).action(async (opts: SmokeOptions) => {
    const op = await operator(opts.endpoint);
    const report = await runSmoke(op, opts, opts.json ? () => {} : out);
    if (opts.json) json(report);
    setExitCode(report.passed ? 0 : 1);
  });
}

export interface SmokeReport {
  passed: boolean;
  failure?: string;
  schoolId: string;
  submissionId?: string;
  state?: string;
  receiptNumber?: string;
  kept: boolean;
  removed: SchoolTraces;
}

async function runSmoke(op: Operator, opts: SmokeOptions, say: (line: string) => void): Promise<SmokeReport> {
  const stack = op.target.stack;
  const apiUrl = (stack?.baseUrl ?? op.target.env.SHENBAO_API_URL)?.replace(/\/+$/, "");
  if (!apiUrl) throw new UsageError(SMOKE_TEXT.apiUrlMissing);
  const email = opts.email ?? (stack ? (stack.sender ?? LOCAL_SENDER) : op.target.env.SHENBAO_SENDER);
  if (!email) throw new UsageError(OPERATOR_TEXT.senderMissing);
  const bucket = op.target.bucket;
  if (!bucket) throw new UsageError(OPERATOR_TEXT.bucketMissing);
  const clients = createAwsClients(op.target.connection);
  const traceStore = new SchoolTraceStore(clients.document, clients.s3, op.target.table, bucket);

  const outcome = await registerSchool(smokeSchool(new Date(), email), {
    ctx: op.ctx,
    schools: op.schools,
    now: new Date(),
  });
  if (outcome.kind === "invalid") {
    clients.destroy();
    throw new SmokeSchoolInvalid(`smoke school invalid: ${outcome.findings.map((f) => f.code).join(", ")}`);
  }
  const { school, token } = outcome;
  say(SMOKE_TEXT.step(1, SMOKE_TEXT.registered(school.name, school.schoolId)));
  const report: SmokeReport = {
    passed: false,
    schoolId: school.schoolId,
    kept: Boolean(opts.keep),
    removed: { items: [], objects: [] },
  };
  try {
    const api = new SchoolApi(apiUrl, token);
    const pdf = await smokePdf();
    const fileName = smokeFileName(op.ctx);
    const link = await api.requestLink({ fileName, size: pdf.byteLength }).catch((error: Error) => {
      throw new SmokeFailed(SMOKE_TEXT.apiUnreachable(apiUrl, String(error.cause ?? error.message)), {
        cause: error,
      });
    });
    if (!link.ok) throw new SmokeFailed(SMOKE_TEXT.linkRefused(link.status, link.code, link.message));
    report.submissionId = link.value.submissionId;
    say(SMOKE_TEXT.step(2, SMOKE_TEXT.linkIssued(link.value.submissionId)));

    const posted = await postUpload(link.value.upload, pdf, fileName);
    if (posted.status >= 300) throw new SmokeFailed(SMOKE_TEXT.uploadRefused(posted.status, posted.body));
    say(SMOKE_TEXT.step(3, SMOKE_TEXT.uploaded(pdf.byteLength)));

    const status = await waitForVerdict(api, link.value.submissionId, opts.timeout);
    report.state = status.state;
    report.receiptNumber = status.receipt?.receiptNumber;
    const stateLabel =
      SUBMISSIONS_TEXT.state[status.state as keyof typeof SUBMISSIONS_TEXT.state] ?? status.state;
    say(SMOKE_TEXT.step(4, SMOKE_TEXT.verdict(stateLabel, status.receipt?.receiptNumber ?? "")));
    if (status.state !== "ACCEPTED") {
      const errors = status.findings.filter((f) => f.severity === "error");
      throw new SmokeFailed(
        SMOKE_TEXT.notAccepted(stateLabel, errors.map((f) => `${f.code} ${f.message}`).join("；")),
      );
    }
    if (!status.receipt?.emailedAt) throw new SmokeFailed(SMOKE_TEXT.receiptMissing);
    say(SMOKE_TEXT.step(5, SMOKE_TEXT.receiptRecorded(status.receipt.emailedAt)));
    // The reviewers' notices follow the receipt in the same processing; removing the record under it would
    // make process-upload's last writes fail and its message retry.
    await settle(op, school.schoolId, link.value.submissionId);
    report.passed = true;
  } catch (error) {
    if (!(error instanceof SmokeFailed)) throw error;
    report.failure = error.message;
  } finally {
    try {
      if (!opts.keep) {
        report.removed = await traceStore.find(school.schoolId, school.tokenHash);
        await traceStore.remove(report.removed);
      }
    } finally {
      clients.destroy();
    }
  }
  if (opts.keep) say(SMOKE_TEXT.step(6, SMOKE_TEXT.kept(school.schoolId)));
  else {
    say(SMOKE_TEXT.step(6, SMOKE_TEXT.removed(report.removed.items.length, report.removed.objects.length)));
    for (const item of report.removed.items) say(SMOKE_TEXT.removedItem(`${item.pk} ${item.sk}`));
    for (const object of report.removed.objects) {
      say(
        SMOKE_TEXT.removedItem(
          `s3://${bucket}/${object.key}${object.versionId ? ` (${object.versionId})` : ""}`,
        ),
      );
    }
  }
  say(report.passed ? SMOKE_TEXT.passed : SMOKE_TEXT.failed(report.failure ?? ""));
  return report;
}

/** Polls the status API until a verdict with its receipt mark, or the time runs out. */
async function waitForVerdict(
  api: SchoolApi,
  submissionId: string,
  timeoutSeconds: number,
): Promise<SubmissionStatus> {
  const until = Date.now() + timeoutSeconds * 1000;
  let last = "";
  for (;;) {
    const answer = await api.status(submissionId);
    if (answer.ok) {
      last = answer.value.state;
      if (
        DECIDED.has(answer.value.state) &&
        (answer.value.receipt?.emailedAt || answer.value.state !== "ACCEPTED")
      )
        return answer.value;
    }
    if (Date.now() > until) {
      if (answer.ok && DECIDED.has(answer.value.state)) return answer.value;
      throw new SmokeFailed(
        SMOKE_TEXT.timedOut(timeoutSeconds, last || (answer.ok ? "" : String(answer.status))),
      );
    }
    await sleep(500);
  }
}

/** Until the reviewers are marked notified, or the record has not changed for 3 s (no reviewers configured). */
async function settle(op: Operator, schoolId: string, submissionId: string): Promise<void> {
  let previous = "";
  let stableSince = Date.now();
  for (;;) {
    const record = await op.submissions.getSubmission(schoolId, submissionId);
    if (!record || record.reviewersNotifiedAt) return;
    const now = JSON.stringify(record);
    if (now !== previous) {
      previous = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 3000) return;
    await sleep(250);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
