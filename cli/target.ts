import { type AwsConnection, connectionFromEnvironment, uniformConnection } from "../shared/aws/clients.ts";
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
  /** How the SDK clients reach it. */
  connection: AwsConnection;
  /**
   * The configuration commands read (the call, sender, public URL …): the operator's environment, with the running
   * stack's own deadline in force locally, since the stack enforces that one and e-mails must quote it.
   */
  env: NodeJS.ProcessEnv;
}

/**
 * Where operator commands act. `local`: the stack `npm start` runs, found through .local/stack.json (or
 * SHENBAO_STACK_FILE). `aws`: the SDK's own configuration (credentials, AWS_REGION) and SHENBAO_TABLE /
 * SHENBAO_BUCKET from the deployment's outputs.
 */
export async function resolveTarget(
  endpoint: Endpoint | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  const chosen =
    endpoint ?? (env.SHENBAO_ENDPOINT as Endpoint | undefined) ?? (env.SHENBAO_TABLE ? "aws" : "local");
  if (chosen === "aws") {
    const table = env.SHENBAO_TABLE;
    if (!table) throw new TargetUnavailable(SCHOOLS_TEXT.awsNotConfigured);
    return {
      endpoint: "aws",
      table,
      ...(env.SHENBAO_BUCKET ? { bucket: env.SHENBAO_BUCKET } : {}),
      // Endpoint overrides and SES's region from the environment; credentials and AWS_REGION: the SDK's own chain.
      connection: connectionFromEnvironment(env),
      env,
    };
  }
  const stack = await readJson<RunningStack>(stackFilePath(env));
  if (!stack || !isAlive(stack.pid)) throw new TargetUnavailable(SCHOOLS_TEXT.localNotRunning);
  return {
    endpoint: "local",
    table: stack.table,
    bucket: stack.bucket,
    stack,
    connection: uniformConnection({ region: stack.region, credentials: stack.credentials }, stack.endpoints),
    env: { ...env, ...(stack.deadline ? { SHENBAO_DEADLINE: stack.deadline } : {}) },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
