/**
 * The CDK app (cdk.json runs it): reads and validates the deployment configuration (every problem at once, before
 * anything is synthesized), then defines the stack with the cdk-nag checks.
 *
 *   npx cdk deploy -c stage=prod -c senderAddress=… -c allowedOrigin=https://… (see docs/deploy.md)
 */
import { App } from "aws-cdk-lib";
import { DeploymentConfigError, readDeploymentConfig } from "./config.ts";
import { defineShenbao } from "./define.ts";

const app = new App();
try {
  defineShenbao(
    app,
    readDeploymentConfig((key) => app.node.tryGetContext(key)),
  );
} catch (error) {
  if (!(error instanceof DeploymentConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
