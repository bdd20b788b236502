/**
 * What every shenbao function that builds the dependencies gets: the files read at run time beside index.mjs, and
 * the environment functions/runtime/config.ts and shared/call/load-call.ts read. Every function builds the same
 * dependencies, so every function gets all of it (permissions differ per function, granted where it is made).
 */
import { join } from "node:path";
import type { RemovalPolicy } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { DeploymentConfig } from "../config.ts";
import { type BundledFile, builtInCallData, stageJson } from "./shenbao-function.ts";

/** Where Lambda unpacks a function's bundle; its working directory. */
const LAMBDA_TASK_ROOT = "/var/task";

export interface FunctionSettings {
  files: BundledFile[];
  environment: Record<string, string>;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

export function functionSettings(
  config: DeploymentConfig,
  stores: { table: ITable; bucket: IBucket },
  lifetime: { logRetention: RetentionDays; removalPolicy: RemovalPolicy },
  /** Where links to the page point: the configured publicUrl or page origin, else the API's own (a token). */
  publicUrl: string,
  /** The API's own origin (a token): reviewers' download links point at its /r/{linkId} route. */
  apiUrl: string,
): FunctionSettings {
  // The built-in catalog, and an operator's call and catalog when configured (checked by infra/config.ts before
  // synthesis, with the code the functions run).
  const files: BundledFile[] = [...builtInCallData()];
  const callEnvironment: Record<string, string> = {};
  if (config.bakedCall) {
    files.push({ from: stageJson("call.json", config.bakedCall), to: "call.json" });
    callEnvironment.SHENBAO_CALL_FILE = join(LAMBDA_TASK_ROOT, "call.json");
  }
  if (config.catalogExtraPath) {
    files.push({ from: config.catalogExtraPath, to: "catalog-extra.csv" });
    callEnvironment.SHENBAO_CATALOG_EXTRA = join(LAMBDA_TASK_ROOT, "catalog-extra.csv");
  }
  const environment: Record<string, string> = {
    SHENBAO_TABLE: stores.table.tableName,
    SHENBAO_BUCKET: stores.bucket.bucketName,
    SHENBAO_SENDER: config.senderAddress,
    ...(config.senderName ? { SHENBAO_SENDER_NAME: config.senderName } : {}),
    SHENBAO_REVIEWERS: config.reviewerAddresses.join(","),
    SHENBAO_PUBLIC_URL: publicUrl,
    SHENBAO_API_URL: apiUrl,
    ...(config.mailRegion ? { SHENBAO_MAIL_REGION: config.mailRegion } : {}),
    ...(config.deadline ? { SHENBAO_DEADLINE: config.deadline } : {}),
    ...callEnvironment,
  };
  return { files, environment, ...lifetime };
}
