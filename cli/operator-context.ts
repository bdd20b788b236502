import type { Command } from "commander";
import { createAwsClients } from "../shared/aws/clients.ts";
import { DynamoApplicationDetailsRepository } from "../shared/aws/dynamodb-application-details.ts";
import { DynamoMailLog } from "../shared/aws/dynamodb-mail-log.ts";
import { DynamoReviewerLinkStore } from "../shared/aws/dynamodb-reviewer-links.ts";
import { DynamoSchoolRepository } from "../shared/aws/dynamodb-schools.ts";
import { DynamoSubmissionRepository } from "../shared/aws/dynamodb-submissions.ts";
import { S3ObjectStore } from "../shared/aws/s3-object-store.ts";
import { SesMailer } from "../shared/aws/ses-mailer.ts";
import { type LoadedCall, loadCall } from "../shared/call/load-call.ts";
import { SENDER_DISPLAY_NAME } from "../shared/messages/mail.ts";
import { OPERATOR_TEXT } from "../shared/messages/operator.ts";
import { type Endpoint, resolveTarget, type Target, TargetUnavailable } from "./target.ts";
import { UsageError } from "./usage-error.ts";

/** The options every operator command takes. */
export interface TargetOptions {
  endpoint?: Endpoint;
  json?: boolean;
}

export function withTarget(command: Command): Command {
  return command
    .option(
      "--endpoint <endpoint>",
      "local (the stack `npm start` runs) or aws (SHENBAO_TABLE and AWS credentials)",
    )
    .option("--json", "machine-readable output");
}

/** The sender address of the local stack's e-mails when it named none (the SES emulator accepts any). */
export const LOCAL_SENDER = "noreply@shenbao.local";

/** Everything an operator command may act on, made once the target is known. Missing configuration is a usage error. */
export interface Operator {
  target: Target;
  ctx: LoadedCall;
  schools: DynamoSchoolRepository;
  submissions: DynamoSubmissionRepository;
  details: DynamoApplicationDetailsRepository;
  mailLog: DynamoMailLog;
  /** Reviewers' download links, for `shenbao links`. */
  reviewerLinks: DynamoReviewerLinkStore;
  /** The uploads bucket (SHENBAO_BUCKET on AWS). */
  objects(): S3ObjectStore;
  /** SES with the configured sender (SHENBAO_SENDER on AWS; the stack's locally). */
  mailer(): SesMailer;
  /** The upload page's address (SHENBAO_PUBLIC_URL on AWS; the stack's base URL locally). */
  publicUrl(): string;
  /** As publicUrl, or undefined where it is not configured. */
  optionalPublicUrl(): string | undefined;
}

export async function operator(
  endpoint: Endpoint | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<Operator> {
  let target: Target;
  try {
    target = await resolveTarget(endpoint, environment);
  } catch (error) {
    if (error instanceof TargetUnavailable) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const { env } = target;
  const clients = createAwsClients(target.connection);
  const doc = clients.document;
  const optionalPublicUrl = () =>
    (target.stack?.baseUrl ?? env.SHENBAO_PUBLIC_URL)?.replace(/\/+$/, "") || undefined;
  return {
    target,
    ctx: loadCall(env),
    schools: new DynamoSchoolRepository(doc, target.table),
    submissions: new DynamoSubmissionRepository(doc, target.table),
    details: new DynamoApplicationDetailsRepository(doc, target.table),
    mailLog: new DynamoMailLog(doc, target.table),
    reviewerLinks: new DynamoReviewerLinkStore(doc, target.table),
    objects() {
      if (!target.bucket) throw new UsageError(OPERATOR_TEXT.bucketMissing);
      return new S3ObjectStore(clients.s3, target.bucket);
    },
    mailer() {
      const sender = target.stack ? (target.stack.sender ?? LOCAL_SENDER) : env.SHENBAO_SENDER;
      if (!sender) throw new UsageError(OPERATOR_TEXT.senderMissing);
      return new SesMailer(clients.ses, sender, env.SHENBAO_SENDER_NAME || SENDER_DISPLAY_NAME);
    },
    publicUrl() {
      const url = optionalPublicUrl();
      if (!url) throw new UsageError(OPERATOR_TEXT.publicUrlMissing);
      return url;
    },
    optionalPublicUrl,
  };
}
