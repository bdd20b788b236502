/**
 * shenbao itself on the embedded local stack: the very handlers Lambda runs, wired to the emulators, the API
 * routes and the queue exactly as the CDK stack wires them in AWS.
 */
import { fileURLToPath } from "node:url";
import { createApplicationFormHandler } from "../../functions/application-form/create-handler.ts";
import { createProcessUploadHandler } from "../../functions/process-upload/create-handler.ts";
import { createReviewerLinkHandler } from "../../functions/reviewer-link/create-handler.ts";
import { runtimeConfig } from "../../functions/runtime/config.ts";
import {
  type BuiltDependencies,
  buildDependencies,
  type DependencyConfig,
} from "../../functions/runtime/dependencies.ts";
import type { HttpHandler } from "../../functions/runtime/http.ts";
import { createLogger } from "../../functions/runtime/logger.ts";
import { createSchoolApplicationHandler } from "../../functions/school-application/create-handler.ts";
import { createSchoolDocumentsHandler } from "../../functions/school-documents/create-handler.ts";
import { createSchoolProfileHandler } from "../../functions/school-profile/create-handler.ts";
import { createSubmissionStatusHandler } from "../../functions/submission-status/create-handler.ts";
import { createUploadLinkHandler } from "../../functions/upload-link/create-handler.ts";
import type { AwsConnection } from "../../shared/aws/clients.ts";
import { DynamoSchoolRepository } from "../../shared/aws/dynamodb-schools.ts";
import { DynamoSubmissionRepository } from "../../shared/aws/dynamodb-submissions.ts";
import { recordSdkCalls, type SdkCall } from "../../shared/aws/sdk-calls.ts";
import { loadCall } from "../../shared/call/load-call.ts";
import type { SchoolIdentityInput } from "../../shared/checks/school-identity.ts";
import type { RunningStack } from "../../shared/config/local-stack-file.ts";
import { createInspector } from "../../shared/pdf/inspector.ts";
import { parseReminderDays } from "../../shared/reminders/plan-reminders.ts";
import { registerSchool } from "../../shared/schools/register-school.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { deadLetterRoutes } from "./dead-letter-routes.ts";
import { LOCAL_CREDENTIALS, type LocalStack, type QueueHandler, startLocalStack } from "./index.ts";
import { createInspectorPool } from "./inspector-pool.ts";
import { localRoutes } from "./routes.ts";

export const LOCAL_BUCKET = "shenbao-uploads";
export const LOCAL_TABLE = "shenbao";
export const WEB_DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export interface ShenbaoLocalOptions {
  /** Persistent state; omitted: everything lives in memory or temp files and is gone on stop. */
  dataDir?: string;
  host?: string;
  /** Port of the API and the web page; 0 for any free port. */
  port?: number;
  /** The call's deadline (ISO 8601 with offset); omitted: the call's own (or SHENBAO_DEADLINE). */
  deadline?: string;
  reviewers?: readonly string[];
  sender?: string;
  /** Receives before a message is dead-lettered, and the first retry delay (tests shorten it). */
  maxReceiveCount?: number;
  retryDelayMs?: number;
  /** Served at `/`: the school's upload page. Default web/dist. */
  staticDir?: string;
  /** The functions' log level (DEBUG … SILENT); omitted: POWERTOOLS_LOG_LEVEL in `env`, else Powertools' INFO. */
  logLevel?: string;
  /**
   * Where the rest of the configuration is read from, once, at start (SHENBAO_CALL_FILE, SHENBAO_LINK_SECONDS …):
   * default the process's environment. Nothing is written to it.
   */
  env?: NodeJS.ProcessEnv;
  /**
   * Given, every AWS SDK command a function sends is reported with the function's name (functions/{name}), and each
   * function runs on its own dependencies and clients, as each has its own Lambda containers and role. Commands sent
   * for the stack itself or through `dependencies` (a test's set-up) are not reported.
   */
  recordSdkCalls?: (functionName: string, call: SdkCall) => void;
  /** The emulators in a child process of their own (see LocalStackOptions.emulatorProcess). Default false. */
  emulatorProcess?: boolean;
  /**
   * Inspection workers process-upload shares (inspector-pool.ts), as concurrent Lambda containers each have one;
   * the pool also holds each evidence text read until a worker is idle, so that receipts go first. Default: the one
   * worker a container has, without a pool.
   */
  inspectors?: number;
  /**
   * The local queue's concurrent batches and their time limit (event-delivery.ts; defaults 5 and 30 s). Lambda runs
   * many batches at once; a few would leave every later school's receipt waiting behind earlier evidence texts.
   */
  queue?: { maxConcurrency?: number; timeoutMs?: number };
}

/**
 * The queue as `npm start` and `npm run bench:load` run it on deadline day. In AWS every school's upload gets an
 * invocation of its own (Lambda scales out to the account's 1000 concurrent executions), so a batch waiting for its
 * evidence text (read after the receipt, at background priority) holds back no other school's receipt; locally the
 * default 5 batches would, once five are waiting. The time limit is Lambda's longest (15 min), not the function's
 * 60 s (infra/constructs/arrivals.ts): in AWS each invocation reads its text on a CPU of its own, while here a
 * burst's texts queue for the machine's few inspection workers (300 texts ≈ 60–75 s of one worker), and a batch
 * timed out for that wait would only be delivered again.
 */
export const DEADLINE_DAY_QUEUE = { maxConcurrency: 1000, timeoutMs: 15 * 60_000 } as const;

/** An AWS service the handlers reach, as a fault proxy may stand in for it. */
export type LocalService = "s3" | "dynamodb" | "ses";

export interface ShenbaoLocal {
  /** The web page and the API (`{baseUrl}/api/...`). */
  baseUrl: string;
  mailStoreUrl: string;
  stack: LocalStack;
  /** What the handlers run with now (the adapters over the emulators). */
  readonly dependencies: BuiltDependencies;
  /**
   * What the named function runs with: with `recordSdkCalls`, its own recorded dependencies (made on first use, so
   * that a function the local stack does not trigger by itself, such as send-reminders, can be run on them); else
   * the shared ones.
   */
  dependenciesOf(functionName: string): BuiltDependencies;
  /** The schools and submissions in the local table, straight to the emulator (past any `routeThrough`). */
  repositories: { schools: DynamoSchoolRepository; submissions: DynamoSubmissionRepository };
  registerSchool(input: SchoolIdentityInput): Promise<{ school: SchoolRecord; token: string }>;
  /**
   * Rebuilds the handlers' dependencies with one service reached through `url` (a fault proxy), as a new Lambda
   * container would be. Call it while the queue is idle. Returns the undo.
   */
  routeThrough(service: LocalService, url: string): () => void;
  stop(): Promise<void>;
}

export async function startShenbao(options: ShenbaoLocalOptions = {}): Promise<ShenbaoLocal> {
  const env = options.env ?? process.env;
  // The handlers exist before the stack does (its router and queue take them), and run only once it is up: each
  // waits for the handlers built from the stack's endpoints (S3's test event may arrive while the stack starts).
  let wiring = deferred<Wiring>();
  const handlers = {
    processUpload: ((event, context) =>
      wiring.promise.then((w) => w.processUpload(event, context))) as QueueHandler,
    uploadLink: delegate((w) => w.uploadLink),
    submissionStatus: delegate((w) => w.submissionStatus),
    schoolProfile: delegate((w) => w.schoolProfile),
    schoolApplication: delegate((w) => w.schoolApplication),
    applicationForm: delegate((w) => w.applicationForm),
    schoolDocuments: delegate((w) => w.schoolDocuments),
    reviewerLink: delegate((w) => w.reviewerLink),
  };
  function delegate(pick: (w: Wiring) => HttpHandler): HttpHandler {
    return (event, context) => wiring.promise.then((w) => pick(w)(event, context));
  }

  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.host === undefined ? {} : { host: options.host }),
      port: options.port ?? 0,
      ...(options.emulatorProcess === undefined ? {} : { emulatorProcess: options.emulatorProcess }),
      bucket: LOCAL_BUCKET,
      table: LOCAL_TABLE,
      queue: {
        handler: handlers.processUpload,
        prefix: "uploads/",
        ...(options.maxReceiveCount === undefined ? {} : { maxReceiveCount: options.maxReceiveCount }),
        ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
        ...options.queue,
      },
      routes: [
        ...localRoutes({
          "upload-link": handlers.uploadLink,
          "submission-status": handlers.submissionStatus,
          "school-profile": handlers.schoolProfile,
          "school-application": handlers.schoolApplication,
          "application-form": handlers.applicationForm,
          "school-documents": handlers.schoolDocuments,
          "reviewer-link": handlers.reviewerLink,
        }),
        // Loopback only, for `shenbao dlq` in another process; the AWS stack has no such route.
        ...deadLetterRoutes(() => stack?.eventDelivery),
      ],
      staticDir: options.staticDir ?? WEB_DIST,
    });
  } catch (error) {
    wiring.reject(error);
    throw error;
  }
  const running = stack;
  let config: Omit<DependencyConfig, "connection">;
  let current: Wiring;
  try {
    config = localDependencyConfig(options, env, running.apiUrl);
    current = wire(
      () => buildDependencies({ ...config, connection: running.connection }),
      options.recordSdkCalls,
      config.logLevel,
      options.inspectors,
    );
  } catch (error) {
    wiring.reject(error);
    await running.stop();
    throw error;
  }
  wiring.resolve(current);

  return {
    baseUrl: running.apiUrl,
    mailStoreUrl: running.mailStoreUrl,
    stack: running,
    get dependencies() {
      return current.deps;
    },
    dependenciesOf: (functionName) => current.dependenciesOf(functionName),
    repositories: {
      schools: new DynamoSchoolRepository(running.clients.document, LOCAL_TABLE),
      submissions: new DynamoSubmissionRepository(running.clients.document, LOCAL_TABLE),
    },
    async registerSchool(input) {
      const outcome = await registerSchool(input, {
        ctx: current.deps.ctx,
        schools: current.deps.schools,
        now: new Date(),
      });
      if (outcome.kind === "invalid") {
        throw new Error(
          `invalid school: ${outcome.findings.map((f) => `${f.code} ${f.actual ?? ""}`).join("; ")}`,
        );
      }
      return { school: outcome.school, token: outcome.token };
    },
    routeThrough(service, url) {
      const rewire = (connection: AwsConnection) => {
        const previous = current;
        current = wire(
          () => buildDependencies({ ...config, connection }),
          options.recordSdkCalls,
          config.logLevel,
          options.inspectors,
        );
        wiring = deferred<Wiring>();
        wiring.resolve(current);
        void previous.close();
      };
      rewire({ ...running.connection, [service]: { ...running.connection[service], endpoint: url } });
      return () => rewire(running.connection);
    },
    async stop() {
      await running.stop();
      await current.close();
    },
  };
}

/** The handlers of one set of dependencies: what one Lambda container of each function would run. */
interface Wiring {
  deps: BuiltDependencies;
  dependenciesOf(functionName: string): BuiltDependencies;
  processUpload: QueueHandler;
  uploadLink: HttpHandler;
  submissionStatus: HttpHandler;
  schoolProfile: HttpHandler;
  schoolApplication: HttpHandler;
  applicationForm: HttpHandler;
  schoolDocuments: HttpHandler;
  reviewerLink: HttpHandler;
  /** Closes every set of dependencies made. */
  close(): Promise<void>;
}

function wire(
  build: () => BuiltDependencies,
  record: ShenbaoLocalOptions["recordSdkCalls"],
  logLevel: string | undefined,
  inspectors: number | undefined,
): Wiring {
  const deps = build();
  const own = new Map<string, BuiltDependencies>();
  const dependenciesOf = (functionName: string): BuiltDependencies => {
    if (!record) return deps;
    let made = own.get(functionName);
    if (!made) {
      made = build();
      recordSdkCalls(made.clients, (call) => record(functionName, call));
      own.set(functionName, made);
    }
    return made;
  };
  // Each function's dependencies with its own logger, as its Lambda entry makes it, at the stack's log level.
  const of = (service: string) => ({ ...dependenciesOf(service), logger: createLogger(service, logLevel) });
  const processing = of("process-upload");
  // A pool of inspectors made as buildDependencies makes its one: more workers than a container has, and the
  // evidence text read only when a worker is idle (receipts first), even with one worker.
  const pool =
    inspectors !== undefined
      ? createInspectorPool(
          () =>
            createInspector({
              timeoutMs: processing.config.SHENBAO_INSPECT_TIMEOUT_MS,
              maxBytes: processing.ctx.call.maxFileBytes,
            }),
          inspectors,
        )
      : undefined;
  if (pool) processing.inspector = pool;
  // As the Lambda entry does at initialisation: the first upload need not wait for the inspection worker.
  processing.inspector.warm().catch(() => undefined);
  return {
    deps,
    dependenciesOf,
    processUpload: createProcessUploadHandler({ ...processing, metrics: NO_METRICS }),
    uploadLink: createUploadLinkHandler(of("upload-link")),
    submissionStatus: createSubmissionStatusHandler(of("submission-status")),
    schoolProfile: createSchoolProfileHandler(of("school-profile")),
    schoolApplication: createSchoolApplicationHandler(of("school-application")),
    applicationForm: createApplicationFormHandler(of("application-form")),
    schoolDocuments: createSchoolDocumentsHandler(of("school-documents")),
    reviewerLink: createReviewerLinkHandler(of("reviewer-link")),
    async close() {
      await Promise.all([deps, ...own.values()].map((made) => made.close()));
      await pool?.close();
    },
  };
}

/** CloudWatch reads metrics from the logs (EMF); locally they would only bury the logs people read. */
const NO_METRICS = {
  addMetric() {},
  hasStoredMetrics: () => false,
  publishStoredMetrics() {},
};

/** The functions' configuration on this machine: the local names, the options given, the rest from `env`. */
function localDependencyConfig(
  options: ShenbaoLocalOptions,
  env: NodeJS.ProcessEnv,
  publicUrl: string,
): Omit<DependencyConfig, "connection"> {
  const deadline = options.deadline ?? env.SHENBAO_DEADLINE;
  const logLevel = options.logLevel ?? env.POWERTOOLS_LOG_LEVEL;
  return {
    runtime: runtimeConfig({
      ...env,
      SHENBAO_TABLE: LOCAL_TABLE,
      SHENBAO_BUCKET: LOCAL_BUCKET,
      SHENBAO_SENDER: options.sender ?? env.SHENBAO_SENDER ?? LOCAL_SENDER,
      SHENBAO_REVIEWERS: (options.reviewers ?? []).join(",") || env.SHENBAO_REVIEWERS || "",
      SHENBAO_PUBLIC_URL: publicUrl,
      SHENBAO_API_URL: publicUrl,
    }),
    call: loadCall({ ...env, ...(deadline ? { SHENBAO_DEADLINE: deadline } : {}) }),
    reminderDays: parseReminderDays(env.SHENBAO_REMINDER_DAYS),
    ...(logLevel === undefined ? {} : { logLevel }),
  };
}

const LOCAL_SENDER = "noreply@shenbao.local";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A stack that failed to start answers nothing; its handlers' rejection must not go unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Where a running stack listens, as `shenbao` commands in another process find it (.local/stack.json). */
export function runningStackOf(shenbao: ShenbaoLocal, deadline: string): RunningStack {
  return {
    pid: process.pid,
    baseUrl: shenbao.baseUrl,
    mailStoreUrl: shenbao.mailStoreUrl,
    endpoints: shenbao.stack.endpoints,
    region: shenbao.stack.region,
    credentials: { ...LOCAL_CREDENTIALS },
    bucket: LOCAL_BUCKET,
    table: LOCAL_TABLE,
    deadline,
    sender: shenbao.dependencies.config.SHENBAO_SENDER,
  };
}
