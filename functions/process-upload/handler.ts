import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { createInspector, type Inspector } from "../../shared/pdf/inspector.ts";
import { processUpload } from "../../shared/processing/process-upload.ts";
import { uploadedObjectsFromBody } from "../../shared/processing/uploaded-object.ts";
import { type Dependencies, dependencies } from "../runtime/dependencies.ts";
import { createLogger } from "../runtime/logger.ts";

const logger = createLogger("process-upload");
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "shenbao",
  serviceName: "process-upload",
});
const processor = new BatchProcessor(EventType.SQS);
let inspector: Inspector | undefined;

function inspectorFor(deps: Dependencies): Inspector {
  inspector ??= createInspector({
    timeoutMs: deps.config.SHENBAO_INSPECT_TIMEOUT_MS,
    maxBytes: deps.ctx.call.maxFileBytes,
  });
  return inspector;
}

// Start the inspection worker during initialisation (at full CPU in Lambda), not when the first school waits.
// A configuration error is not raised here: it surfaces, logged, on the first invocation.
try {
  inspectorFor(dependencies())
    .warm()
    .catch(() => undefined);
} catch {}

/**
 * One SQS message: the S3 ObjectCreated records in its body, each taken from arrival to receipt. A thrown error
 * fails only this message (partial batch response); SQS redelivers it and, after maxReceiveCount, dead-letters it.
 */
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
  const deps = dependencies();
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  for (const object of uploadedObjectsFromBody(record.body)) {
    const started = Date.now();
    const outcome = await processUpload(object, {
      ...deps,
      inspector: inspectorFor(deps),
      reviewers: deps.config.SHENBAO_REVIEWERS,
      downloadLinkSeconds: deps.config.SHENBAO_DOWNLOAD_SECONDS,
      ...(deps.config.SHENBAO_PUBLIC_URL
        ? { statusUrl: (id: string) => `${deps.config.SHENBAO_PUBLIC_URL}/#/submissions/${id}` }
        : {}),
      // The lease on the submission lasts as long as this invocation can (Lambda's longest, without a context).
      delivery: {
        id: record.messageId,
        until: new Date(Date.now() + (context?.getRemainingTimeInMillis() ?? 15 * 60_000)),
      },
      clock: () => new Date(),
      log: logger,
    });
    if (outcome.kind === "decided" && !outcome.resumed) {
      metrics.addMetric(`Submissions${outcome.state}`, MetricUnit.Count, 1);
      // From S3 receiving the upload to the verdict: what a school waits for, queueing included.
      metrics.addMetric(
        "UploadToVerdict",
        MetricUnit.Milliseconds,
        Date.now() - Date.parse(object.eventTime),
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

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, { context });
  } finally {
    // A batch of test events or ignored keys records nothing, and an empty publish only warns.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
