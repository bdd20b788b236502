/**
 * The stack's sections (infra/constructs/section.ts) group resources for reading without changing what
 * CloudFormation sees: every resource keeps the logical id CDK gives it in the stack itself, so a deployed stack
 * replaces nothing (a replaced table or bucket would lose its data). And the API's routes are the route table's.
 */
import { App, CfnElement, CfnResource, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { Construct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Section } from "../../infra/constructs/section.ts";
import type { ShenbaoStack } from "../../infra/shenbao-stack.ts";
import { ROUTES, routeKey } from "../../shared/api/routes.ts";
import { type Synthesized, synthesize } from "./synthesize.ts";

let synth: Synthesized;
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;

beforeAll(() => {
  synth = synthesize(
    { stage: "prod", alarmEmail: "ops@example.edu.cn" },
    { cloudFormationValidation: false },
  );
  resources = Template.fromStack(synth.stack).toJSON().Resources;
});
afterAll(() => synth.cleanup());

describe("sections", () => {
  it("leave every resource the logical id CDK gives it outside any section", () => {
    const stack = synth.stack;
    const elements = stack.node.findAll().filter((c): c is CfnElement => c instanceof CfnElement);
    const inSections = elements.filter((e) => e.node.scopes.some((s) => s instanceof Section));
    // The same paths, sections left out, in a plain stack: CDK's own allocation, no copy of it.
    const plain = new Stack(new App(), "Plain");
    for (const element of inSections) {
      const path = element.node.scopes
        .slice(element.node.scopes.indexOf(stack) + 1)
        .filter((s) => !(s instanceof Section))
        .map((s) => s.node.id);
      let scope: Construct = plain;
      for (const id of path.slice(0, -1))
        scope = (scope.node.tryFindChild(id) as Construct) ?? new Construct(scope, id);
      const twin = new CfnResource(scope, path.at(-1) as string, { type: "Test::Twin::Resource" });
      expect(stack.getLogicalId(element), element.node.path).toBe(plain.getLogicalId(twin));
    }
    // Nearly everything lives in a section; the check above is not vacuous.
    expect(inSections.length).toBeGreaterThan(50);
  });

  it("keep the stateful resources' logical ids as deployed stacks know them", () => {
    const ids = (type: string) =>
      Object.entries(resources)
        .filter(([, r]) => r.Type === type)
        .map(([id]) => id)
        .sort();
    // Taken from the template before the stack was split into sections.
    expect(ids("AWS::DynamoDB::Table")).toEqual(STATEFUL.table);
    expect(ids("AWS::S3::Bucket")).toEqual(STATEFUL.buckets);
    expect(ids("AWS::SQS::Queue")).toEqual(STATEFUL.queues);
    expect(ids("AWS::SNS::Topic")).toEqual(STATEFUL.topics);
    expect(ids("AWS::Logs::LogGroup")).toEqual(STATEFUL.logGroups);
    // Lambda refuses a second mapping of one queue to one function: a renamed mapping (created before the old one
    // is deleted) would fail the deployment.
    expect(ids("AWS::Lambda::EventSourceMapping")).toEqual(STATEFUL.mappings);
  });
});

describe("the HTTP API's routes", () => {
  it("are exactly the route table's, each integrated with its function", () => {
    const stack = synth.stack;
    const functionId = (name: string) => {
      const key = name.replace(/-([a-z])/g, (_, c: string) =>
        c.toUpperCase(),
      ) as keyof ShenbaoStack["functions"];
      return stack.getLogicalId(stack.functions[key].function.node.defaultChild as CfnElement);
    };
    const served = Object.values(resources)
      .filter((r) => r.Type === "AWS::ApiGatewayV2::Route")
      .map((r) => {
        const target = r.Properties.Target as { "Fn::Join": [string, unknown[]] };
        const integrationId = (target["Fn::Join"][1][1] as { Ref: string }).Ref;
        const uri = resources[integrationId]?.Properties.IntegrationUri as { "Fn::GetAtt": [string, string] };
        return `${r.Properties.RouteKey} → ${uri["Fn::GetAtt"][0]}`;
      })
      .sort();
    expect(served).toEqual(
      ROUTES.map((route) => `${routeKey(route)} → ${functionId(route.function)}`).sort(),
    );
  });
});

const STATEFUL = {
  table: ["TableCD117FA1"],
  buckets: ["AccessLogs8B620ECA", "Uploads4F6EB0FD"],
  queues: ["ArrivalsD4970207", "DeadLettersBBF8BAAB"],
  topics: ["Alarms04B5A0BF"],
  mappings: ["ProcessUploadFunctionSqsEventSourceshenbaoprodArrivals2DAB99B009563A91"],
  logGroups: [
    "ApiAccessLogsE9DF007D",
    "ApplicationFormLogsB108F78C",
    // Issue 16: new, the log group of CDK's bucket-notification helper (no existing id changes).
    "BucketNotificationsHandler050a0587b7544547bf325f094a3db834Logs69FE1ED7",
    "ProcessUploadLogs263B624E",
    // Issue 16: new, the mail retry function's log group.
    "RetryMailLogsC6FB6BCB",
    // Issue 16: new, reviewers' download links (no existing id changes).
    "ReviewerLinkLogsB133EA91",
    "SchoolApplicationLogsC89AA538",
    // Issue 14: new, the school-documents function's log group (no existing id changes).
    "SchoolDocumentsLogs0832DB43",
    "SchoolProfileLogs71A43F28",
    "SendRemindersLogs0A4A727A",
    "SubmissionStatusLogs558DC0D0",
    "UploadLinkLogs4BBDBF7F",
    "WebPageLogs010B3CC6",
  ],
};
