/**
 * shenbao on AWS, top to bottom:
 *
 *   school ──HTTP API──► upload-link ──presigned POST──► bucket (uploads/…) ──ObjectCreated──► queue ──► process-upload
 *          ──HTTP API──► submission-status, school-profile, school-application              │ (5 tries)   │
 *                                                                                  dead-letter queue ◄┘    DynamoDB, SES
 *   EventBridge (daily, 09:00 Beijing) ──► send-reminders ──► DynamoDB (who needs one, once per stage), SES
 *
 * Everything an installation chooses comes from DeploymentConfig (infra/config.ts); everything else is decided here,
 * with the reason beside it. Permissions are granted per function, through grant* methods, to exact resources.
 */
import { join } from "node:path";
import {
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Grant } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { DISPOSAL_TAG } from "../shared/aws/s3-object-store.ts";
import { UPLOAD_PREFIX } from "../shared/submissions/object-key.ts";
import type { DeploymentConfig } from "./config.ts";
import { inspectWorkerCommands } from "./constructs/inspect-worker-bundle.ts";
import { MailSender } from "./constructs/mail-sender.ts";
import {
  type BundledFile,
  builtInCallData,
  ShenbaoFunction,
  stageJson,
} from "./constructs/shenbao-function.ts";
import { webPageCommands } from "./constructs/web-page-bundle.ts";

/** Object tag that process-upload sets on a rejected or superseded upload; the bucket expires tagged objects. */
export { DISPOSAL_TAG };

/** process-upload handles one upload per invocation (see the event source below); these bound one upload's work. */
const PROCESS_UPLOAD_TIMEOUT = Duration.seconds(60);
/**
 * Inspection of one file is stopped after this long (a hostile PDF) and becomes a verdict: the inspector's own
 * default, stated here because PROCESS_UPLOAD_TIMEOUT is budgeted on it (read ≤ 100 MiB from S3 in a few seconds,
 * inspect ≤ 4 s, then DynamoDB writes and a handful of e-mails).
 */
const INSPECT_TIMEOUT_MS = 4000;
const API_TIMEOUT = Duration.seconds(10);

/**
 * Memory for process-upload, from the largest file it must hold. At the worst moment the process holds: Node, the
 * SDK and the inspection worker's isolate (~512 MB with Lambda's own share), the file twice while the SDK joins the
 * body's chunks, and what inspection may add before the inspector's watchdog stops it (its default bound on resident
 * memory growth, 512 MB; the file itself is transferred to the worker, not copied). A quarter on top for headroom.
 * Never below 1792 MB: Lambda grants one full vCPU from 1769 MB, and pdf.js parsing is CPU-bound against the
 * inspection timeout. 100 MiB → 1530 MB needed → 1792 MB. Measured with the bundle on a 96 MiB scanned PDF: peak
 * RSS 337 MB (50 pages, 0.9 s) and 353 MB (500 pages, 1.5 s); the rest is the margin for hostile files.
 */
export function processUploadMemoryMb(maxFileBytes: number): number {
  const fileMb = maxFileBytes / (1024 * 1024);
  const needed = (512 + 2 * fileMb + 512) * 1.25;
  return Math.min(10_240, Math.max(1792, Math.ceil(needed / 128) * 128));
}

export interface ShenbaoStackProps extends StackProps {
  config: DeploymentConfig;
}

export class ShenbaoStack extends Stack {
  readonly bucket: Bucket;
  readonly table: Table;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly api: HttpApi;
  readonly functions: Record<
    | "uploadLink"
    | "submissionStatus"
    | "schoolProfile"
    | "schoolApplication"
    | "processUpload"
    | "webPage"
    | "sendReminders",
    ShenbaoFunction
  >;

  constructor(scope: Construct, id: string, props: ShenbaoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const production = config.stage === "prod";
    // Production data outlives the stack; a dev stack cleans up after itself.
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = production ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

    // ── Records: schools, tokens, submissions, application pointers (see docs/data-model.md) ──────────────────
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      // Deadline-day bursts and idle months: pay per request, no capacity to plan.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: production,
      removalPolicy,
      // Only failed-attempt counters carry it (shared/aws/dynamodb-attempts.ts); their window is in their key, so
      // expiry is housekeeping, never correctness (the local emulator has no TTL).
      timeToLiveAttribute: "expiresAt",
    });
    // Schools by name, submissions by state: listings for the operator's CLI.
    this.table.addGlobalSecondaryIndex({
      indexName: "gsi1",
      partitionKey: { name: "gsi1pk", type: AttributeType.STRING },
      sortKey: { name: "gsi1sk", type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    // ── Files: the uploads bucket and the bucket that receives its access logs ───────────────────────────────
    const accessLogs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3 server access logging delivers only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: "expire-access-logs", expiration: Duration.days(production ? 365 : 30) }],
      removalPolicy,
      autoDeleteObjects: !production,
    });

    this.bucket = new Bucket(this, "Uploads", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: presigned POSTs need no KMS permission, and S3 notifications to the queue need no key policy.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // A submission is judged by its exact object version (the S3 event's versionId); a later write to the same
      // key cannot erase what was judged.
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: "uploads-bucket/",
      // Browsers upload by form POST from the web page's origin only; downloads are plain navigations, not CORS.
      cors: [
        {
          allowedOrigins: [config.allowedOrigin],
          allowedMethods: [HttpMethods.POST],
          allowedHeaders: ["*"],
          exposedHeaders: ["ETag", "Location"],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        { id: "abort-incomplete-multipart-uploads", abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // Overwritten versions (a second upload through a used link) and deleted objects (an operator's
          // clean-up): kept for the retention, then gone. Delete markers left alone are removed with them.
          id: "expire-noncurrent-versions",
          noncurrentVersionExpiration: Duration.days(config.retentionDays),
          expiredObjectDeleteMarker: true,
        },
        {
          // A rejected or superseded upload, once process-upload tags it, expires `retentionDays` after upload
          // (and its then-noncurrent version by the rule above). The database keeps the verdict and the hash.
          id: "expire-disposed-uploads",
          prefix: UPLOAD_PREFIX,
          tagFilters: { [DISPOSAL_TAG.key]: DISPOSAL_TAG.value },
          expiration: Duration.days(config.retentionDays),
        },
      ],
      removalPolicy,
      autoDeleteObjects: !production,
    });

    // ── Arrivals: S3 → queue → process-upload, with a dead-letter queue for what keeps failing ───────────────
    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows: time for an operator to read, fix and redrive.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, "Arrivals", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's rule for Lambda event sources: at least six times the function timeout, so that a message is not
      // redelivered while a slow or retried invocation still holds it.
      visibilityTimeout: Duration.seconds(PROCESS_UPLOAD_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queue), {
      prefix: UPLOAD_PREFIX,
    });

    // ── Mail: the sender identity, in the mail region ────────────────────────────────────────────────────────
    const mail = new MailSender(this, "Mail", {
      senderAddress: config.senderAddress,
      ...(config.senderDomain ? { senderDomain: config.senderDomain } : {}),
      ...(config.mailRegion ? { mailRegion: config.mailRegion } : {}),
      ...(config.region ? { stackRegion: config.region } : {}),
      createIdentity: config.createSenderIdentity,
      sandboxRecipients: config.sandboxRecipients,
    });

    // ── Functions ────────────────────────────────────────────────────────────────────────────────────────────
    // Files the functions read at run time, beside index.mjs: the built-in catalog, and an operator's call and
    // catalog when configured (checked by infra/config.ts before synthesis, with the code the functions run).
    const files: BundledFile[] = [...builtInCallData()];
    const callEnvironment: Record<string, string> = {};
    if (config.bakedCall) {
      files.push({ from: stageJson("call.json", config.bakedCall), to: "call.json" });
      callEnvironment.SHENBAO_CALL_FILE = join(LAMBDA_TASK_ROOT, "call.json");
    }
    if (config.catalogExtraPath) {
      files.push({ from: config.catalogExtraPath, to: "catalog-extra.csv" });
      callEnvironment.SHENBAO_CATALOG_EXTRA = join(LAMBDA_TASK_ROOT, "catalog-extra.csv");
    }
    // What functions/runtime/config.ts and shared/call/load-call.ts read; every function builds the same
    // dependencies, so every function gets all of it (permissions below differ per function).
    const environment: Record<string, string> = {
      SHENBAO_TABLE: this.table.tableName,
      SHENBAO_BUCKET: this.bucket.bucketName,
      SHENBAO_SENDER: config.senderAddress,
      ...(config.senderName ? { SHENBAO_SENDER_NAME: config.senderName } : {}),
      SHENBAO_REVIEWERS: config.reviewerAddresses.join(","),
      SHENBAO_PUBLIC_URL: config.publicUrl ?? config.allowedOrigin,
      ...(config.mailRegion ? { SHENBAO_MAIL_REGION: config.mailRegion } : {}),
      ...(config.deadline ? { SHENBAO_DEADLINE: config.deadline } : {}),
      ...callEnvironment,
    };
    const common = { files, logRetention, removalPolicy };
    const apiFunction = (name: string, description: string) =>
      new ShenbaoFunction(this, pascal(name), {
        ...common,
        entry: `functions/${name}/handler.ts`,
        description,
        // A cold start parses a ~1 MB bundle: CPU, which Lambda hands out in proportion to memory.
        memorySize: 512,
        timeout: API_TIMEOUT,
        environment: { ...environment, POWERTOOLS_SERVICE_NAME: name },
      });
    this.functions = {
      uploadLink: apiFunction(
        "upload-link",
        "POST /api/upload-links: checks a planned upload and signs a POST for it",
      ),
      submissionStatus: apiFunction(
        "submission-status",
        "GET /api/submissions/{id}: a submission's state and receipt",
      ),
      schoolProfile: apiFunction("school-profile", "GET /api/me: the school, the call and its submissions"),
      schoolApplication: apiFunction(
        "school-application",
        "GET and PUT /api/me/application: the school's details for the summary table (附件3)",
      ),
      // The school's upload page, served by the API itself: one origin for the page and /api, one deployment.
      webPage: new ShenbaoFunction(this, "WebPage", {
        logRetention,
        removalPolicy,
        entry: "functions/web-page/handler.ts",
        description: "GET / and its assets: the school's upload page (web/), built into the bundle",
        memorySize: 256,
        timeout: API_TIMEOUT,
        environment: { POWERTOOLS_SERVICE_NAME: "web-page" },
        afterBundling: webPageCommands,
      }),
      processUpload: new ShenbaoFunction(this, "ProcessUpload", {
        ...common,
        entry: "functions/process-upload/handler.ts",
        description:
          "Checks each uploaded PDF, records the verdict, mails the receipt and notifies reviewers",
        memorySize: processUploadMemoryMb(config.maxFileBytes),
        timeout: PROCESS_UPLOAD_TIMEOUT,
        environment: {
          ...environment,
          POWERTOOLS_SERVICE_NAME: "process-upload",
          SHENBAO_INSPECT_TIMEOUT_MS: String(INSPECT_TIMEOUT_MS),
        },
        // The inspection worker's own bundle, inspect-worker.mjs beside index.mjs, where the inspector looks.
        afterBundling: inspectWorkerCommands,
      }),
      sendReminders: new ShenbaoFunction(this, "SendReminders", {
        ...common,
        entry: "functions/send-reminders/handler.ts",
        description:
          "Daily: a deadline reminder to each school without an accepted application, once per stage",
        memorySize: 512,
        // A few reads and at most one e-mail per school: a few hundred schools in well under a minute.
        timeout: Duration.minutes(5),
        environment: {
          ...environment,
          POWERTOOLS_SERVICE_NAME: "send-reminders",
          SHENBAO_REMINDER_DAYS: config.reminderDays.replace(/\s/g, ""),
        },
      }),
    };
    const { uploadLink, submissionStatus, schoolProfile, schoolApplication, processUpload, webPage } =
      this.functions;

    // Least privilege, per function: exactly the operations its code path issues (shared/aws/*), on exact ARNs.
    // (Table.grant would add the index ARNs, and Bucket.grantRead/grantPut whole action families: none is needed.)
    const allow = (fn: ShenbaoFunction, actions: string[], resourceArns: string[]) =>
      Grant.addToPrincipal({ grantee: fn.function, actions, resourceArns });
    const tableArn = [this.table.tableArn];
    // UpdateItem for the API functions: counting failed token presentations (shared/api/attempt-limit.ts).
    allow(uploadLink, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], tableArn);
    allow(submissionStatus, ["dynamodb:GetItem", "dynamodb:UpdateItem"], tableArn);
    allow(schoolProfile, ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"], tableArn);
    // PutItem: the details item, replaced whole (shared/aws/dynamodb-application-details.ts).
    allow(schoolApplication, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], tableArn);
    allow(
      processUpload,
      ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"],
      tableArn,
    );
    const uploads = [this.bucket.arnForObjects(`${UPLOAD_PREFIX}*`)];
    // A presigned POST is signed with the signer's credentials: upload-link must itself be allowed to put the key.
    allow(uploadLink, ["s3:PutObject"], uploads);
    // Read by version (and sign reviewers' download links). ListBucket makes a vanished object answer 404, which
    // is a verdict, instead of 403, which would be retried into the dead-letter queue.
    allow(processUpload, ["s3:GetObject", "s3:GetObjectVersion"], uploads);
    // Tag rejected and superseded uploads for the lifecycle rule that expires them.
    allow(processUpload, ["s3:PutObjectTagging", "s3:PutObjectVersionTagging"], uploads);
    allow(processUpload, ["s3:ListBucket"], [this.bucket.bucketArn]);
    const bucketId = this.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const fn of [uploadLink, processUpload]) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/uploads/*]`,
        reason:
          "Object keys are made at run time per school and submission (uploads/{school}/{submission}/{file}); the " +
          "upload prefix is the narrowest scope that can be written down before then.",
      });
    }
    mail.grantSend(processUpload.function);

    // ── Reminders: every morning at 09:00 Beijing time (01:00 UTC) ───────────────────────────────────────────
    const { sendReminders } = this.functions;
    // Schools from the index (listSchools); pointers, submissions and the mail log from the base table; the
    // reminder's claim is a conditional put, given back (deleted) when its e-mail cannot be sent.
    allow(sendReminders, ["dynamodb:Query"], [`${this.table.tableArn}/index/gsi1`]);
    allow(
      sendReminders,
      ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"],
      tableArn,
    );
    mail.grantSend(sendReminders.function);
    new Rule(this, "DailyReminders", {
      description: "Deadline reminders to schools without an accepted application (send-reminders)",
      schedule: Schedule.cron({ minute: "0", hour: "1" }),
      // Two retries if an invocation fails as a whole; each reminder is claimed once, so a retry sends no duplicate.
      targets: [new LambdaFunction(sendReminders.function, { retryAttempts: 2 })],
    });

    // One upload per invocation: Powertools processes a batch's records in parallel, so a batch of n would hold
    // n files in memory sized for one. Ten concurrent invocations drain a deadline-day burst of hundreds within
    // minutes without crowding the account's other functions.
    processUpload.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: 10 }),
    );

    // ── HTTP API: authorization is the functions' (school bearer tokens, hashed in DynamoDB) ─────────────────
    this.api = new HttpApi(this, "Api", {
      description: "shenbao school API",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [config.allowedOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT],
        allowHeaders: ["authorization", "content-type"],
        maxAge: Duration.minutes(10),
      },
    });
    const apiAccessLogs = new LogGroup(this, "ApiAccessLogs", { retention: logRetention, removalPolicy });
    const stage = new HttpStage(this, "ApiStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      // Per-stage: about a hundred schools, each a few requests a minute at worst; bursts absorb a page reload.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiAccessLogs),
        // Never the Authorization header: a bearer token must not reach a log.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            route: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationError: "$context.integrationErrorMessage",
          }),
        ),
      },
    });
    const routes = [
      { path: "/api/upload-links", methods: [HttpMethod.POST], fn: uploadLink },
      { path: "/api/submissions/{submissionId}", methods: [HttpMethod.GET], fn: submissionStatus },
      { path: "/api/me", methods: [HttpMethod.GET], fn: schoolProfile },
      { path: "/api/me/application", methods: [HttpMethod.GET, HttpMethod.PUT], fn: schoolApplication },
    ];
    const pageIntegration = new HttpLambdaIntegration("WebPageIntegration", webPage.function);
    for (const path of ["/", "/{file+}"]) {
      for (const created of this.api.addRoutes({
        path,
        methods: [HttpMethod.GET],
        integration: pageIntegration,
      })) {
        Validations.of(created).acknowledge({
          id: "AwsSolutions-APIG4",
          reason:
            "Public static files (the upload page's HTML, script and style), the same for everyone; they hold no " +
            "data, and every /api route the page calls authorizes by school token.",
        });
      }
    }
    for (const route of routes) {
      const integration = new HttpLambdaIntegration(`${route.fn.node.id}Integration`, route.fn.function);
      for (const created of this.api.addRoutes({ path: route.path, methods: route.methods, integration })) {
        Validations.of(created).acknowledge({
          id: "AwsSolutions-APIG4",
          reason:
            "The function authorizes every request itself: a school's bearer token, stored only as a SHA-256 hash " +
            "in DynamoDB and checked against the school record (functions/runtime/http.ts requireSchool).",
        });
      }
    }

    // ── Alarms, to a topic an operator subscribes to ─────────────────────────────────────────────────────────
    // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarm messages
    // carry alarm names and metric values only.
    const alarms = new Topic(this, "Alarms", { displayName: "shenbao alarms", enforceSSL: true });
    if (config.alarmEmail) alarms.addSubscription(new EmailSubscription(config.alarmEmail));
    const alarm = (id: string, description: string, metric: IMetric, threshold = 1) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(alarms));
    alarm(
      "DeadLettersAlarm",
      "An upload failed processing five times and waits in the dead-letter queue: read it, fix, redrive.",
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
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
      this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: "Maximum" }),
      15 * 60,
    );
    alarm(
      "ApiServerErrorsAlarm",
      "The API answered 5xx five times in five minutes.",
      this.api.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      5,
    );

    // ── What an operator needs next ──────────────────────────────────────────────────────────────────────────
    new CfnOutput(this, "ApiUrl", {
      description: "Base URL of the school API (the web page's API base; schools' curl examples)",
      value: stage.url,
    });
    new CfnOutput(this, "BucketName", {
      description: "Uploads bucket (SHENBAO_BUCKET for the CLI)",
      value: this.bucket.bucketName,
    });
    new CfnOutput(this, "TableName", {
      description: "DynamoDB table (SHENBAO_TABLE for the CLI)",
      value: this.table.tableName,
    });
    new CfnOutput(this, "QueueUrl", { description: "Uploads queue fed by S3", value: this.queue.queueUrl });
    new CfnOutput(this, "DeadLetterQueueUrl", {
      description: "Uploads that failed five times; redrive after fixing",
      value: this.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, "AlarmTopicArn", {
      description: "Subscribe to receive alarms",
      value: alarms.topicArn,
    });
    new CfnOutput(this, "MailRegion", {
      description: "Region where SES sends (SHENBAO_MAIL_REGION)",
      value: mail.region,
    });

    this.acknowledgeCdkInternals();
  }

  /** The helper function CDK adds to configure bucket notifications: its code and role are aws-cdk-lib's. */
  private acknowledgeCdkInternals(): void {
    const handler = this.node.tryFindChild("BucketNotificationsHandler050a0587b7544547bf325f094a3db834");
    if (!handler) return;
    Validations.of(handler).acknowledge({
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      reason:
        "aws-cdk-lib's bucket-notification helper, run only during deployment; the managed policy lets it write its logs.",
    });
  }
}

/** Where Lambda unpacks a function's bundle; its working directory. */
const LAMBDA_TASK_ROOT = "/var/task";

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
