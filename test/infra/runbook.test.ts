/**
 * docs/runbook.md answers every alarm the stack raises: a section per alarm, under the alarm's construct id (which
 * its CloudWatch name contains), naming the dashboard widget to look at and the commands to run. A new alarm without
 * its section fails here; so does a section for an alarm that no longer exists.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../infra/constructs/shenbao-function.ts";
import { bodyOf, widgetTitles } from "./dashboard-body.ts";
import { type Synthesized, synthesize } from "./synthesize.ts";

const runbook = readFileSync(join(PROJECT_ROOT, "docs/runbook.md"), "utf8");

/** `## Heading` → the text up to the next `## `. */
const sections = new Map(
  runbook
    .split(/^## /m)
    .slice(1)
    .map((part) => [part.slice(0, part.indexOf("\n")).trim(), part] as const),
);

let synth: Synthesized;
let alarms: string[];
let widgets: string[];

beforeAll(() => {
  // With an alarm e-mail and in prod: every alarm the configuration can add.
  synth = synthesize(
    { stage: "prod", alarmEmail: "ops@example.edu.cn" },
    { cloudFormationValidation: false },
  );
  alarms = synth.stack.node
    .findAll()
    .filter((c) => c instanceof Alarm)
    .map((c) => c.node.id);
  const resources = Template.fromStack(synth.stack).toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const dashboard = Object.values(resources).find((r) => r.Type === "AWS::CloudWatch::Dashboard");
  widgets = widgetTitles(bodyOf(dashboard?.Properties.DashboardBody));
});
afterAll(() => synth.cleanup());

describe("docs/runbook.md", () => {
  it("has a section for every alarm of the stack, and none for an alarm it does not have", () => {
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    const alarmSections = [...sections.keys()].filter((heading) => /^\w+Alarm$/.test(heading));
    expect(alarmSections.sort()).toEqual([...alarms].sort());
  });

  it("says in each alarm's section what it means, which dashboard widget to read and what to run", () => {
    expect(widgets.length).toBeGreaterThanOrEqual(6);
    for (const alarm of alarms) {
      const section = sections.get(alarm) ?? "";
      expect(section, alarm).toContain("**Means**");
      expect(
        widgets.filter((title) => section.includes(title)),
        `${alarm} names a dashboard widget`,
      ).not.toEqual([]);
      const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
        .flatMap((block) => (block[1] ?? "").split("\n"))
        .filter((line) => /^(npx shenbao|aws) /.test(line));
      expect(commands.length, `${alarm} gives commands`).toBeGreaterThan(0);
    }
  });
});
