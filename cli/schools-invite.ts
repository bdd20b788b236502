import type { Command } from "commander";
import { normalizeCreditCode } from "../shared/checks/credit-code.ts";
import { INVITE_TEXT } from "../shared/messages/operator.ts";
import { type InvitationOutcome, inviteSchool } from "../shared/schools/invite-school.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { mapLimit } from "./concurrency.ts";
import { operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { json, out, renderTable } from "./table.ts";
import { UsageError } from "./usage-error.ts";

/** E-mails at once: SES's default sending rate is 14 a second (1 in the sandbox); the SDK retries throttling. */
const CONCURRENCY = 4;

/** `shenbao schools invite`: each college's upload link and a fresh token, by e-mail. */
export function registerSchoolsInvite(schools: Command, setExitCode: (code: number) => void): void {
  withTarget(
    schools
      .command("invite")
      .description(
        "E-mail colleges their upload link ({publicUrl}/#token=…), a fresh token and the call's requirements; " +
          "the old token stops working. Needs SHENBAO_SENDER and SHENBAO_PUBLIC_URL on AWS",
      )
      .argument("[creditCodes...]", "the colleges' 统一社会信用代码")
      .option("--all", "every active college"),
  ).action(async (ids: string[], opts: TargetOptions & { all?: boolean }) => {
    if (ids.length === 0 && !opts.all) throw new UsageError(INVITE_TEXT.chooseSchools);
    if (ids.length > 0 && opts.all) throw new UsageError(INVITE_TEXT.notBoth);
    const op = await operator(opts.endpoint);
    const mailer = op.mailer();
    const publicUrl = op.publicUrl();

    let chosen: SchoolRecord[];
    if (opts.all) {
      chosen = (await op.schools.listSchools()).filter((s) => s.status === "active");
    } else {
      const wanted = [...new Set(ids.map(normalizeCreditCode))];
      const found = await Promise.all(wanted.map((id) => op.schools.getSchool(id)));
      const unknown = wanted.filter((_, i) => !found[i]);
      if (unknown.length > 0) throw new UsageError(INVITE_TEXT.unknown(unknown));
      chosen = found as SchoolRecord[];
    }
    if (chosen.length === 0) {
      out(opts.json ? JSON.stringify({ sent: [], failed: [], skipped: [] }) : INVITE_TEXT.none);
      return;
    }

    const { results } = await mapLimit(chosen, CONCURRENCY, (school) =>
      inviteSchool(school, {
        call: op.ctx.call,
        schools: op.schools,
        mailer,
        mailLog: op.mailLog,
        publicUrl,
        now: new Date(),
      }),
    );
    const outcomes = results.map((r) => r.result);
    const failed = outcomes.filter((o) => o.kind === "mail-failed" || o.kind === "token-failed");
    const sent = outcomes.filter((o) => o.kind === "sent");
    const skipped = outcomes.filter((o) => o.kind === "skipped-revoked");
    if (opts.json) {
      json({
        sent: sent.map((o) => ({
          schoolId: o.school.schoolId,
          name: o.school.name,
          to: o.to,
          issuedAt: o.issuedAt,
        })),
        failed: failed.map((o) => ({
          schoolId: o.school.schoolId,
          name: o.school.name,
          kind: o.kind,
          message: reason(o),
        })),
        skipped: skipped.map((o) => ({
          schoolId: o.school.schoolId,
          name: o.school.name,
          reason: "revoked",
        })),
      });
    } else {
      out(
        renderTable(
          INVITE_TEXT.columns,
          outcomes.map((o) => [o.school.name, o.school.schoolId, o.school.email, resultText(o)]),
        ),
      );
      out("");
      out(INVITE_TEXT.summary(sent.length, failed.length, skipped.length));
      if (failed.length > 0) out(INVITE_TEXT.retry(failed.map((o) => o.school.schoolId)));
    }
    if (failed.length > 0) setExitCode(1);
  });
}

function resultText(outcome: InvitationOutcome): string {
  switch (outcome.kind) {
    case "sent":
      return INVITE_TEXT.sent;
    case "skipped-revoked":
      return INVITE_TEXT.skippedRevoked;
    case "mail-failed":
      return INVITE_TEXT.mailFailed(reason(outcome));
    case "token-failed":
      return INVITE_TEXT.tokenFailed(reason(outcome));
  }
}

function reason(outcome: InvitationOutcome): string {
  const error = "error" in outcome ? outcome.error : undefined;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error ?? "");
}
