/**
 * Issue 16: one `cdk deploy` that works. The page's origin (the API's own endpoint, or allowedOrigin) is the one
 * the bucket's CORS allows and the functions link to; a past deadline stops synthesis; concurrency is configured
 * with safe defaults; CDK's helper functions log with retention; S3 may feed the queue only from this account.
 */
import type { CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeploymentConfigError, readDeploymentConfig } from "../../infra/config.ts";
import { type Synthesized, synthesize } from "./synthesize.ts";

type Json = Record<string, unknown>;

/** A template value as a string, with every reference written as `<Ref>` or `<Id.Attr>` (enough to compare). */
function evaluate(value: unknown): string {
  if (typeof value === "string") return value;
  const v = value as Json;
  if ("Ref" in v) return `<${String(v.Ref)}>`;
  if ("Fn::GetAtt" in v) return `<${(v["Fn::GetAtt"] as string[]).join(".")}>`;
  if ("Fn::Join" in v) {
    const [separator, parts] = v["Fn::Join"] as [string, unknown[]];
    return parts.map(evaluate).join(separator);
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

interface Deployment {
  synth: Synthesized;
  template: Json & { Resources: Record<string, { Type: string; Properties: Json }>; Outputs: Json };
}

function deploy(context: Record<string, string>): Deployment {
  const synth = synthesize(context, { cloudFormationValidation: false });
  return { synth, template: Template.fromStack(synth.stack).toJSON() as Deployment["template"] };
}

function corsOrigins({ synth, template }: Deployment): string[] {
  const id = synth.stack.getLogicalId(synth.stack.bucket.node.defaultChild as CfnElement);
  const cors = template.Resources[id]?.Properties.CorsConfiguration as {
    CorsRules: Array<{ AllowedOrigins: unknown[] }>;
  };
  return cors.CorsRules.flatMap((rule) => rule.AllowedOrigins.map(evaluate));
}

function publicUrls({ synth, template }: Deployment): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, fn] of Object.entries(synth.stack.functions)) {
    const id = synth.stack.getLogicalId(fn.function.node.defaultChild as CfnElement);
    const variables = (
      template.Resources[id] as unknown as { Properties: { Environment: { Variables: Json } } }
    ).Properties.Environment.Variables;
    if (name === "webPage") continue; // static files: it makes no links
    urls[name] = evaluate(variables.SHENBAO_PUBLIC_URL);
  }
  return urls;
}

/** The origin the upload page is served from when it is the API's: that of the ApiUrl output. */
function apiPageOrigin({ template }: Deployment): string {
  const url = evaluate((template.Outputs.ApiUrl as { Value: unknown }).Value);
  expect(url).toMatch(/^https:\/\/<\w+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>\/$/);
  return url.replace(/\/$/, "");
}

const deployments: Deployment[] = [];
let generated: Deployment;
let custom: Deployment;
beforeAll(() => {
  generated = deploy({ allowedOrigin: "" });
  custom = deploy({ allowedOrigin: "https://shenbao.hnedu.example.cn" });
  deployments.push(generated, custom);
});
afterAll(() => {
  for (const d of deployments) d.synth.cleanup();
});

describe("one deployment: the page's origin everywhere", () => {
  it("without allowedOrigin, CORS and SHENBAO_PUBLIC_URL are the API's own origin, the page's", () => {
    const origin = apiPageOrigin(generated);
    expect(corsOrigins(generated)).toEqual([origin]);
    const urls = publicUrls(generated);
    expect(Object.keys(urls).sort()).toEqual([
      "applicationForm",
      "processUpload",
      "retryMail",
      "reviewerLink",
      "schoolApplication",
      "schoolDocuments",
      "schoolProfile",
      "sendReminders",
      "submissionStatus",
      "uploadLink",
    ]);
    for (const [name, url] of Object.entries(urls)) expect(url, name).toBe(origin);
    // The page calls /api from its own origin: no CORS on the API.
    const apis = Object.values(generated.template.Resources).filter(
      (r) => r.Type === "AWS::ApiGatewayV2::Api",
    );
    expect(apis.map((a) => a.Properties.CorsConfiguration)).toEqual([undefined]);
  });

  it("with a custom domain (allowedOrigin), CORS, the API's CORS and SHENBAO_PUBLIC_URL are that origin", () => {
    expect(corsOrigins(custom)).toEqual(["https://shenbao.hnedu.example.cn"]);
    for (const [name, url] of Object.entries(publicUrls(custom)))
      expect(url, name).toBe("https://shenbao.hnedu.example.cn");
    const apis = Object.values(custom.template.Resources).filter((r) => r.Type === "AWS::ApiGatewayV2::Api");
    expect(
      apis.map((a) => (a.Properties.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins),
    ).toEqual([["https://shenbao.hnedu.example.cn"]]);
  });

  it("publicUrl, when given, is where links point, whatever the origin", () => {
    const d = deploy({ allowedOrigin: "", publicUrl: "https://links.example.cn/shenbao/" });
    deployments.push(d);
    for (const url of Object.values(publicUrls(d))) expect(url).toBe("https://links.example.cn/shenbao/");
    expect(corsOrigins(d)).toEqual([apiPageOrigin(d)]);
  });

  it("reviewers' links (SHENBAO_API_URL) point at the API's own origin, wherever the page is", () => {
    for (const d of [generated, custom]) {
      const { synth, template } = d;
      const id = synth.stack.getLogicalId(
        synth.stack.functions.processUpload.function.node.defaultChild as CfnElement,
      );
      const variables = (
        template.Resources[id] as unknown as { Properties: { Environment: { Variables: Json } } }
      ).Properties.Environment.Variables;
      expect(evaluate(variables.SHENBAO_API_URL)).toBe(apiPageOrigin(d));
    }
  });
});

describe("deadline sanity", () => {
  const past = "2025-11-15T23:59:59+08:00";

  it("refuses a past effective deadline, in English and Chinese, naming the settings", () => {
    for (const context of [{ deadline: past }, {}] as Array<Record<string, string>>) {
      let error: unknown;
      try {
        readDeploymentConfig((key) => ({ senderAddress: "a@example.cn", ...context })[key], {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DeploymentConfigError);
      const [problem] = (error as DeploymentConfigError).problems;
      expect(problem).toMatch(/^deadline: the effective deadline .* has passed/);
      expect(problem).toContain("-c deadline=");
      expect(problem).toContain("-c allowPastDeadline=true");
      expect(problem).toContain("截止时间");
    }
    // And so synthesis fails through the harness without the flag.
    expect(() => synthesize({ deadline: past, allowPastDeadline: "false" })).toThrow(/allowPastDeadline/);
  });

  it("accepts a future deadline, and a past one with allowPastDeadline=true", () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const read = (context: Record<string, string>) =>
      readDeploymentConfig((key) => ({ senderAddress: "a@example.cn", ...context })[key], {});
    expect(read({ deadline: future }).call.deadline).toBe(future);
    expect(read({ deadline: past, allowPastDeadline: "true" }).call.deadline).toBe(past);
    const d = deploy({ deadline: future, allowPastDeadline: "false" });
    deployments.push(d);
    expect(d.synth.stack.functions.uploadLink).toBeDefined();
  });
});

describe("concurrency", () => {
  const mapping = (d: Deployment) =>
    Object.values(d.template.Resources).find((r) => r.Type === "AWS::Lambda::EventSourceMapping")?.Properties;
  const processUpload = (d: Deployment) =>
    d.template.Resources[
      d.synth.stack.getLogicalId(
        d.synth.stack.functions.processUpload.function.node.defaultChild as CfnElement,
      )
    ]?.Properties;

  it("by default lets the queue start at most 5 process-upload invocations, and reserves none", () => {
    expect(mapping(generated)?.ScalingConfig).toEqual({ MaximumConcurrency: 5 });
    expect(processUpload(generated)?.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("takes both from the configuration", () => {
    const d = deploy({ uploadConcurrency: "40", processUploadReservedConcurrency: "50" });
    deployments.push(d);
    expect(mapping(d)?.ScalingConfig).toEqual({ MaximumConcurrency: 40 });
    expect(processUpload(d)?.ReservedConcurrentExecutions).toBe(50);
    expect(() =>
      readDeploymentConfig(
        (key) => ({ senderAddress: "a@example.cn", allowPastDeadline: "true", uploadConcurrency: "1" })[key],
        {},
      ),
    ).toThrow(/uploadConcurrency/);
  });
});

describe("CDK's helpers and the queue policy", () => {
  it("every Lambda function in the stack, CDK's helpers included, logs to a group with retention", () => {
    const { Resources } = generated.template;
    const functions = Object.entries(Resources).filter(([, r]) => r.Type === "AWS::Lambda::Function");
    // 11 of shenbao's, the bucket-notification handler, and (dev) the provider that empties buckets.
    expect(functions).toHaveLength(13);
    for (const [id, fn] of functions) {
      const group = (fn.Properties.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)?.LogGroup;
      expect(group, id).toEqual({ Ref: expect.any(String) });
      const logGroup = Resources[(group as { Ref: string }).Ref];
      expect(logGroup?.Type, id).toBe("AWS::Logs::LogGroup");
      expect(logGroup?.Properties.RetentionInDays, id).toBe(30);
    }
  });

  it("lets S3 send to the queue only from this bucket in this account (aws:SourceArn and aws:SourceAccount)", () => {
    const policies = Object.values(generated.template.Resources).filter(
      (r) => r.Type === "AWS::SQS::QueuePolicy",
    );
    const grants = policies
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Array<Json> }).Statement)
      .filter((s) => (s.Principal as Json | undefined)?.Service === "s3.amazonaws.com");
    expect(grants).toHaveLength(1);
    const bucketId = generated.synth.stack.getLogicalId(
      generated.synth.stack.bucket.node.defaultChild as CfnElement,
    );
    expect(grants[0]?.Condition).toEqual({
      ArnLike: { "aws:SourceArn": { "Fn::GetAtt": [bucketId, "Arn"] } },
      StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
    });
  });
});
