/**
 * What an operator looks at on deadline day: one CloudWatch dashboard. Uploads per hour by verdict and the time from
 * upload to verdict (process-upload's own metrics, shared/processing/metric-names.ts), the queue's oldest message
 * and the dead letters, every function's errors and throttles, the API's answers, SES's sends and refusals. The
 * alarms (alarms.ts) fire on the same metrics; docs/runbook.md says which widget answers which alarm.
 */
import { Aws, CfnCondition, Duration, Fn } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Dashboard,
  GraphWidget,
  GraphWidgetView,
  type IMetric,
  Metric,
  TextWidget,
} from "aws-cdk-lib/aws-cloudwatch";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import {
  METRICS_NAMESPACE,
  PROCESS_UPLOAD_SERVICE,
  UPLOAD_TO_VERDICT_METRIC,
  VERDICT_STATES,
  verdictMetricName,
} from "../../shared/processing/metric-names.ts";
import { Section } from "./section.ts";
import type { ShenbaoFunction } from "./shenbao-function.ts";

/** Account-level SES metrics (namespace AWS/SES, no dimensions) shown: sends and what SES refused or bounced. */
export const SES_METRICS = ["Send", "Reject", "Bounce", "Complaint"] as const;

export interface OperationsDashboardProps {
  queue: Queue;
  deadLetterQueue: Queue;
  /** Every function, under the name it is shown with. */
  functions: Readonly<Record<string, ShenbaoFunction>>;
  api: HttpApi;
  /** SES's region when it is not the stack's (SES metrics live where SES sends). */
  mailRegion?: string | undefined;
}

export class OperationsDashboard extends Section {
  readonly dashboard: Dashboard;
  /** The dashboard in the CloudWatch console. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { queue, deadLetterQueue, functions, api } = props;
    const processUpload = (metricName: string, statistic: string, period: Duration, label: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: PROCESS_UPLOAD_SERVICE },
        statistic,
        period,
        label,
      });
    const fiveMinutes = Duration.minutes(5);
    const graph = (
      title: string,
      left: IMetric[],
      more: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {},
    ) => new GraphWidget({ title, left, width: 12, height: 6, ...more });

    this.dashboard = new Dashboard(this, "Dashboard", { defaultInterval: Duration.days(2) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          "## shenbao: deadline day\nEach alarm, what it means and the commands that answer it: `docs/runbook.md`. " +
          "Times are UTC (Beijing = UTC+8).",
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph(
        "Uploads per hour by verdict",
        VERDICT_STATES.map((state) =>
          processUpload(verdictMetricName(state), "Sum", Duration.hours(1), state),
        ),
        { stacked: true, view: GraphWidgetView.BAR },
      ),
      graph("Upload → verdict (ms)", [
        processUpload(UPLOAD_TO_VERDICT_METRIC, "p50", fiveMinutes, "p50"),
        processUpload(UPLOAD_TO_VERDICT_METRIC, "p99", fiveMinutes, "p99"),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        "Queue: oldest upload waiting (s); dead letters",
        [
          queue.metricApproximateAgeOfOldestMessage({
            period: fiveMinutes,
            statistic: "Maximum",
            label: "oldest upload waiting (s)",
          }),
        ],
        {
          right: [
            deadLetterQueue.metricApproximateNumberOfMessagesVisible({
              period: Duration.minutes(1),
              statistic: "Maximum",
              label: "dead letters",
            }),
          ],
        },
      ),
      graph(
        "Function errors and throttles",
        Object.entries(functions).flatMap(([name, fn]) => [
          fn.function.metricErrors({ period: fiveMinutes, statistic: "Sum", label: `${name} errors` }),
          fn.function.metricThrottles({ period: fiveMinutes, statistic: "Sum", label: `${name} throttles` }),
        ]),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        "SES: sends and refusals (the whole account, mail region)",
        SES_METRICS.map(
          (metricName) =>
            new Metric({
              namespace: "AWS/SES",
              metricName,
              statistic: "Sum",
              period: Duration.hours(1),
              label: metricName,
              ...(props.mailRegion ? { region: props.mailRegion } : {}),
            }),
        ),
      ),
      graph("API answers", [
        api.metricCount({ period: fiveMinutes, statistic: "Sum", label: "requests" }),
        api.metricClientError({ period: fiveMinutes, statistic: "Sum", label: "4xx" }),
        api.metricServerError({ period: fiveMinutes, statistic: "Sum", label: "5xx" }),
      ]),
    );

    // The console's host differs in the China partition.
    const china = new CfnCondition(this, "ConsoleInChina", {
      expression: Fn.conditionEquals(Aws.PARTITION, "aws-cn"),
    });
    const host = Fn.conditionIf(
      china.logicalId,
      "console.amazonaws.cn",
      `${Aws.REGION}.console.aws.amazon.com`,
    ).toString();
    this.url = `https://${host}/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`;
  }
}
