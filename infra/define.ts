/** The app's contents, shared by infra/app.ts and the tests: the stack, where it goes, and the checks on it. */
import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { DeploymentConfig } from "./config.ts";
import { ShenbaoStack } from "./shenbao-stack.ts";

export function defineShenbao(app: App, config: DeploymentConfig): ShenbaoStack {
  const stack = new ShenbaoStack(app, `shenbao-${config.stage}`, {
    config,
    description: `shenbao (申报) submission pipeline, ${config.stage}`,
    // Pinned only when configured; otherwise an environment-agnostic template, deployable with any credentials.
    ...(config.account && config.region ? { env: { account: config.account, region: config.region } } : {}),
    tags: { application: "shenbao", stage: config.stage },
  });
  // cdk-nag 3 is a validation plugin: synthesis fails, listing each finding, unless it is acknowledged with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
