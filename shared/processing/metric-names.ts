/**
 * What process-upload reports to CloudWatch (Powertools Metrics, as EMF in its logs), named once: the handler emits
 * these and the stack's dashboard (infra/constructs/dashboard.ts) reads them.
 */
import type { SubmissionVerdict } from "../submissions/records.ts";

/** The namespace of shenbao's own metrics: POWERTOOLS_METRICS_NAMESPACE of every function. */
export const METRICS_NAMESPACE = "Shenbao";

/** Powertools' `service` dimension on process-upload's metrics. */
export const PROCESS_UPLOAD_SERVICE = "process-upload";

/** The verdicts process-upload counts, one metric each. */
export const VERDICT_STATES = [
  "ACCEPTED",
  "REJECTED",
  "LATE",
] as const satisfies readonly SubmissionVerdict["state"][];

/** Count of uploads given `state` (one per verdict recorded, never for a resumed one). */
export function verdictMetricName(state: SubmissionVerdict["state"]): string {
  return `Submissions${state}`;
}

/** Milliseconds from S3 receiving an upload to its verdict: what a school waits for, queueing included. */
export const UPLOAD_TO_VERDICT_METRIC = "UploadToVerdict";
