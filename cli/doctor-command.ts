import type { Command } from "commander";
import { createAwsClients, createSqsClientFrom } from "../shared/aws/clients.ts";
import { readBucketCors } from "../shared/aws/s3-bucket-cors.ts";
import { queueDepth } from "../shared/aws/sqs-queue-depth.ts";
import { doctorExitCode, senderIdentities } from "../shared/doctor/checks.ts";
import { type DoctorSources, renderDoctorReport, runDoctor } from "../shared/doctor/run-doctor.ts";
import { localDeadLetters } from "./dlq-command.ts";
import { LOCAL_SENDER, type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { json, out } from "./table.ts";

/**
 * `shenbao doctor`: what would stop a call from working, one line per check (✓ ✗ ! -), with the fix. Exit 1 when a
 * check fails (✗). On the local stack the SES and alarm checks do not apply (the SES emulator has no sandbox, no
 * identities, and there is no SNS): they are shown as "-".
 */
export function registerDoctorCommand(program: Command, setExitCode: (code: number) => void): void {
  withTarget(
    program
      .command("doctor")
      .description(
        "Check what would stop the call from working: SES sandbox and sender, deadline, dead letters, alarm subscriptions, CORS",
      ),
  ).action(async (opts: TargetOptions) => {
    const op = await operator(opts.endpoint);
    const { sources, close } = await doctorSources(op);
    try {
      const results = await runDoctor(sources, new Date());
      if (opts.json) json({ checks: results, exitCode: doctorExitCode(results) });
      else out(renderDoctorReport(results));
      setExitCode(doctorExitCode(results));
    } finally {
      close();
    }
  });
}

/**
 * The doctor's ports for the command's target: the running local stack's, or AWS's from the operator's environment
 * (the SESv2 and SNS packages are loaded only then, so that no other command pays for them).
 */
export async function doctorSources(op: Operator): Promise<{ sources: DoctorSources; close(): void }> {
  const { target } = op;
  const clients = createAwsClients(target.connection);
  const deadline = () => new Date(op.ctx.call.deadline);
  const stack = target.stack;
  if (stack) {
    return {
      sources: {
        sesAccount: async () => ({ kind: "emulator" }),
        sender: async () => ({ kind: "emulator", address: stack.sender ?? LOCAL_SENDER }),
        deadline,
        deadLetters: async () => ({
          kind: "counted",
          messages: (await localDeadLetters(stack.baseUrl).list()).length,
        }),
        alarms: async () => ({ kind: "local" }),
        cors: async () => ({
          kind: "read",
          publicUrl: stack.baseUrl,
          rules: await readBucketCors(clients.s3, stack.bucket),
        }),
      },
      close: () => clients.destroy(),
    };
  }
  const { env } = target;
  const [
    { createSesV2ClientFrom, createSnsClientFrom },
    { readIdentityVerification, readSesAccount },
    { listTopicSubscriptions },
  ] = await Promise.all([
    import("../shared/aws/doctor-clients.ts"),
    import("../shared/aws/ses-account.ts"),
    import("../shared/aws/sns-subscriptions.ts"),
  ]);
  const sesv2 = createSesV2ClientFrom(target.connection.ses);
  const sqs = createSqsClientFrom(target.connection.sqs);
  const sns = createSnsClientFrom();
  return {
    sources: {
      sesAccount: () => readSesAccount(sesv2),
      async sender() {
        const address = env.SHENBAO_SENDER;
        if (!address) return { kind: "unconfigured" };
        const region = (await clients.ses.config.region()) ?? "";
        const identities = await readIdentityVerification(clients.ses, senderIdentities(address));
        return { kind: "aws", address, region, identities };
      },
      deadline,
      async deadLetters() {
        const url = env.SHENBAO_DLQ_URL;
        return url ? { kind: "counted", messages: await queueDepth(sqs, url) } : { kind: "unconfigured" };
      },
      async alarms() {
        const topicArn = env.SHENBAO_ALARM_TOPIC_ARN;
        if (!topicArn) return { kind: "unconfigured" };
        return { kind: "listed", topicArn, subscriptions: await listTopicSubscriptions(sns, topicArn) };
      },
      async cors() {
        const publicUrl = op.optionalPublicUrl();
        if (!target.bucket || !publicUrl) return { kind: "unconfigured" };
        return { kind: "read", publicUrl, rules: await readBucketCors(clients.s3, target.bucket) };
      },
    },
    close() {
      clients.destroy();
      sesv2.destroy();
      sqs.destroy();
      sns.destroy();
    },
  };
}
