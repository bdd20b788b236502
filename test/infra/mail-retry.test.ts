/**
 * The mail retry in the template: a five-minute schedule for retry-mail, exactly the permissions its code path
 * needs (the index query that lists pending mail, the conditional updates and the read-back of a lost condition,
 * SES), its logs kept, and an alarm on the log line it writes when a message is given up.
 */
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Synthesized, synthesize } from "./synthesize.ts";

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let synth: Synthesized;
let template: Template;

beforeAll(() => {
  synth = synthesize({ stage: "prod" });
  template = Template.fromStack(synth.stack);
}, 300_000); // synthesis bundles nothing, but takes a minute on a busy machine
afterAll(() => synth.cleanup());

function logicalId(type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0] as string;
}

const tableArn = () => ({ "Fn::GetAtt": [logicalId("AWS::DynamoDB::Table", "Table"), "Arn"] });

describe("the mail retry", () => {
  it("runs retry-mail every five minutes, without EventBridge retries (the next run is the retry)", () => {
    const fn = logicalId("AWS::Lambda::Function", "RetryMailFunction");
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(5 minutes)",
      State: "ENABLED",
      Targets: [
        { Arn: { "Fn::GetAtt": [fn, "Arn"] }, Id: "Target0", RetryPolicy: { MaximumRetryAttempts: 0 } },
      ],
    });
    const props = template.toJSON().Resources[fn].Properties;
    expect(props).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"], Timeout: 120 });
    expect(props.Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: "retry-mail",
      SHENBAO_TABLE: { Ref: logicalId("AWS::DynamoDB::Table", "Table") },
    });
    const group = template.toJSON().Resources[props.LoggingConfig.LogGroup.Ref];
    expect(group.Properties.RetentionInDays).toBe(365);
  });

  it("may query the index, read and conditionally update submission items, and send mail: nothing else", () => {
    const policy = template.toJSON().Resources[logicalId("AWS::IAM::Policy", "RetryMailRoleDefaultPolicy")];
    const [logs, index, table, ses, ...rest] = policy.Properties.PolicyDocument.Statement as Statement[];
    expect(logs?.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(index).toEqual({
      Effect: "Allow",
      Action: "dynamodb:Query",
      Resource: { "Fn::Join": ["", [tableArn(), "/index/gsi1"]] },
    });
    expect(table).toEqual({
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      Resource: tableArn(),
    });
    expect(ses?.Action).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
    expect(rest).toEqual([]);
  });

  it("raises an alarm to the operators' topic when a message is given up", () => {
    template.hasResourceProperties("AWS::Logs::MetricFilter", {
      FilterPattern: '{ $.message = "mail retries exhausted" }',
      MetricTransformations: [
        { MetricNamespace: "Shenbao", MetricName: "MailRetriesExhausted", MetricValue: "1" },
      ],
    });
    const alarm =
      template.toJSON().Resources[logicalId("AWS::CloudWatch::Alarm", "MailRetriesExhaustedAlarm")];
    expect(alarm.Properties).toMatchObject({
      MetricName: "MailRetriesExhausted",
      Namespace: "Shenbao",
      Threshold: 1,
      AlarmActions: [{ Ref: logicalId("AWS::SNS::Topic", "Alarms") }],
    });
    expect(alarm.Properties.AlarmDescription).toContain("shenbao mail resend");
  });
});
