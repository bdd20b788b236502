import { resetClients } from "../shared/aws/clients.ts";
import { type RunningStack, readJson, stackFilePath } from "../shared/config/local-stack-file.ts";
import { SCHOOLS_TEXT } from "../shared/messages/cli.ts";

export type Endpoint = "local" | "aws";

export class TargetUnavailable extends Error {
  override readonly name = "TargetUnavailable";
}

/** What operator commands act on. `stack` is the running local stack (endpoint `local` only). */
export interface Target {
  endpoint: Endpoint;
  table: string;
  bucket?: string;
  stack?: RunningStack;
}

/**
 * Where operator commands act. `local`: the stack `npm start` runs, found through .local/stack.json (or
 * SHENBAO_STACK_FILE). `aws`: the SDK's own configuration (credentials, AWS_REGION) and SHENBAO_TABLE /
 * SHENBAO_BUCKET from the deployment's outputs.
 */
export async function resolveTarget(endpoint: Endpoint | undefined): Promise<Target> {
  const chosen =
    endpoint ??
    (process.env.SHENBAO_ENDPOINT as Endpoint | undefined) ??
    (process.env.SHENBAO_TABLE ? "aws" : "local");
  if (chosen === "aws") {
    const table = process.env.SHENBAO_TABLE;
    if (!table) throw new TargetUnavailable(SCHOOLS_TEXT.awsNotConfigured);
    return {
      endpoint: "aws",
      table,
      ...(process.env.SHENBAO_BUCKET ? { bucket: process.env.SHENBAO_BUCKET } : {}),
    };
  }
  const stack = await readJson<RunningStack>(stackFilePath());
  if (!stack || !isAlive(stack.pid)) throw new TargetUnavailable(SCHOOLS_TEXT.localNotRunning);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SES: stack.endpoints.ses,
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: stack.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: stack.credentials.secretAccessKey,
    // The stack enforces its own deadline; e-mails and reminders must quote that one.
    ...(stack.deadline ? { SHENBAO_DEADLINE: stack.deadline } : {}),
  });
  resetClients();
  return { endpoint: "local", table: stack.table, bucket: stack.bucket, stack };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
