/**
 * shenbao on AWS, top to bottom:
 *
 *   school ──HTTP API──► upload-link ──presigned POST──► bucket (uploads/…) ──ObjectCreated──► queue ──► process-upload
 *          ──HTTP API──► submission-status, school-profile, school-application              │ (5 tries)   │
 *                                                                                  dead-letter queue ◄┘    DynamoDB, SES
 *   EventBridge (daily, 09:00 Beijing) ──► send-reminders ──► DynamoDB (who needs one, once per stage), SES
 *   reviewer ──HTTP API GET /r/{linkId}──► reviewer-link ──302──► a presigned GET of the checked version (5 min)
 *   EventBridge (every 5 minutes) ──► retry-mail ──► DynamoDB (mail SES refused, claimed once), SES
 *
 * Everything an installation chooses comes from DeploymentConfig (infra/config.ts); everything else is decided in
 * the sections below (infra/constructs/), with the reason beside it. Permissions are granted per function, through
 * grant* methods, to exact resources. Sections do not show in logical ids (infra/constructs/section.ts): a deployed
 * stack keeps every resource when they are regrouped.
 */
import {
  type CfnElement,
  CfnOutput,
  CfnResource,
  Lazy,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { DISPOSAL_TAG } from "../shared/aws/s3-object-store.ts";
import type { DeploymentConfig } from "./config.ts";
import { Alarms } from "./constructs/alarms.ts";
import { Arrivals } from "./constructs/arrivals.ts";
import { OperationsDashboard } from "./constructs/dashboard.ts";
import { Files } from "./constructs/files.ts";
import { functionSettings } from "./constructs/function-settings.ts";
import { MailRetry } from "./constructs/mail-retry.ts";
import { MailSender } from "./constructs/mail-sender.ts";
import { Records } from "./constructs/records.ts";
import { Reminders } from "./constructs/reminders.ts";
import { SchoolApi } from "./constructs/school-api.ts";
import { logicalIdOutsideSections } from "./constructs/section.ts";
import type { ShenbaoFunction } from "./constructs/shenbao-function.ts";

export { processUploadMemoryMb } from "./constructs/arrivals.ts";
/** Object tag that process-upload sets on a rejected or superseded upload; the bucket expires tagged objects. */
export { DISPOSAL_TAG };

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
    | "applicationForm"
    | "schoolDocuments"
    | "reviewerLink"
    | "processUpload"
    | "webPage"
    | "sendReminders"
    | "retryMail",
    ShenbaoFunction
  >;

  constructor(scope: Construct, id: string, props: ShenbaoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const production = config.stage === "prod";
    // Production data outlives the stack; a dev stack cleans up after itself.
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = production ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

    // Schools, tokens, submissions, application pointers: one table.
    const records = new Records(this, "Records", { production, removalPolicy });
    // The uploads bucket and the bucket that receives its access logs.
    const files = new Files(this, "Files", { config, production, removalPolicy });
    // The sender identity, in the mail region.
    const mail = new MailSender(this, "Mail", {
      senderAddress: config.senderAddress,
      ...(config.senderDomain ? { senderDomain: config.senderDomain } : {}),
      ...(config.mailRegion ? { mailRegion: config.mailRegion } : {}),
      ...(config.region ? { stackRegion: config.region } : {}),
      createIdentity: config.createSenderIdentity,
      sandboxRecipients: config.sandboxRecipients,
    });
    const table = records.table;
    // The page's origin: configured (a custom domain, a site elsewhere), else the API's own endpoint, known only
    // once the API exists below. The functions refer to the API resource, which refers to none of them: no cycle.
    let apiOrigin: string | undefined;
    const apiOriginLater = Lazy.string({
      produce: () => {
        if (!apiOrigin) throw new Error("the API's origin is read before the API exists");
        return apiOrigin;
      },
    });
    const pageOrigin = config.allowedOrigin ?? apiOriginLater;
    const settings = functionSettings(
      config,
      { table, bucket: files.bucket },
      { logRetention, removalPolicy },
      config.publicUrl ?? pageOrigin,
      apiOriginLater,
    );
    // S3 → queue → process-upload, and the dead-letter queue.
    const arrivals = new Arrivals(this, "Arrivals", { config, settings, table, files, mail });
    // The HTTP API on the route table (shared/api/routes.ts), its functions, the upload page.
    const schoolApi = new SchoolApi(this, "SchoolApi", { config, settings, table, files });
    apiOrigin = schoolApi.origin;
    files.allowBrowserUploadsFrom(pageOrigin);
    // Daily deadline reminders.
    const reminders = new Reminders(this, "Reminders", { config, settings, table, mail });
    // What an operator is woken for.
    const alarms = new Alarms(this, "Alarms", {
      alarmEmail: config.alarmEmail,
      queue: arrivals.queue,
      deadLetterQueue: arrivals.deadLetterQueue,
      processUpload: arrivals.processUpload,
      api: schoolApi.api,
    });
    // The e-mail SES refused, retried with backoff; an alarm when a message is given up.
    const mailRetry = new MailRetry(this, "MailRetry", { settings, table, mail, alarmTopic: alarms.topic });

    this.table = table;
    this.bucket = files.bucket;
    this.queue = arrivals.queue;
    this.deadLetterQueue = arrivals.deadLetterQueue;
    this.api = schoolApi.api;
    const api = schoolApi.functions;
    this.functions = {
      uploadLink: api["upload-link"],
      submissionStatus: api["submission-status"],
      schoolProfile: api["school-profile"],
      schoolApplication: api["school-application"],
      applicationForm: api["application-form"],
      schoolDocuments: api["school-documents"],
      reviewerLink: api["reviewer-link"],
      webPage: api["web-page"],
      processUpload: arrivals.processUpload,
      sendReminders: reminders.sendReminders,
      retryMail: mailRetry.retryMail,
    };
    // What an operator looks at on deadline day (docs/runbook.md).
    const dashboard = new OperationsDashboard(this, "Operations", {
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      api: this.api,
      functions: this.functions,
      mailRegion: config.mailRegion,
    });

    // ── What an operator needs next ──────────────────────────────────────────────────────────────────────────
    new CfnOutput(this, "ApiUrl", {
      description: "Base URL of the school API (the web page's API base; schools' curl examples)",
      value: schoolApi.stage.url,
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
      value: alarms.topic.topicArn,
    });
    new CfnOutput(this, "DashboardUrl", {
      description: "The operator's CloudWatch dashboard (docs/runbook.md)",
      value: dashboard.url,
    });
    new CfnOutput(this, "MailRegion", {
      description: "Region where SES sends (SHENBAO_MAIL_REGION)",
      value: mail.region,
    });

    this.acknowledgeCdkInternals();
    this.retainHelperLogs(logRetention, removalPolicy);
  }

  /**
   * aws-cdk-lib's helper functions (the bucket-notification handler; in dev, the provider that empties buckets
   * on deletion) would log to a group Lambda creates on first use, kept forever. Each logs to its own group here,
   * with the stack's retention.
   */
  private retainHelperLogs(retention: RetentionDays, removalPolicy: RemovalPolicy): void {
    const helpers = [
      "BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
      "Custom::S3AutoDeleteObjectsCustomResourceProvider",
    ];
    for (const id of helpers) {
      const helper = this.node.tryFindChild(id);
      if (!helper) continue;
      const functions = helper.node
        .findAll()
        .filter(
          (c): c is CfnResource =>
            CfnResource.isCfnResource(c) && c.cfnResourceType === "AWS::Lambda::Function",
        );
      for (const fn of functions) {
        const logs = new LogGroup(this, `${id.replace(/[^A-Za-z0-9]/g, "")}Logs`, {
          retention,
          removalPolicy,
        });
        fn.addPropertyOverride("LoggingConfig.LogGroup", logs.logGroupName);
      }
    }
  }

  /** Resources in a section keep the logical id they would have in the stack itself (constructs/section.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOutsideSections(this, element) ?? super.allocateLogicalId(element);
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
