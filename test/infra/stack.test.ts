/**
 * The synthesized template of a production deployment: what the stack promises, asserted on what CloudFormation
 * would receive. Bundling is skipped (the template is otherwise identical); bundles.test.ts runs the bundles.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtimeConfig } from "../../functions/runtime/config.ts";
import { processUploadMemoryMb } from "../../infra/shenbao-stack.ts";
import { clearCallCache, loadCall } from "../../shared/call/load-call.ts";
import { BASE_CONTEXT, type Synthesized, synthesize } from "./synthesize.ts";

type Resources = Record<
  string,
  { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }
>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let prod: Synthesized;
let template: Template;
let resources: Resources;

beforeAll(() => {
  prod = synthesize({
    stage: "prod",
    retentionDays: "120",
    deadline: "2027-11-20T17:00:00+08:00",
    allowPastDeadline: "false",
    uploadConcurrency: "10",
  });
  template = Template.fromStack(prod.stack);
  resources = template.toJSON().Resources as Resources;
});
afterAll(() => prod.cleanup());

/** The logical id of the one resource of `type` whose id starts with `prefix`. */
function logicalId(type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0] as string;
}

function resource(id: string): Resources[string] {
  const found = resources[id];
  if (!found) throw new Error(`no resource ${id} in the template`);
  return found;
}

const functionIds = () => ({
  uploadLink: logicalId("AWS::Lambda::Function", "UploadLinkFunction"),
  submissionStatus: logicalId("AWS::Lambda::Function", "SubmissionStatusFunction"),
  schoolProfile: logicalId("AWS::Lambda::Function", "SchoolProfileFunction"),
  schoolDocuments: logicalId("AWS::Lambda::Function", "SchoolDocumentsFunction"),
  processUpload: logicalId("AWS::Lambda::Function", "ProcessUploadFunction"),
  reviewerLink: logicalId("AWS::Lambda::Function", "ReviewerLinkFunction"),
});

describe("uploads bucket", () => {
  it("is private, encrypted, versioned and logged to the access-log bucket", () => {
    const accessLogs = logicalId("AWS::S3::Bucket", "AccessLogs");
    template.hasResource("AWS::S3::Bucket", {
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
        VersioningConfiguration: { Status: "Enabled" },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: accessLogs },
          LogFilePrefix: "uploads-bucket/",
        },
      },
      DeletionPolicy: "Retain",
    });
  });

  it("denies every request that does not use TLS", () => {
    const uploads = logicalId("AWS::S3::Bucket", "Uploads");
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: uploads },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "s3:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });

  it("allows cross-origin POST from the web page's origin only", () => {
    const uploads = resources[logicalId("AWS::S3::Bucket", "Uploads")];
    expect(uploads?.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        expect.objectContaining({ AllowedMethods: ["POST"], AllowedOrigins: [BASE_CONTEXT.allowedOrigin] }),
      ],
    });
  });

  it("expires incomplete uploads after a day, and old versions and disposed uploads after the retention", () => {
    const uploads = resources[logicalId("AWS::S3::Bucket", "Uploads")];
    expect(uploads?.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        expect.objectContaining({
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: "Enabled",
        }),
        expect.objectContaining({
          NoncurrentVersionExpiration: { NoncurrentDays: 120 },
          ExpiredObjectDeleteMarker: true,
        }),
        expect.objectContaining({
          Prefix: "uploads/",
          TagFilters: [{ Key: "shenbao-disposal", Value: "expire" }],
          ExpirationInDays: 120,
        }),
      ],
    });
  });

  it("notifies the queue of objects created under uploads/ only", () => {
    template.hasResourceProperties("Custom::S3BucketNotifications", {
      BucketName: { Ref: logicalId("AWS::S3::Bucket", "Uploads") },
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ["s3:ObjectCreated:*"],
            Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "uploads/" }] } },
            QueueArn: { "Fn::GetAtt": [logicalId("AWS::SQS::Queue", "Arrivals"), "Arn"] },
          },
        ],
      },
    });
  });
});

describe("queue", () => {
  it("is encrypted, dead-letters after five receives, and outlasts six function timeouts", () => {
    const deadLetters = logicalId("AWS::SQS::Queue", "DeadLetters");
    const arrivals = resources[logicalId("AWS::SQS::Queue", "Arrivals")];
    const processUpload = resources[functionIds().processUpload];
    expect(arrivals?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [deadLetters, "Arn"] }, maxReceiveCount: 5 },
    });
    expect(arrivals?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * Number(processUpload?.Properties.Timeout),
    );
    expect(resource(deadLetters).Properties.SqsManagedSseEnabled).toBe(true);
  });

  it("denies non-TLS requests on both queues", () => {
    for (const queue of ["Arrivals", "DeadLetters"]) {
      template.hasResourceProperties("AWS::SQS::QueuePolicy", {
        Queues: [{ Ref: logicalId("AWS::SQS::Queue", queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          ]),
        },
      });
    }
  });

  it("alarms to the alarm topic as soon as one message reaches the dead-letter queue", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [
        {
          Name: "QueueName",
          Value: { "Fn::GetAtt": [logicalId("AWS::SQS::Queue", "DeadLetters"), "QueueName"] },
        },
      ],
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      AlarmActions: [{ Ref: logicalId("AWS::SNS::Topic", "Alarms") }],
    });
  });

  it("alarms on process-upload errors", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: { Ref: functionIds().processUpload } }],
      Threshold: 1,
    });
  });

  it("feeds process-upload one upload at a time, with partial batch responses and bounded concurrency", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [logicalId("AWS::SQS::Queue", "Arrivals"), "Arn"] },
      FunctionName: { Ref: functionIds().processUpload },
      BatchSize: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });
});

describe("functions", () => {
  it("run on the newest Node.js runtime, on arm64, with their own log groups", () => {
    for (const id of Object.values(functionIds())) {
      expect(resource(id).Properties).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        LoggingConfig: { LogFormat: "JSON", LogGroup: { Ref: expect.stringMatching(/Logs/) } },
      });
    }
  });

  it("size process-upload for a 100 MiB file with one full vCPU", () => {
    expect(resource(functionIds().processUpload).Properties.MemorySize).toBe(1792);
    expect(processUploadMemoryMb(300 * 1024 * 1024)).toBe(2048);
  });

  it("give every function the configuration functions/runtime/config.ts and load-call.ts require", () => {
    const table = logicalId("AWS::DynamoDB::Table", "Table");
    const bucket = logicalId("AWS::S3::Bucket", "Uploads");
    for (const [name, id] of Object.entries(functionIds())) {
      const variables = (resource(id).Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables, name).toMatchObject({
        SHENBAO_TABLE: { Ref: table },
        SHENBAO_BUCKET: { Ref: bucket },
        SHENBAO_SENDER: BASE_CONTEXT.senderAddress,
        SHENBAO_REVIEWERS: BASE_CONTEXT.reviewerAddresses,
        SHENBAO_PUBLIC_URL: BASE_CONTEXT.allowedOrigin,
        SHENBAO_DEADLINE: "2027-11-20T17:00:00+08:00",
        POWERTOOLS_SERVICE_NAME: expect.any(String),
        POWERTOOLS_METRICS_NAMESPACE: "Shenbao",
      });
      // The functions' own parsers accept it, with the deployed names in place of the references.
      const env = Object.fromEntries(
        Object.entries(variables).map(([key, value]) => [
          key,
          typeof value === "string"
            ? value
            : key.endsWith("_URL")
              ? `https://deployed-${key.toLowerCase().replace(/_/g, "-")}.example/`
              : `deployed-${key}`,
        ]),
      );
      clearCallCache();
      expect(runtimeConfig(env).SHENBAO_REVIEWERS).toEqual(BASE_CONTEXT.reviewerAddresses?.split(","));
      expect(loadCall(env).call.deadline).toBe("2027-11-20T17:00:00+08:00");
    }
    clearCallCache();
  });
});

describe("permissions", () => {
  const statementsOf = (policyPrefix: string) => {
    const policy = resource(logicalId("AWS::IAM::Policy", policyPrefix));
    return (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
  };

  it("never name Resource '*', anywhere in the stack", () => {
    const wildcards = Object.entries(resources).flatMap(([id, resource]) => {
      const document = (resource.Properties?.PolicyDocument ?? {}) as { Statement?: Statement[] };
      return (document.Statement ?? [])
        .filter((s) => s.Effect === "Allow" && [s.Resource].flat().includes("*"))
        .map((s) => `${id}: ${JSON.stringify(s.Action)}`);
    });
    expect(wildcards).toEqual([]);
  });

  it("give each function exactly the operations its code issues, on exact ARNs", () => {
    const table = { "Fn::GetAtt": [logicalId("AWS::DynamoDB::Table", "Table"), "Arn"] };
    const uploads = logicalId("AWS::S3::Bucket", "Uploads");
    const uploadKeys = { "Fn::Join": ["", [{ "Fn::GetAtt": [uploads, "Arn"] }, "/uploads/*"]] };
    const evidenceTextKeys = {
      "Fn::Join": ["", [{ "Fn::GetAtt": [uploads, "Arn"] }, "/evidence-text/*"]],
    };
    const logs = (fn: string) => ({
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: { "Fn::GetAtt": [logicalId("AWS::Logs::LogGroup", `${fn}Logs`), "Arn"] },
    });
    expect(statementsOf("UploadLinkRoleDefaultPolicy")).toEqual([
      logs("UploadLink"),
      {
        Effect: "Allow",
        // DeleteItem: Powertools' idempotency layer drops its in-progress record when no link is issued.
        Action: ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        Resource: table,
      },
      { Effect: "Allow", Action: "s3:PutObject", Resource: uploadKeys },
    ]);
    expect(statementsOf("SubmissionStatusRoleDefaultPolicy")).toEqual([
      logs("SubmissionStatus"),
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: table },
    ]);
    expect(statementsOf("SchoolProfileRoleDefaultPolicy")).toEqual([
      logs("SchoolProfile"),
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        Resource: table,
      },
    ]);
    // A reviewer's download: the link item read and counted, the checked version presigned (and headed).
    expect(statementsOf("ReviewerLinkRoleDefaultPolicy")).toEqual([
      logs("ReviewerLink"),
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: table },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: uploadKeys },
    ]);
    expect(statementsOf("ProcessUploadRoleDefaultPolicy")).toEqual([
      logs("ProcessUpload"),
      {
        Effect: "Allow",
        Action: [
          "dynamodb:BatchGetItem",
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:UpdateItem",
        ],
        Resource: table,
      },
      // The registered schools' names for the metadata check (found missing by iam-from-code.test.ts).
      { Effect: "Allow", Action: "dynamodb:Query", Resource: { "Fn::Join": ["", [table, "/index/gsi1"]] } },
      {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"],
        Resource: uploadKeys,
      },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: { "Fn::GetAtt": [uploads, "Arn"] } },
      // The accepted evidence's page texts: written on acceptance, read when the pre-screen is recomputed.
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: evidenceTextKeys },
      {
        Effect: "Allow",
        Action: ["ses:SendEmail", "ses:SendRawEmail"],
        Resource: {
          "Fn::Join": [
            "",
            [
              "arn:",
              { Ref: "AWS::Partition" },
              ":ses:",
              { Ref: "AWS::Region" },
              ":",
              { Ref: "AWS::AccountId" },
              ":identity/",
              { Ref: logicalId("AWS::SES::EmailIdentity", "MailIdentity") },
            ],
          ],
        },
      },
      {
        Effect: "Allow",
        Action: [
          "sqs:ChangeMessageVisibility",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:ReceiveMessage",
        ],
        Resource: { "Fn::GetAtt": [logicalId("AWS::SQS::Queue", "Arrivals"), "Arn"] },
      },
    ]);
  });

  it("attach no managed policy to the application's functions", () => {
    for (const fn of ["UploadLink", "SubmissionStatus", "SchoolProfile", "ProcessUpload", "ReviewerLink"]) {
      expect(resource(logicalId("AWS::IAM::Role", `${fn}Role`)).Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe("table, API, mail", () => {
  it("keeps records on demand, recoverable, protected and retained in production", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      Properties: {
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        GlobalSecondaryIndexes: [
          {
            IndexName: "gsi1",
            KeySchema: [
              { AttributeName: "gsi1pk", KeyType: "HASH" },
              { AttributeName: "gsi1sk", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      },
      DeletionPolicy: "Retain",
    });
  });

  it("routes the school endpoints, throttled and access-logged, with CORS for the web page", () => {
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(
      (r) => (r.Properties as { RouteKey: string }).RouteKey,
    );
    expect(routes.sort()).toEqual([
      "GET /",
      "GET /api/me",
      "GET /api/me/application",
      "GET /api/me/application-form",
      "GET /api/me/documents/{document}",
      "GET /api/submissions/{submissionId}",
      "GET /r/{linkId}",
      "GET /{file+}",
      "POST /api/upload-links",
      "PUT /api/me/application",
      "PUT /api/me/application-form",
    ]);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: {
        DestinationArn: { "Fn::GetAtt": [logicalId("AWS::Logs::LogGroup", "ApiAccessLogs"), "Arn"] },
        Format: Match.stringLikeRegexp("\\$context\\.requestId"),
      },
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [BASE_CONTEXT.allowedOrigin],
        ExposeHeaders: ["content-disposition"],
      }),
    });
  });

  it("creates the sender identity when SES is in the stack's region", () => {
    template.hasResourceProperties("AWS::SES::EmailIdentity", { EmailIdentity: BASE_CONTEXT.senderAddress });
  });

  it("outputs what an operator needs", () => {
    for (const name of ["ApiUrl", "BucketName", "TableName", "QueueUrl", "DeadLetterQueueUrl"])
      template.hasOutput(name, {});
  });
});

describe("cdk-nag AwsSolutions", () => {
  it("reports nothing unacknowledged: synthesis with the checks passed and wrote an empty report", () => {
    // beforeAll's synthesize() ran app.synth() with the plugin, which throws on any violation.
    const report = JSON.parse(readFileSync(join(prod.outdir, "validation-report.json"), "utf8"));
    expect(report.pluginReports).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(prod.stack).violations).toEqual([]);
  });

  it("does report a bucket without TLS enforcement, so the check can fail", () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, "Careless");
    new Bucket(stack, "Open", { enforceSSL: false });
    const rules = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(rules).toContain("AwsSolutions-S10");
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  it("needs every acknowledgement the stack makes: without any one of them, its rule reports again", () => {
    const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    const acknowledged = prod.stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === key)
          .flatMap((entry) => Object.keys(entry.data as object).map((id) => ({ construct, entry, id }))),
      );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { construct, entry, id } of acknowledged) {
      const data = entry.data as Record<string, string>;
      const reason = data[id];
      expect(reason?.length, `${id} needs a reason`).toBeGreaterThan(40);
      delete data[id];
      try {
        const reported = new AwsSolutionsChecks()
          .validateScope(prod.stack)
          .violations.filter((v) => v.ruleName === id.replace(/^annotation::/i, ""))
          .flatMap((v) => v.violatingResources.map((r) => r.constructPath));
        expect(
          reported.some((path) => path?.startsWith(construct.node.path)),
          `${id} on ${construct.node.path}`,
        ).toBe(true);
      } finally {
        data[id] = reason as string;
      }
    }
  });
});
