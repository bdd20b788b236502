/**
 * What the stack adds for running a call: the schools' details endpoint (GET/PUT /api/me/application) and the
 * daily deadline reminders (an EventBridge schedule and its function), each with exactly the permissions its code
 * path needs. cdk-nag runs on this synthesis too (stack.test.ts asserts its empty report).
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
  synth = synthesize({ stage: "prod", reminderDays: "10, 3,1" });
  template = Template.fromStack(synth.stack);
});
afterAll(() => synth.cleanup());

function logicalId(type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0] as string;
}

function statements(policyPrefix: string): Statement[] {
  const policy = template.toJSON().Resources[logicalId("AWS::IAM::Policy", policyPrefix)];
  return policy.Properties.PolicyDocument.Statement as Statement[];
}

const tableArn = () => ({ "Fn::GetAtt": [logicalId("AWS::DynamoDB::Table", "Table"), "Arn"] });
const evidenceTextKeys = () => ({
  "Fn::Join": ["", [{ "Fn::GetAtt": [logicalId("AWS::S3::Bucket", "Uploads"), "Arn"] }, "/evidence-text/*"]],
});

describe("deadline reminders", () => {
  it("run every day at 09:00 Beijing time, with the configured stages", () => {
    const fn = logicalId("AWS::Lambda::Function", "SendRemindersFunction");
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "cron(0 1 * * ? *)",
      State: "ENABLED",
      Targets: [
        { Arn: { "Fn::GetAtt": [fn, "Arn"] }, Id: "Target0", RetryPolicy: { MaximumRetryAttempts: 2 } },
      ],
    });
    const props = template.toJSON().Resources[fn].Properties;
    expect(props).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"], Timeout: 300 });
    expect(props.Environment.Variables).toMatchObject({
      SHENBAO_REMINDER_DAYS: "10,3,1",
      POWERTOOLS_SERVICE_NAME: "send-reminders",
      SHENBAO_TABLE: { Ref: logicalId("AWS::DynamoDB::Table", "Table") },
    });
  });

  it("may read schools from the index, pointers and the mail log, claim and give back reminders, and send mail", () => {
    const [logs, index, table, ses] = statements("SendRemindersRoleDefaultPolicy");
    expect(logs?.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(index).toEqual({
      Effect: "Allow",
      Action: "dynamodb:Query",
      Resource: { "Fn::Join": ["", [tableArn(), "/index/gsi1"]] },
    });
    expect(table).toEqual({
      Effect: "Allow",
      Action: ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
      Resource: tableArn(),
    });
    expect(ses?.Action).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
  });
});

describe("the schools' details for the summary table", () => {
  it("are served at GET and PUT /api/me/application, PUT allowed by CORS", () => {
    const fn = logicalId("AWS::Lambda::Function", "SchoolApplicationFunction");
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(
      (r) => (r.Properties as { RouteKey: string }).RouteKey,
    );
    expect(routes).toEqual(expect.arrayContaining(["GET /api/me/application", "PUT /api/me/application"]));
    const api = Object.values(template.findResources("AWS::ApiGatewayV2::Api"))[0];
    expect(api?.Properties.CorsConfiguration.AllowMethods).toEqual(["GET", "POST", "PUT"]);
    expect(template.toJSON().Resources[fn].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(
      "school-application",
    );
  });

  it("may read and replace the details item (and count bad tokens), nothing else", () => {
    expect(statements("SchoolApplicationRoleDefaultPolicy").slice(1)).toEqual([
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        Resource: tableArn(),
      },
      // The details are saved into the 申报书 form, whose pre-screen reads the accepted evidence's page texts.
      { Effect: "Allow", Action: "s3:GetObject", Resource: evidenceTextKeys() },
    ]);
  });
});

describe("the school's generated documents", () => {
  it("are served at GET /api/me/documents/{document} by their own function", () => {
    const fn = logicalId("AWS::Lambda::Function", "SchoolDocumentsFunction");
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(
      (r) => (r.Properties as { RouteKey: string }).RouteKey,
    );
    expect(routes).toContain("GET /api/me/documents/{document}");
    expect(template.toJSON().Resources[fn].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(
      "school-documents",
    );
  });

  it("may read the school and its form (and count bad tokens), nothing else", () => {
    expect(statements("SchoolDocumentsRoleDefaultPolicy").slice(1)).toEqual([
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: tableArn() },
    ]);
  });
});
