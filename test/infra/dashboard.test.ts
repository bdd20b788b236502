/**
 * The operator's dashboard reads metrics that exist: process-upload's as its Powertools Metrics really emit them
 * (namespace, name, dimensions taken from the EMF the handler's own metrics object serializes, under the namespace
 * the stack gives the function), and AWS's for the queue, the dead letters, every function, the API and SES.
 */
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processUploadMetrics } from "../../functions/process-upload/create-handler.ts";
import { SES_METRICS } from "../../infra/constructs/dashboard.ts";
import {
  UPLOAD_TO_VERDICT_METRIC,
  VERDICT_STATES,
  verdictMetricName,
} from "../../shared/processing/metric-names.ts";
import { bodyOf } from "./dashboard-body.ts";
import { type Synthesized, synthesize } from "./synthesize.ts";

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

/** One metric of a widget: namespace, name and dimensions (values of references as `@Ref` / `@Id.Attribute`). */
interface ShownMetric {
  widget: string;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat?: string;
}

let synth: Synthesized;
let resources: Record<string, Resource>;
let outputs: Record<string, { Value: unknown }>;
let shown: ShownMetric[];

beforeAll(() => {
  synth = synthesize({}, { cloudFormationValidation: false });
  const template = Template.fromStack(synth.stack).toJSON();
  resources = template.Resources;
  outputs = template.Outputs;
  const dashboards = Object.values(resources).filter((r) => r.Type === "AWS::CloudWatch::Dashboard");
  expect(dashboards).toHaveLength(1);
  shown = metricsOf(bodyOf((dashboards[0] as Resource).Properties.DashboardBody));
});
afterAll(() => synth.cleanup());

describe("the operations dashboard", () => {
  it("shows process-upload's metrics exactly as the function emits them", () => {
    const processUpload = functionIds().find(([name]) => name === "process-upload")?.[1] as string;
    const environment = resources[processUpload]?.Properties.Environment as {
      Variables: Record<string, string>;
    };
    const env = environment.Variables;
    // The handler's own metrics object, under the namespace the stack gives the function, serializes what it adds.
    const emitted: ShownMetric[] = [];
    for (const name of [...VERDICT_STATES.map(verdictMetricName), UPLOAD_TO_VERDICT_METRIC]) {
      const metrics = processUploadMetrics(env.POWERTOOLS_METRICS_NAMESPACE);
      metrics.addMetric(name, "Count", 1);
      const emf = metrics.serializeMetrics() as unknown as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> };
      };
      const [directive] = emf._aws.CloudWatchMetrics;
      if (!directive) throw new Error("no EMF directive");
      const dimensions = Object.fromEntries(
        (directive.Dimensions[0] ?? []).map((key) => [key, String(emf[key])]),
      );
      emitted.push({ widget: "", namespace: directive.Namespace, name, dimensions });
    }
    const own = shown.filter((m) => m.namespace === env.POWERTOOLS_METRICS_NAMESPACE);
    expect(own.length).toBeGreaterThan(0);
    const key = (m: ShownMetric) => JSON.stringify([m.namespace, m.name, m.dimensions]);
    const emittedKeys = new Set(emitted.map(key));
    // Every one the dashboard reads is emitted, and every one emitted is on the dashboard.
    expect(own.filter((m) => !emittedKeys.has(key(m)))).toEqual([]);
    expect(new Set(own.map(key))).toEqual(emittedKeys);
  });

  it("shows uploads per hour by verdict, and upload → verdict at p50 and p99", () => {
    const perHour = shown.filter((m) => m.widget === "Uploads per hour by verdict");
    expect(perHour.map((m) => m.name).sort()).toEqual(VERDICT_STATES.map(verdictMetricName).sort());
    const latency = shown.filter((m) => m.name === UPLOAD_TO_VERDICT_METRIC);
    expect(latency.map((m) => m.stat).sort()).toEqual(["p50", "p99"]);
  });

  it("shows the uploads queue's oldest message and the dead-letter queue's depth", () => {
    const queues = Object.entries(resources).filter(([, r]) => r.Type === "AWS::SQS::Queue");
    const dlq = queues.find(([, r]) => !r.Properties.RedrivePolicy)?.[0];
    const main = queues.find(([, r]) => r.Properties.RedrivePolicy)?.[0];
    expect(shown).toContainEqual(
      expect.objectContaining({
        namespace: "AWS/SQS",
        name: "ApproximateAgeOfOldestMessage",
        dimensions: { QueueName: `@${main}.QueueName` },
      }),
    );
    expect(shown).toContainEqual(
      expect.objectContaining({
        namespace: "AWS/SQS",
        name: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: `@${dlq}.QueueName` },
      }),
    );
  });

  it("shows every function's errors and throttles", () => {
    const ids = functionIds();
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const [, id] of ids) {
      for (const name of ["Errors", "Throttles"]) {
        expect(shown, `${id} ${name}`).toContainEqual(
          expect.objectContaining({ namespace: "AWS/Lambda", name, dimensions: { FunctionName: `@${id}` } }),
        );
      }
    }
  });

  it("shows SES's sends and refusals, and the API's answers", () => {
    const ses = shown.filter((m) => m.namespace === "AWS/SES");
    expect(ses.map((m) => m.name).sort()).toEqual([...SES_METRICS].sort());
    expect(ses.map((m) => m.name)).toEqual(expect.arrayContaining(["Send", "Reject", "Bounce"]));
    const api = Object.entries(resources).find(([, r]) => r.Type === "AWS::ApiGatewayV2::Api")?.[0];
    const apiMetrics = shown.filter((m) => m.namespace === "AWS/ApiGateway");
    expect(apiMetrics.map((m) => m.name).sort()).toEqual(["4xx", "5xx", "Count"]);
    for (const m of apiMetrics) expect(m.dimensions).toEqual({ ApiId: `@${api}` });
  });

  it("is linked from the stack's outputs", () => {
    const url = JSON.stringify(outputs.DashboardUrl?.Value);
    const dashboard = Object.entries(resources).find(([, r]) => r.Type === "AWS::CloudWatch::Dashboard")?.[0];
    expect(url).toContain("#dashboards:name=");
    expect(url).toContain(`{"Ref":"${dashboard}"}`);
  });
});

/** The stack's own functions (each names itself in POWERTOOLS_SERVICE_NAME), as [name, logical id]. */
function functionIds(): Array<[string, string]> {
  return Object.entries(resources).flatMap(([id, r]) => {
    if (r.Type !== "AWS::Lambda::Function") return [];
    const name = (r.Properties.Environment as { Variables?: Record<string, string> } | undefined)?.Variables
      ?.POWERTOOLS_SERVICE_NAME;
    return name ? [[name, id] as [string, string]] : [];
  });
}

function metricsOf(body: ReturnType<typeof bodyOf>): ShownMetric[] {
  return body.widgets.flatMap((widget) => {
    const title = String(widget.properties.title ?? "");
    const rows = (widget.properties.metrics ?? []) as unknown[][];
    return rows.map((row) => {
      const options = (typeof row.at(-1) === "object" ? row.at(-1) : {}) as { stat?: string };
      const plain = row.filter((x) => typeof x === "string") as string[];
      const [namespace = "", name = "", ...pairs] = plain;
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i] as string] = pairs[i + 1] as string;
      return { widget: title, namespace, name, dimensions, ...(options.stat ? { stat: options.stat } : {}) };
    });
  });
}
