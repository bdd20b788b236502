/**
 * shenbao itself on the embedded local stack: the very handlers Lambda runs, wired to the emulators, the API
 * routes and the queue exactly as the CDK stack wires them in AWS.
 */
import { fileURLToPath } from "node:url";
import { resetRuntimeConfig } from "../../functions/runtime/config.ts";
import { resetDependencies } from "../../functions/runtime/dependencies.ts";
import { dynamoDocumentClient } from "../../shared/aws/clients.ts";
import { DynamoSchoolRepository } from "../../shared/aws/dynamodb-schools.ts";
import { DynamoSubmissionRepository } from "../../shared/aws/dynamodb-submissions.ts";
import { clearCallCache, loadCall } from "../../shared/call/load-call.ts";
import type { SchoolIdentityInput } from "../../shared/checks/school-identity.ts";
import type { RunningStack } from "../../shared/config/local-stack-file.ts";
import { registerSchool } from "../../shared/schools/register-school.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { deadLetterRoutes } from "./dead-letter-routes.ts";
import { overrideEnvironment } from "./environment.ts";
import { LOCAL_CREDENTIALS, type LocalStack, startLocalStack } from "./index.ts";
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
}

export interface ShenbaoLocal {
  /** The web page and the API (`{baseUrl}/api/...`). */
  baseUrl: string;
  mailStoreUrl: string;
  stack: LocalStack;
  registerSchool(input: SchoolIdentityInput): Promise<{ school: SchoolRecord; token: string }>;
  stop(): Promise<void>;
}

export async function startShenbao(options: ShenbaoLocalOptions = {}): Promise<ShenbaoLocal> {
  const restoreEnvironment = overrideEnvironment({
    SHENBAO_SENDER: options.sender ?? process.env.SHENBAO_SENDER ?? "noreply@shenbao.local",
    SHENBAO_REVIEWERS: (options.reviewers ?? []).join(",") || process.env.SHENBAO_REVIEWERS || "",
    // CloudWatch reads metrics from the logs (EMF); locally they would only bury the logs people read.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? "true",
    ...(options.deadline ? { SHENBAO_DEADLINE: options.deadline } : {}),
  });
  resetCaches();
  // Imported only now: Powertools reads its environment when a handler module is first loaded, as in Lambda.
  const handlers = await importHandlers();
  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.host === undefined ? {} : { host: options.host }),
      port: options.port ?? 0,
      bucket: LOCAL_BUCKET,
      table: LOCAL_TABLE,
      queue: {
        handler: handlers.processUpload,
        prefix: "uploads/",
        ...(options.maxReceiveCount === undefined ? {} : { maxReceiveCount: options.maxReceiveCount }),
        ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
      },
      routes: [
        ...localRoutes({
          "upload-link": handlers.uploadLink,
          "submission-status": handlers.submissionStatus,
          "school-profile": handlers.schoolProfile,
          "school-application": handlers.schoolApplication,
        }),
        // Loopback only, for `shenbao dlq` in another process; the AWS stack has no such route.
        ...deadLetterRoutes(() => stack?.eventDelivery),
      ],
      staticDir: options.staticDir ?? WEB_DIST,
    });
  } catch (error) {
    restoreEnvironment();
    throw error;
  }
  const restorePublicUrl = overrideEnvironment({ SHENBAO_PUBLIC_URL: stack.apiUrl });
  resetCaches();

  return {
    baseUrl: stack.apiUrl,
    mailStoreUrl: stack.mailStoreUrl,
    stack,
    async registerSchool(input) {
      const outcome = await registerSchool(input, {
        ctx: loadCall(),
        schools: new DynamoSchoolRepository(dynamoDocumentClient(), LOCAL_TABLE),
        now: new Date(),
      });
      if (outcome.kind === "invalid") {
        throw new Error(
          `invalid school: ${outcome.findings.map((f) => `${f.code} ${f.actual ?? ""}`).join("; ")}`,
        );
      }
      return { school: outcome.school, token: outcome.token };
    },
    async stop() {
      await stack.stop();
      restorePublicUrl();
      restoreEnvironment();
      resetCaches();
    },
  };
}

async function importHandlers() {
  const [processUpload, uploadLink, submissionStatus, schoolProfile, schoolApplication] = await Promise.all([
    import("../../functions/process-upload/handler.ts"),
    import("../../functions/upload-link/handler.ts"),
    import("../../functions/submission-status/handler.ts"),
    import("../../functions/school-profile/handler.ts"),
    import("../../functions/school-application/handler.ts"),
  ]);
  return {
    processUpload: processUpload.handler,
    uploadLink: uploadLink.handler,
    submissionStatus: submissionStatus.handler,
    schoolProfile: schoolProfile.handler,
    schoolApplication: schoolApplication.handler,
  };
}

/** Handlers cache their configuration per container; a new stack in the same process is a new container. */
function resetCaches(): void {
  resetRuntimeConfig();
  resetDependencies();
  clearCallCache();
}

/** Repositories bound to the local table, for tests and the CLI. */
export function localRepositories() {
  const doc = dynamoDocumentClient();
  return {
    schools: new DynamoSchoolRepository(doc, LOCAL_TABLE),
    submissions: new DynamoSubmissionRepository(doc, LOCAL_TABLE),
  };
}

/** Where a running stack listens, as `shenbao` commands in another process find it (.local/stack.json). */
export function runningStackOf(shenbao: ShenbaoLocal, deadline: string): RunningStack {
  return {
    pid: process.pid,
    baseUrl: shenbao.baseUrl,
    mailStoreUrl: shenbao.mailStoreUrl,
    endpoints: shenbao.stack.endpoints,
    region: process.env.AWS_REGION ?? "us-east-1",
    credentials: { ...LOCAL_CREDENTIALS },
    bucket: LOCAL_BUCKET,
    table: LOCAL_TABLE,
    deadline,
    // startShenbao has set it (to its default when the environment gave none).
    ...(process.env.SHENBAO_SENDER ? { sender: process.env.SHENBAO_SENDER } : {}),
  };
}
