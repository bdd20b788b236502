import { dynamoDocumentClient, s3Client, sesClient } from "../../shared/aws/clients.ts";
import { DynamoAttemptCounter } from "../../shared/aws/dynamodb-attempts.ts";
import { DynamoIssuedLinkStore } from "../../shared/aws/dynamodb-issued-links.ts";
import { DynamoSchoolRepository } from "../../shared/aws/dynamodb-schools.ts";
import { DynamoSubmissionRepository } from "../../shared/aws/dynamodb-submissions.ts";
import { S3ObjectStore } from "../../shared/aws/s3-object-store.ts";
import { SesMailer } from "../../shared/aws/ses-mailer.ts";
import { loadCall } from "../../shared/call/load-call.ts";
import type { CheckContext } from "../../shared/checks/context.ts";
import { SENDER_DISPLAY_NAME } from "../../shared/messages/mail.ts";
import { type RuntimeConfig, runtimeConfig } from "./config.ts";

/** Everything a handler needs, built once per container (cold start) and reused by every invocation. */
export interface Dependencies {
  config: RuntimeConfig;
  ctx: CheckContext;
  schools: DynamoSchoolRepository;
  submissions: DynamoSubmissionRepository;
  objects: S3ObjectStore;
  mailer: SesMailer;
  attempts: DynamoAttemptCounter;
  issuedLinks: DynamoIssuedLinkStore;
}

let cached: Dependencies | undefined;

export function dependencies(): Dependencies {
  if (cached) return cached;
  const config = runtimeConfig();
  const doc = dynamoDocumentClient();
  cached = {
    config,
    ctx: loadCall(),
    schools: new DynamoSchoolRepository(doc, config.SHENBAO_TABLE),
    submissions: new DynamoSubmissionRepository(doc, config.SHENBAO_TABLE),
    objects: new S3ObjectStore(s3Client(), config.SHENBAO_BUCKET),
    mailer: new SesMailer(
      sesClient(),
      config.SHENBAO_SENDER,
      config.SHENBAO_SENDER_NAME ?? SENDER_DISPLAY_NAME,
    ),
    attempts: new DynamoAttemptCounter(doc, config.SHENBAO_TABLE),
    issuedLinks: new DynamoIssuedLinkStore(doc, config.SHENBAO_TABLE),
  };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetDependencies(): void {
  cached = undefined;
}
