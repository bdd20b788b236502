/** Arrivals: S3 → queue → process-upload, with a dead-letter queue for what keeps failing. */
import { Duration, Stack } from "aws-cdk-lib";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  type BucketNotificationDestinationConfig,
  BucketNotificationDestinationType,
  EventType,
  type IBucket,
  type IBucketNotificationDestination,
} from "aws-cdk-lib/aws-s3";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { UPLOAD_PREFIX } from "../../shared/submissions/object-key.ts";
import type { DeploymentConfig } from "../config.ts";
import type { Files } from "./files.ts";
import type { FunctionSettings } from "./function-settings.ts";
import { allow } from "./grants.ts";
import { inspectWorkerCommands } from "./inspect-worker-bundle.ts";
import type { MailSender } from "./mail-sender.ts";
import { nodeUniqueIdOutsideSections, Section } from "./section.ts";
import { ShenbaoFunction } from "./shenbao-function.ts";

/** process-upload handles one upload per invocation (see the event source below); these bound one upload's work. */
const PROCESS_UPLOAD_TIMEOUT = Duration.seconds(60);
/**
 * Inspection of one file is stopped after this long (a hostile PDF) and becomes a verdict: the inspector's own
 * default, stated here because PROCESS_UPLOAD_TIMEOUT is budgeted on it (read ≤ 100 MiB from S3 in a few seconds,
 * inspect ≤ 4 s, then DynamoDB writes and a handful of e-mails).
 */
const INSPECT_TIMEOUT_MS = 4000;

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

/**
 * SqsDestination, with the queue policy's grant to S3 conditioned on the bucket's account as well as its ARN
 * (aws:SourceAccount with aws:SourceArn: a bucket name, and so its ARN, can be re-created in another account).
 */
class OwnBucketQueueDestination implements IBucketNotificationDestination {
  constructor(private readonly queue: Queue) {}

  bind(_scope: Construct, bucket: IBucket): BucketNotificationDestinationConfig {
    this.queue.grantSendMessages(
      new ServicePrincipal("s3.amazonaws.com", {
        conditions: {
          ArnLike: { "aws:SourceArn": bucket.bucketArn },
          StringEquals: { "aws:SourceAccount": Stack.of(bucket).account },
        },
      }),
    );
    return {
      arn: this.queue.queueArn,
      type: BucketNotificationDestinationType.QUEUE,
      dependencies: [this.queue],
    };
  }
}

export interface ArrivalsProps {
  config: DeploymentConfig;
  settings: FunctionSettings;
  table: Table;
  files: Files;
  mail: MailSender;
}

export class Arrivals extends Section {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly processUpload: ShenbaoFunction;

  constructor(scope: Construct, id: string, props: ArrivalsProps) {
    super(scope, id);
    const { config, settings, table, files, mail } = props;
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
    files.bucket.addEventNotification(EventType.OBJECT_CREATED, new OwnBucketQueueDestination(this.queue), {
      prefix: UPLOAD_PREFIX,
    });

    const processUpload = new ShenbaoFunction(this, "ProcessUpload", {
      ...settings,
      entry: "functions/process-upload/handler.ts",
      description: "Checks each uploaded PDF, records the verdict, mails the receipt and notifies reviewers",
      memorySize: processUploadMemoryMb(config.maxFileBytes),
      timeout: PROCESS_UPLOAD_TIMEOUT,
      ...(config.processUploadReservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: config.processUploadReservedConcurrency }),
      environment: {
        ...settings.environment,
        POWERTOOLS_SERVICE_NAME: "process-upload",
        SHENBAO_INSPECT_TIMEOUT_MS: String(INSPECT_TIMEOUT_MS),
      },
      // The inspection worker's own bundle, inspect-worker.mjs beside index.mjs, where the inspector looks.
      afterBundling: inspectWorkerCommands,
    });
    this.processUpload = processUpload;
    allow(
      processUpload,
      // The reviewers' links ride on the submission's UpdateItems (the verdict's, or a redelivery's), so no
      // BatchWriteItem. BatchGetItem: the pre-screen's form and evidence pointer, read in one request.
      [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query",
        "dynamodb:BatchGetItem",
      ],
      [table.tableArn],
    );
    // The registered schools' names (shared/processing/school-names.ts: listSchools) come from the index.
    allow(processUpload, ["dynamodb:Query"], [`${table.tableArn}/index/gsi1`]);
    // Read by version (and sign reviewers' download links). ListBucket makes a vanished object answer 404, which
    // is a verdict, instead of 403, which would be retried into the dead-letter queue.
    allow(processUpload, ["s3:GetObject", "s3:GetObjectVersion"], files.uploadObjects);
    // Tag rejected and superseded uploads for the lifecycle rule that expires them.
    allow(processUpload, ["s3:PutObjectTagging", "s3:PutObjectVersionTagging"], files.uploadObjects);
    allow(processUpload, ["s3:ListBucket"], [files.bucket.bucketArn]);
    files.acknowledgeUploadPrefix(processUpload);
    // An accepted 佐证材料's page texts: written beside it, read back when its school's pre-screen is recomputed
    // (shared/processing/evidence-prescreen.ts). Nothing else of the bucket: uploads stay read-only.
    allow(processUpload, ["s3:GetObject", "s3:PutObject"], files.evidenceTextObjects);
    files.acknowledgeEvidenceTextPrefix(processUpload);
    mail.grantSend(processUpload.function);

    // One upload per invocation: Powertools processes a batch's records in parallel, so a batch of n would hold
    // n files in memory sized for one. At most `uploadConcurrency` invocations at once (default 5): an upload takes
    // a few seconds, so five drain a deadline-day burst of hundreds within minutes, and on a new account whose
    // Lambda concurrency quota is 10 (not the usual 1000) the API functions keep the other five. Raise it with the
    // quota (Service Quotas → Lambda → Concurrent executions).
    // What SqsEventSource does, under the name it gives the mapping outside a section: Lambda refuses a second
    // mapping of one queue to one function, so a renamed (replaced, created before the old is deleted) mapping
    // would fail the deployment.
    processUpload.function.addEventSourceMapping(
      `SqsEventSource:${nodeUniqueIdOutsideSections(this.queue)}`,
      {
        eventSourceArn: this.queue.queueArn,
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: config.uploadConcurrency,
      },
    );
    this.queue.grantConsumeMessages(processUpload.function);
  }
}
