/** Reminders: every morning at 09:00 Beijing time (01:00 UTC), send-reminders mails the schools that need one. */
import { type CfnElement, Duration, Names } from "aws-cdk-lib";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";
import type { DeploymentConfig } from "../config.ts";
import type { FunctionSettings } from "./function-settings.ts";
import { allow } from "./grants.ts";
import type { MailSender } from "./mail-sender.ts";
import { nodeUniqueIdOutsideSections, Section, uniqueId } from "./section.ts";
import { ShenbaoFunction } from "./shenbao-function.ts";

export interface RemindersProps {
  config: DeploymentConfig;
  settings: FunctionSettings;
  table: Table;
  mail: MailSender;
}

export class Reminders extends Section {
  readonly sendReminders: ShenbaoFunction;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const { config, settings, table, mail } = props;
    const sendReminders = new ShenbaoFunction(this, "SendReminders", {
      ...settings,
      entry: "functions/send-reminders/handler.ts",
      description:
        "Daily: a deadline reminder to each school without an accepted application, once per stage",
      memorySize: 512,
      // A few reads and at most one e-mail per school: a few hundred schools in well under a minute.
      timeout: Duration.minutes(5),
      environment: {
        ...settings.environment,
        POWERTOOLS_SERVICE_NAME: "send-reminders",
        SHENBAO_REMINDER_DAYS: config.reminderDays.replace(/\s/g, ""),
      },
    });
    this.sendReminders = sendReminders;
    // Schools from the index (listSchools); pointers, submissions and the mail log from the base table; the
    // reminder's claim is a conditional put, given back (deleted) when its e-mail cannot be sent.
    allow(sendReminders, ["dynamodb:Query"], [`${table.tableArn}/index/gsi1`]);
    allow(
      sendReminders,
      ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"],
      [table.tableArn],
    );
    mail.grantSend(sendReminders.function);
    const rule = new Rule(this, "DailyReminders", {
      description: "Deadline reminders to schools without an accepted application (send-reminders)",
      schedule: Schedule.cron({ minute: "0", hour: "1" }),
      // Two retries if an invocation fails as a whole; each reminder is claimed once, so a retry sends no duplicate.
      targets: [new LambdaFunction(sendReminders.function, { retryAttempts: 2 })],
    });
    // The target's invoke permission is named after the function's path: the logical id it has outside a section.
    const permission = rule.node.findChild(
      `AllowEventRule${Names.nodeUniqueId(sendReminders.function.node)}`,
    );
    (permission as CfnElement).overrideLogicalId(
      uniqueId([rule.node.id, `AllowEventRule${nodeUniqueIdOutsideSections(sendReminders.function)}`]),
    );
  }
}
