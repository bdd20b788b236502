/** A Lambda invocation context for handlers invoked locally (what Powertools and handlers read from it). */
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export interface LambdaContextOptions {
  functionName: string;
  timeoutMs: number;
  region: string;
  accountId?: string;
  memoryLimitInMB?: number;
}

export function createLambdaContext(options: LambdaContextOptions): Context {
  const deadline = Date.now() + options.timeoutMs;
  const arn = `arn:aws:lambda:${options.region}:${options.accountId ?? "000000000000"}:function:${options.functionName}`;
  const unsupported = () => {
    throw new Error("context.done/fail/succeed are not supported locally; return or throw from the handler");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: arn,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
