/** What configuration changes in the template: stage, mail region and identity, file size. No bundling. */
import type { CfnElement } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { afterAll, describe, expect, it } from "vitest";
import { type Synthesized, synthesize } from "./synthesize.ts";

const synthesized: Synthesized[] = [];
function templateOf(context: Record<string, string>): { template: Template; synth: Synthesized } {
  const synth = synthesize(context, { cloudFormationValidation: false });
  synthesized.push(synth);
  return { template: Template.fromStack(synth.stack), synth };
}
afterAll(() => {
  for (const synth of synthesized) synth.cleanup();
});

function variablesOf(
  template: Template,
  synth: Synthesized,
  fn: keyof Synthesized["stack"]["functions"],
): Record<string, unknown> {
  const id = synth.stack.getLogicalId(synth.stack.functions[fn].function.node.defaultChild as CfnElement);
  return template.toJSON().Resources[id].Properties.Environment.Variables;
}

function sesStatements(template: Template): unknown[] {
  const policies = template.findResources("AWS::IAM::Policy");
  return Object.entries(policies)
    .filter(([id]) => id.startsWith("ProcessUploadRole"))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: unknown }> }).Statement)
    .filter((s) => JSON.stringify(s.Action).includes("ses:"));
}

describe("stage dev", () => {
  it("deletes its data with the stack and leaves deletion protection off", () => {
    const { template } = templateOf({ stage: "dev" });
    template.hasResource("AWS::DynamoDB::Table", {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: "Delete",
    });
    template.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Delete" });
    // The buckets are emptied first, or CloudFormation could not delete them.
    template.resourceCountIs("Custom::S3AutoDeleteObjects", 2);
  });
});

describe("mail", () => {
  it("in another region: creates no identity, grants sending on the identity's ARN there, tells the functions", () => {
    const { template, synth } = templateOf({
      region: "ap-east-1",
      account: "123456789012",
      mailRegion: "ap-southeast-1",
    });
    template.resourceCountIs("AWS::SES::EmailIdentity", 0);
    expect(sesStatements(template)).toEqual([
      {
        Effect: "Allow",
        Action: ["ses:SendEmail", "ses:SendRawEmail"],
        Resource: "arn:aws:ses:ap-southeast-1:123456789012:identity/shenbao@example.edu.cn",
      },
    ]);
    expect(variablesOf(template, synth, "processUpload").SHENBAO_MAIL_REGION).toBe("ap-southeast-1");
  });

  it("with a domain: verifies the domain, publishes its DKIM records, may send as domain, address and sandbox recipients", () => {
    const { template } = templateOf({
      senderDomain: "example.edu.cn",
      sandboxRecipients: "tester@example.org",
    });
    template.hasResourceProperties("AWS::SES::EmailIdentity", { EmailIdentity: "example.edu.cn" });
    template.hasOutput("SenderDkimRecords", {});
    const resources = sesStatements(template).flatMap((s) => [(s as { Resource: unknown }).Resource].flat());
    const named = resources.map((r) => JSON.stringify(r));
    expect(named).toHaveLength(3);
    expect(named.filter((r) => r.includes("MailIdentity"))).toHaveLength(1);
    expect(named.some((r) => r.includes("identity/shenbao@example.edu.cn"))).toBe(true);
    expect(named.some((r) => r.includes("identity/tester@example.org"))).toBe(true);
  });

  it("with an identity verified beforehand: creates none, still grants on its exact ARN", () => {
    const { template } = templateOf({ createSenderIdentity: "false" });
    template.resourceCountIs("AWS::SES::EmailIdentity", 0);
    expect(JSON.stringify(sesStatements(template))).toContain(":identity/shenbao@example.edu.cn");
  });

  it("from a China region: warns that the role cannot sign for global SES, and grants nothing useless", () => {
    const { template, synth } = templateOf({
      region: "cn-north-1",
      account: "123456789012",
      mailRegion: "ap-southeast-1",
    });
    expect(sesStatements(template)).toEqual([]);
    Annotations.fromStack(synth.stack).hasWarning(
      "/shenbao-dev/Mail",
      Match.stringLikeRegexp("cannot sign requests"),
    );
  });
});

describe("file size", () => {
  it("sizes process-upload for a larger limit and bakes the call the functions then enforce", () => {
    const { template, synth } = templateOf({ maxFileBytes: String(300 * 1024 * 1024) });
    const id = synth.stack.getLogicalId(
      synth.stack.functions.processUpload.function.node.defaultChild as CfnElement,
    );
    expect(template.toJSON().Resources[id].Properties.MemorySize).toBe(2048);
    // Every function enforces the same limit: upload-link refuses a larger declared size before any upload.
    for (const fn of ["uploadLink", "processUpload"] as const) {
      expect(variablesOf(template, synth, fn).SHENBAO_CALL_FILE).toBe("/var/task/call.json");
    }
  });
});
