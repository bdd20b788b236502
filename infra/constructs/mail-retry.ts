/**
 * Mail retries: every five minutes, retry-mail sends the receipts and reviewers' notices SES refused, each when its
 * backoff is due; when a message has failed eight times it stops and an alarm tells the operator.
 */
import { type CfnElement, Duration, Names } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { FilterPattern, MetricFilter } from "aws-cdk-lib/aws-logs";
import type { Topic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import type { FunctionSettings } from "./function-settings.ts";
import { allow } from "./grants.ts";
import type { MailSender } from "./mail-sender.ts";
import { nodeUniqueIdOutsideSections, Section, uniqueId } from "./section.ts";
import { ShenbaoFunction } from "./shenbao-function.ts";

export interface MailRetryProps {
  settings: FunctionSettings;
  table: Table;
  mail: MailSender;
  alarmTopic: Topic;
}

export class MailRetry extends Section {
  readonly retryMail: ShenbaoFunction;

  constructor(scope: Construct, id: string, props: MailRetryProps) {
    super(scope, id);
    const { settings, table, mail, alarmTopic } = props;
    const retryMail = new ShenbaoFunction(this, "RetryMail", {
      ...settings,
      entry: "functions/retry-mail/handler.ts",
      description:
        "Every 5 minutes: send the receipts and reviewers' notices SES refused, when their backoff is due",
      memorySize: 256,
      // A handful of messages at most, one SES call each.
      timeout: Duration.minutes(2),
      environment: { ...settings.environment, POWERTOOLS_SERVICE_NAME: "retry-mail" },
    });
    this.retryMail = retryMail;
    // Decided submissions with pending mail from the index; claims, completions and failures are conditional
    // updates of the submission item, and a lost condition reads the item back.
    allow(retryMail, ["dynamodb:Query"], [`${table.tableArn}/index/gsi1`]);
    allow(retryMail, ["dynamodb:GetItem", "dynamodb:UpdateItem"], [table.tableArn]);
    mail.grantSend(retryMail.function);
    const rule = new Rule(this, "MailRetries", {
      description: "Retry the e-mail SES refused (retry-mail), each message at most once per claim",
      schedule: Schedule.rate(Duration.minutes(5)),
      // No retry of a failed run: the next run, five minutes later, is the retry.
      targets: [new LambdaFunction(retryMail.function, { retryAttempts: 0 })],
    });
    const permission = rule.node.findChild(`AllowEventRule${Names.nodeUniqueId(retryMail.function.node)}`);
    (permission as CfnElement).overrideLogicalId(
      uniqueId([rule.node.id, `AllowEventRule${nodeUniqueIdOutsideSections(retryMail.function)}`]),
    );
    const exhausted = new MetricFilter(this, "MailRetriesExhausted", {
      logGroup: retryMail.logGroup,
      filterPattern: FilterPattern.stringValue("$.message", "=", "mail retries exhausted"),
      metricNamespace: "Shenbao",
      metricName: "MailRetriesExhausted",
      metricValue: "1",
    });
    new Alarm(this, "MailRetriesExhaustedAlarm", {
      alarmDescription:
        "A receipt or reviewer's notice failed eight times and is no longer retried automatically: " +
        "`shenbao mail pending` says why; fix it (e.g. verify the address in SES), then `shenbao mail resend`.",
      metric: exhausted.metric({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(alarmTopic));
  }
}
