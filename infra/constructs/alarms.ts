/**
 * Alarms, to a topic an operator subscribes to. Not KMS-encrypted: CloudWatch cannot publish to a topic under the
 * AWS-managed SNS key, and alarm messages carry alarm names and metric values only.
 */
import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { FilterPattern, MetricFilter } from "aws-cdk-lib/aws-logs";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { Section } from "./section.ts";
import type { ShenbaoFunction } from "./shenbao-function.ts";

export interface AlarmsProps {
  alarmEmail?: string | undefined;
  queue: Queue;
  deadLetterQueue: Queue;
  processUpload: ShenbaoFunction;
  api: HttpApi;
}

export class Alarms extends Section {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const { queue, deadLetterQueue, processUpload, api } = props;
    const topic = new Topic(this, "Alarms", { displayName: "shenbao alarms", enforceSSL: true });
    this.topic = topic;
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold = 1) =>
      new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(topic));
    alarm(
      "DeadLettersAlarm",
      "An upload failed processing five times and waits in the dead-letter queue: read it, fix, redrive.",
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: "Maximum",
      }),
    );
    alarm(
      "ProcessUploadErrorsAlarm",
      "process-upload failed as a whole (crash, timeout). A single upload's failure is retried by SQS instead and, " +
        "after five tries, raises the dead-letter alarm.",
      processUpload.function.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
    );
    const errorLogs = new MetricFilter(this, "ProcessUploadErrorLogs", {
      logGroup: processUpload.logGroup,
      filterPattern: FilterPattern.stringValue("$.level", "=", "ERROR"),
      metricNamespace: "Shenbao",
      metricName: "ProcessUploadErrorLogs",
      metricValue: "1",
    });
    alarm(
      "ProcessUploadErrorLogsAlarm",
      "process-upload logged an error: an upload for an unknown school or submission, or an e-mail SES refused.",
      errorLogs.metric({ period: Duration.minutes(5), statistic: "Sum" }),
    );
    alarm(
      "ArrivalsBacklogAlarm",
      "An upload has waited 15 minutes for processing: schools are waiting for receipts.",
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: "Maximum" }),
      15 * 60,
    );
    alarm(
      "ApiServerErrorsAlarm",
      "The API answered 5xx five times in five minutes.",
      api.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      5,
    );
  }
}
