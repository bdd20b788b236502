/**
 * Synthesizes the real app the way `cdk synth` does (cdk.json's feature flags, cdk-nag through Validations), into a
 * temporary directory, from a configuration given as CDK context. Bundling makes this take seconds: synthesize once
 * per test file (beforeAll) and share the result.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { readDeploymentConfig } from "../../infra/config.ts";
import { PROJECT_ROOT } from "../../infra/constructs/shenbao-function.ts";
import { defineShenbao } from "../../infra/define.ts";
import type { ShenbaoStack } from "../../infra/shenbao-stack.ts";

/** What every test deployment has; tests add or override keys. */
export const BASE_CONTEXT: Readonly<Record<string, string>> = {
  senderAddress: "shenbao@example.edu.cn",
  reviewerAddresses: "reviewer1@example.edu.cn,reviewer2@example.edu.cn",
  allowedOrigin: "https://shenbao.example.edu.cn",
  // The built-in call's deadline (2024) has passed: synthesis refuses it without this (config.test.ts shows it).
  allowPastDeadline: "true",
};

export interface Synthesized {
  app: App;
  stack: ShenbaoStack;
  outdir: string;
  /** The directory of a function's bundle (index.mjs and what lies beside it) in the cloud assembly. */
  bundleDir(fn: keyof ShenbaoStack["functions"]): string;
  cleanup(): void;
}

export interface SynthesizeOptions {
  /**
   * Run esbuild for the functions (seconds). Off, CDK's own `aws:cdk:bundling-stacks` switch skips bundling and the
   * template is otherwise identical: enough for assertions on the template and for cdk-nag.
   */
  bundle?: boolean;
  /**
   * aws-cdk-lib's own CloudFormation schema and rule validation during synthesis, as `cdk synth` runs it. About 4 s
   * the first time in a process; default on.
   */
  cloudFormationValidation?: boolean;
}

export function synthesize(
  context: Record<string, string> = {},
  options: SynthesizeOptions = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), "shenbao-cdk-"));
  const flags = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")).context as Record<
    string,
    unknown
  >;
  const app = new App({
    outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
    context: { ...flags, ...(options.bundle ? {} : { "aws:cdk:bundling-stacks": [] }) },
  });
  const given = { ...BASE_CONTEXT, ...context };
  // The environment must not leak a developer's SHENBAO_CDK_* settings into the tests.
  const config = readDeploymentConfig((key) => given[key], {});
  const stack = defineShenbao(app, config);
  // Throws "Validation failed" when cdk-nag (or CloudFormation validation) reports an unacknowledged error.
  app.synth();
  return {
    app,
    stack,
    outdir,
    bundleDir(fn) {
      const code = stack.resolve((stack.functions[fn].function.node.defaultChild as CfnFunction).code) as {
        s3Key: string;
      };
      return join(outdir, `asset.${code.s3Key.replace(/\.zip$/, "")}`);
    },
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
