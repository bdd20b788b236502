import type { AttemptCounter } from "../../shared/api/attempt-limit.ts";
import type { ApplicationDetailsRepository } from "../../shared/application/details.ts";
import type { EvidenceTextStore } from "../../shared/application/evidence-text.ts";
import type { ApplicationFormStore } from "../../shared/application/form-store.ts";
import {
  type AwsClients,
  type AwsConnection,
  connectionFromEnvironment,
  createAwsClients,
} from "../../shared/aws/clients.ts";
import { DynamoApplicationDetailsRepository } from "../../shared/aws/dynamodb-application-details.ts";
import { DynamoApplicationFormStore } from "../../shared/aws/dynamodb-application-forms.ts";
import { DynamoAttemptCounter } from "../../shared/aws/dynamodb-attempts.ts";
import { dynamoIssuedLinkStore } from "../../shared/aws/dynamodb-issued-links.ts";
import { DynamoMailLog } from "../../shared/aws/dynamodb-mail-log.ts";
import { DynamoReviewerLinkStore } from "../../shared/aws/dynamodb-reviewer-links.ts";
import { DynamoSchoolRepository } from "../../shared/aws/dynamodb-schools.ts";
import { DynamoSubmissionRepository } from "../../shared/aws/dynamodb-submissions.ts";
import { S3EvidenceTextStore } from "../../shared/aws/s3-evidence-text.ts";
import { S3ObjectStore } from "../../shared/aws/s3-object-store.ts";
import { SesMailer } from "../../shared/aws/ses-mailer.ts";
import { type LoadedCall, loadCall } from "../../shared/call/load-call.ts";
import type { CheckContext } from "../../shared/checks/context.ts";
import type { MailLog } from "../../shared/mail/mail-log.ts";
import { SENDER_DISPLAY_NAME } from "../../shared/messages/mail.ts";
import { createInspector, type Inspector } from "../../shared/pdf/inspector.ts";
import type { Mailer, ObjectStore } from "../../shared/processing/ports.ts";
import {
  cachedSchoolNames,
  SCHOOL_NAMES_MAX_AGE_MS,
  type SchoolNames,
} from "../../shared/processing/school-names.ts";
import { parseReminderDays } from "../../shared/reminders/plan-reminders.ts";
import type { ReviewerLinkStore } from "../../shared/reviewer-links/reviewer-link.ts";
import type { SchoolRepository, SubmissionRepository } from "../../shared/submissions/repository.ts";
import type { UploadSigner } from "../../shared/uploads/issue-upload-link.ts";
import type { IssuedLinkStore } from "../../shared/uploads/link-replay.ts";
import { type RuntimeConfig, runtimeConfig } from "./config.ts";
import { createLogger } from "./logger.ts";

/**
 * Everything the handlers need, as the ports in shared/ describe it: real adapters in Lambda and on the local
 * stack, in-memory fakes in unit tests. Each handler takes the part it uses (see its create…Handler).
 */
export interface Dependencies {
  config: RuntimeConfig;
  ctx: CheckContext;
  schools: SchoolRepository;
  submissions: SubmissionRepository;
  objects: ObjectStore & UploadSigner;
  mailer: Mailer;
  attempts: AttemptCounter;
  issuedLinks: IssuedLinkStore;
  details: ApplicationDetailsRepository;
  /** The 申报书 forms and their pre-screens. */
  forms: ApplicationFormStore;
  /** The accepted evidence's per-page text (S3 sidecar). */
  evidenceText: EvidenceTextStore;
  mailLog: MailLog;
  /** Reviewers' download links (GET /r/{linkId}), stored by the hash of their id. */
  reviewerLinks: ReviewerLinkStore;
  inspector: Inspector;
  /** The registered schools' names, read at most every few minutes per container. */
  schoolNames: SchoolNames;
  /** Days before the deadline on which reminders go out. */
  reminderDays: readonly number[];
  clock: () => Date;
}

/** What the real dependencies are built from, stated in full: no part of it is read from the environment. */
export interface DependencyConfig {
  runtime: RuntimeConfig;
  call: LoadedCall;
  connection: AwsConnection;
  reminderDays: readonly number[];
  /** The functions' log level (the local stack's); omitted: POWERTOOLS_LOG_LEVEL, as Powertools reads it in Lambda. */
  logLevel?: string;
}

/** The real dependencies and what to close when they are no longer needed. */
export interface BuiltDependencies extends Dependencies {
  clients: AwsClients;
  /** Ends the inspection worker and closes the SDK clients' sockets. */
  close(): Promise<void>;
}

/** Builds the adapters once: one set of SDK clients shared by every repository. */
export function buildDependencies(config: DependencyConfig): BuiltDependencies {
  const { runtime } = config;
  const clients = createAwsClients(config.connection);
  const doc = clients.document;
  const inspector = createInspector({
    timeoutMs: runtime.SHENBAO_INSPECT_TIMEOUT_MS,
    maxBytes: config.call.call.maxFileBytes,
  });
  const schools = new DynamoSchoolRepository(doc, runtime.SHENBAO_TABLE);
  const clock = () => new Date();
  return {
    config: runtime,
    ctx: config.call,
    schools,
    submissions: new DynamoSubmissionRepository(doc, runtime.SHENBAO_TABLE),
    objects: new S3ObjectStore(clients.s3, runtime.SHENBAO_BUCKET),
    mailer: new SesMailer(
      clients.ses,
      runtime.SHENBAO_SENDER,
      runtime.SHENBAO_SENDER_NAME ?? SENDER_DISPLAY_NAME,
    ),
    attempts: new DynamoAttemptCounter(doc, runtime.SHENBAO_TABLE),
    issuedLinks: dynamoIssuedLinkStore(clients.dynamodb, runtime.SHENBAO_TABLE),
    details: new DynamoApplicationDetailsRepository(doc, runtime.SHENBAO_TABLE),
    forms: new DynamoApplicationFormStore(doc, runtime.SHENBAO_TABLE),
    evidenceText: new S3EvidenceTextStore(clients.s3, runtime.SHENBAO_BUCKET),
    mailLog: new DynamoMailLog(doc, runtime.SHENBAO_TABLE),
    reviewerLinks: new DynamoReviewerLinkStore(doc, runtime.SHENBAO_TABLE),
    inspector,
    schoolNames: cachedSchoolNames({
      list: async () => (await schools.listSchools()).map((school) => school.name),
      clock,
      maxAgeMs: SCHOOL_NAMES_MAX_AGE_MS,
      onStale: (error) =>
        createLogger("school-names", config.logLevel).warn(
          "school names not refreshed; the last listing is used",
          {
            error: error as Error,
          },
        ),
    }),
    reminderDays: config.reminderDays,
    clock,
    clients,
    async close() {
      await inspector.close();
      clients.destroy();
    },
  };
}

/**
 * The Lambda way: the configuration the CDK stack sets, the connection the environment describes (SES in
 * SHENBAO_MAIL_REGION, which the China regions lack), the SDK's default chain for region and credentials. Throws,
 * naming every problem, when the environment is incomplete.
 */
export function dependencyConfigFromEnvironment(env: NodeJS.ProcessEnv): DependencyConfig {
  return {
    runtime: runtimeConfig(env),
    call: loadCall(env),
    connection: connectionFromEnvironment(env),
    reminderDays: parseReminderDays(env.SHENBAO_REMINDER_DAYS),
  };
}

export function dependenciesFromEnvironment(env: NodeJS.ProcessEnv): BuiltDependencies {
  return buildDependencies(dependencyConfigFromEnvironment(env));
}
