/**
 * One Lambda entry point of functions/, bundled by the locally installed esbuild into a single ESM file, with the
 * files the code reads at run time copied beside it. Every shenbao function is built the same way; only the
 * entry, sizing and environment differ.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { METRICS_NAMESPACE } from "../../shared/processing/metric-names.ts";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** nodejs24.x: the newest Node.js runtime aws-cdk-lib 2.276 knows, in every commercial and China region. */
export const RUNTIME = Runtime.NODEJS_24_X;
const ESBUILD_TARGET = "node24";

/**
 * An ES module has no `require`. esbuild turns a bundled CommonJS dependency's `require("node:…")` into a shim that
 * throws "Dynamic require of … is not supported" at run time unless one is in scope: this puts one there. With the
 * module-first main fields, today's bundles make no such call; the banner keeps a dependency update from breaking
 * them in Lambda only. The alias keeps the banner's names clear of any the bundle declares.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __shenbaoCreateRequire } from 'node:module'; const require = __shenbaoCreateRequire(import.meta.url);";

/** esbuild flags shared by the function bundles and the separately bundled files a function loads at run time. */
export const BUNDLE_FLAGS = {
  target: ESBUILD_TARGET,
  format: OutputFormat.ESM,
  // ESM entry points of dual packages first: smaller, and what `import` would pick.
  mainFields: ["module", "main"],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  // Error classes are matched by `name` (pdf.js's PasswordException, the SDK's exceptions): minifying must keep it.
  keepNames: true,
} as const;

/** Files under the project root that a bundle reads at run time, copied to `{bundle}/{to}`. */
export interface BundledFile {
  /** Absolute path on the synthesizing machine. */
  from: string;
  /** Path inside the bundle, relative to index.mjs. */
  to: string;
}

export interface ShenbaoFunctionProps {
  /** Entry point, relative to the project root: `functions/upload-link/handler.ts`. */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  /** Copied beside index.mjs after bundling. */
  files?: readonly BundledFile[];
  /** Shell commands run after bundling, given the project root and the bundle directory (more bundles). */
  afterBundling?: (projectRoot: string, outputDir: string) => string[];
  /** Caps concurrent executions; omitted, the function shares the account's unreserved pool. */
  reservedConcurrentExecutions?: number;
}

export class ShenbaoFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ShenbaoFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Its own role, allowed to write its own log group only: not the AWSLambdaBasicExecutionRole managed policy,
    // which may create and write any log group in the account.
    const role = new Role(this, "Role", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    this.logGroup.grantWrite(role);
    const files = props.files ?? [];
    this.function = new NodejsFunction(this, "Function", {
      entry: join(PROJECT_ROOT, props.entry),
      handler: "handler",
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, "package-lock.json"),
      description: props.description,
      runtime: RUNTIME,
      role,
      // Graviton: about 20 % cheaper per GB-second than x86_64, and nothing in the bundles is native.
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: {
        // Powertools Logger writes JSON itself; the runtime's JSON format keeps platform lines in the same shape.
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      bundling: {
        ...BUNDLE_FLAGS,
        mainFields: [...BUNDLE_FLAGS.mainFields],
        // Never Docker: the local esbuild (a devDependency) builds the same bundle on any machine, offline.
        forceDockerBundling: false,
        // Chinese text stays readable (and smaller) in the bundle; this aws-cdk-lib drops the `charset` option.
        esbuildArgs: { "--charset": "utf8" },
        // Pinned SDK versions travel in the bundle, so what the tests run is what Lambda runs.
        bundleAwsSDK: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            ...files.flatMap((file) => {
              const target = join(outputDir, file.to);
              return [`mkdir -p ${quote(dirname(target))}`, `cp ${quote(file.from)} ${quote(target)}`];
            }),
            ...(props.afterBundling?.(inputDir, outputDir) ?? []),
          ],
        },
      },
    });
  }
}

/** The built-in call data, where shared/call/load-call.ts looks for it: `./data/` beside the running module. */
export function builtInCallData(): BundledFile[] {
  const from = join(PROJECT_ROOT, "shared", "call", "data", "major-catalog-2021-gaozhi.csv");
  return [{ from, to: join("data", "major-catalog-2021-gaozhi.csv") }];
}

/** Writes JSON to a fresh temporary file for bundling (the asset hash is the bundle's, not this path's). */
export function stageJson(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "shenbao-bundle-"));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

/** A path under the project root, as the bundling commands see it. */
export function projectPath(inputDir: string, absolute: string): string {
  return join(inputDir, relative(PROJECT_ROOT, absolute));
}

/** Single-quotes a path for the shell that runs the bundling commands. */
export function quote(path: string): string {
  return `'${path.replaceAll("'", "'\\''")}'`;
}
