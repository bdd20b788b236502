import type { ScheduledEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSendRemindersHandler } from "../../../functions/send-reminders/create-handler.ts";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { requestUploadLink } from "../../../infra/local/school-client.ts";
import { parseReminderDays } from "../../../shared/reminders/plan-reminders.ts";
import { college, DAY_MS, type OperatorStack, officialName, startOperatorStack, submit } from "./harness.ts";

const accepted = college(51, { name: "河南鹤壁职业技术学院" });
const rejected = college(52, { name: "河南焦作职业技术学院" });
const silent = college(53, { name: "河南漯河职业技术学院" });
const revoked = college(54, { name: "河南三门峡职业技术学院" });
const pending = college(55, { name: "河南商丘职业技术学院" });
const NEEDING = [rejected, silent, pending];

let stack: OperatorStack;

/** Reminders in the mailbox, per recipient. */
async function reminders(): Promise<Record<string, string[]>> {
  const byRecipient: Record<string, string[]> = {};
  for (const mail of await stack.emails()) {
    if (!mail.subject.startsWith("【申报提醒】")) continue;
    const to = mail.destination.to[0] as string;
    byRecipient[to] = [...(byRecipient[to] ?? []), mail.body.text ?? ""];
  }
  return byRecipient;
}

beforeAll(async () => {
  // Two and a half days left: the 3-day stage of 7,3,1.
  stack = await startOperatorStack({ deadline: new Date(Date.now() + 2.5 * DAY_MS).toISOString() });
  const tokens: Record<string, string> = {};
  for (const school of [accepted, rejected, silent, revoked, pending])
    tokens[school.name] = (await stack.registerSchool(school)).token;
  await stack.repositories.schools.revokeSchool(revoked.creditCode);
  await submit(
    stack,
    tokens[accepted.name] as string,
    officialName(accepted.name, "数控技术"),
    await samplePdf({ pages: 5 }),
  );
  await submit(
    stack,
    tokens[rejected.name] as string,
    officialName(rejected.name, "数控技术"),
    await samplePdf({ pages: 51 }),
  );
  const link = await requestUploadLink(stack.baseUrl, tokens[pending.name] as string, {
    fileName: officialName(pending.name, "护理"),
    size: 2048,
  });
  expect(link.ok).toBe(true);
  await stack.idle();
});

afterAll(async () => {
  await stack?.stop();
});

describe("deadline reminders", () => {
  it("in a dry run, name the active colleges without an accepted application, and send nothing", async () => {
    const result = await stack.cli(["remind", "--dry-run", "--json"]);
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ stage: 3, dryRun: true, sent: [] });
    expect(run.due.sort()).toEqual(NEEDING.map((s) => s.creditCode).sort());
    expect(await reminders()).toEqual({});
  });

  it("go once per stage to exactly those colleges, saying what is missing and when the call closes", async () => {
    const first = await stack.cli(["remind"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("当前为“截止前 3 天”提醒阶段");
    expect(first.stdout).toContain("已向 3 所学校发送提醒。");
    const sent = await reminders();
    expect(Object.keys(sent).sort()).toEqual(NEEDING.map((s) => s.email).sort());
    expect(Object.values(sent).every((texts) => texts.length === 1)).toBe(true);
    const toRejected = sent[rejected.email]?.[0] ?? "";
    expect(toRejected).toContain(`尚未受理${rejected.name}的佐证材料（已上传 1 次，均未通过检查`);
    expect(toRejected).toMatch(/距截止还有 2 天 1\d 小时/);
    expect(sent[silent.email]?.[0]).toContain(`申报页面：${stack.baseUrl}`);

    // Again the same day: everyone is reminded already.
    const again = JSON.parse((await stack.cli(["remind", "--json"])).stdout);
    expect(again.sent).toEqual([]);
    expect(again.alreadyReminded).toHaveLength(3);
    expect(Object.values(await reminders()).flat()).toHaveLength(3);
  });

  it("stay single when two runs race for a new stage", async () => {
    const [a, b] = await Promise.all([
      stack.cli(["remind", "--days", "4", "--json"]),
      stack.cli(["remind", "--days", "4", "--json"]),
    ]);
    const runs = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(runs.every((r) => r.stage === 4)).toBe(true);
    const sentTotal = runs.flatMap((r) => r.sent);
    expect(sentTotal.sort()).toEqual(NEEDING.map((s) => s.creditCode).sort());
    expect(Object.values(await reminders()).flat()).toHaveLength(6);
  });

  it("are what the scheduled function sends, with the same once-per-stage rule", async () => {
    // The scheduled function as the stack wires it, with SHENBAO_REMINDER_DAYS=6,5.
    const sendRemindersHandler = createSendRemindersHandler({
      ...stack.dependencies,
      reminderDays: parseReminderDays("6,5"),
    });
    expect(await sendRemindersHandler({} as ScheduledEvent)).toEqual({ stage: 5, sent: 3, failed: 0 });
    expect(await sendRemindersHandler({} as ScheduledEvent)).toEqual({ stage: 5, sent: 0, failed: 0 });
    expect(Object.values(await reminders()).flat()).toHaveLength(9);
    // What the operator sees of it.
    const shown = await stack.cli(["submissions", "list", "--school", rejected.creditCode, "--json"]);
    const id = JSON.parse(shown.stdout).submissions[0].submissionId;
    const story = await stack.cli(["submissions", "show", id]);
    expect(story.stdout.match(/ {2}截止提醒 {2}/g)).toHaveLength(3);
  });
});
