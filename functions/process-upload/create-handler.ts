import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { statusLink } from "../../shared/api/page-links.ts";
import type { BytesInspector } from "../../shared/examination/examine.ts";
import {
  METRICS_NAMESPACE,
  PROCESS_UPLOAD_SERVICE,
  UPLOAD_TO_VERDICT_METRIC,
  verdictMetricName,
} from "../../shared/processing/metric-names.ts";
import type { ObjectStore } from "../../shared/processing/ports.ts";
import { processUpload } from "../../shared/processing/process-upload.ts";
import { uploadedObjectsFromBody } from "../../shared/processing/uploaded-object.ts";
import { createReviewerLinkIssuer, type ReviewerLinkIssuer } from "../../shared/reviewer-links/issue-link.ts";
import type { Dependencies } from "../runtime/dependencies.ts";
import { createLogger } from "../runtime/logger.ts";

/** What the handler records for CloudWatch (Powertools Metrics in Lambda). */
export interface MetricsSink {
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): unknown;
  hasStoredMetrics(): boolean;
  publishStoredMetrics(): unknown;
}

export type ProcessUploadDeps = Pick<
  Dependencies,
  "ctx" | "schools" | "submissions" | "mailer" | "forms" | "evidenceText" | "clock"
> &
  Partial<Pick<Dependencies, "schoolNames" | "reviewerLinks">> & {
    objects: ObjectStore;
    /** Inspects PDFs; a worker in Lambda (started at initialisation), in-process or fake in tests. */
    inspector: BytesInspector;
    config: Pick<
      Dependencies["config"],
      "SHENBAO_REVIEWERS" | "SHENBAO_DOWNLOAD_SECONDS" | "SHENBAO_PUBLIC_URL" | "SHENBAO_API_URL"
    >;
    logger?: Logger;
    metrics?: MetricsSink;
  };

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The queue of S3 notifications: each SQS message's S3 ObjectCreated records, each taken from arrival to receipt.
 * A thrown error fails only its message (partial batch response); SQS redelivers it and, after maxReceiveCount,
 * dead-letters it.
 */
export function createProcessUploadHandler(deps: ProcessUploadDeps): SqsHandler {
  const logger = deps.logger ?? createLogger("process-upload");
  const metrics = deps.metrics ?? processUploadMetrics();
  const processor = new BatchProcessor(EventType.SQS);
  const reviewerLinks = reviewerLinkIssuer(deps);

  async function recordHandler(record: SQSRecord, context?: Context): Promise<void> {
    try {
      await processRecord(record, context);
    } catch (error) {
      // The batch processor reports the failure to SQS but logs nothing: this line is what the error alarm and an
      // operator see before the message is retried or dead-lettered.
      logger.error("message failed; it will be retried", {
        messageId: record.messageId,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
        error: error as Error,
      });
      throw error;
    }
  }

  async function processRecord(record: SQSRecord, context?: Context): Promise<void> {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    const publicUrl = deps.config.SHENBAO_PUBLIC_URL;
    for (const object of uploadedObjectsFromBody(record.body)) {
      const started = Date.now();
      const outcome = await processUpload(object, {
        ctx: deps.ctx,
        schools: deps.schools,
        submissions: deps.submissions,
        objects: deps.objects,
        mailer: deps.mailer,
        inspector: deps.inspector,
        ...(deps.schoolNames ? { schoolNames: deps.schoolNames } : {}),
        reviewers: deps.config.SHENBAO_REVIEWERS,
        ...(reviewerLinks ? { reviewerLinks } : {}),
        ...(publicUrl ? { statusUrl: (id: string) => statusLink(publicUrl, id) } : {}),
        // The lease on the submission lasts as long as this invocation can (Lambda's longest, without a context).
        delivery: {
          id: record.messageId,
          until: new Date(deps.clock().getTime() + (context?.getRemainingTimeInMillis() ?? 15 * 60_000)),
        },
        prescreen: { forms: deps.forms, evidenceText: deps.evidenceText },
        clock: deps.clock,
        log: logger,
      });
      if (outcome.kind === "decided" && !outcome.resumed) {
        metrics.addMetric(verdictMetricName(outcome.state), MetricUnit.Count, 1);
        // From S3 receiving the upload to the verdict: what a school waits for, queueing included (until the
        // receipt and the notices are out, not the evidence text read after them).
        metrics.addMetric(
          UPLOAD_TO_VERDICT_METRIC,
          MetricUnit.Milliseconds,
          outcome.mailedAt.getTime() - Date.parse(object.eventTime),
        );
      }
      if (outcome.kind === "ignored") metrics.addMetric(`Ignored-${outcome.reason}`, MetricUnit.Count, 1);
      logger.info("upload processed", {
        messageId: record.messageId,
        receiveCount,
        key: object.key,
        outcome,
        elapsedMs: Date.now() - started,
      });
    }
  }

  return async (event, context) => {
    logger.addContext(context);
    try {
      return await processPartialResponse(event, recordHandler, processor, { context });
    } finally {
      // A batch of test events or ignored keys records nothing, and an empty publish only warns.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/** The handler's CloudWatch metrics in Lambda: EMF under the stack's namespace, with Powertools' `service` dimension. */
export function processUploadMetrics(
  namespace = process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
): Metrics {
  return new Metrics({
    namespace,
    serviceName: PROCESS_UPLOAD_SERVICE,
  });
}

/**
 * Reviewers' links live on the API (SHENBAO_API_URL, else the page's SHENBAO_PUBLIC_URL when the API serves the
 * page). With neither, or no link store, notices go out without a link.
 */
function reviewerLinkIssuer(deps: ProcessUploadDeps): ReviewerLinkIssuer | undefined {
  const apiUrl = deps.config.SHENBAO_API_URL ?? deps.config.SHENBAO_PUBLIC_URL;
  if (!apiUrl || !deps.reviewerLinks) return undefined;
  return createReviewerLinkIssuer({
    store: deps.reviewerLinks,
    apiUrl,
    lifetimeSeconds: deps.config.SHENBAO_DOWNLOAD_SECONDS,
    clock: deps.clock,
  });
}
