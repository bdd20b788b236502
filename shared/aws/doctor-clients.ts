/**
 * The SESv2 and SNS clients `shenbao doctor` reads the account's SES status and the alarm topic with; apart from
 * clients.ts so that no other command or function loads these two SDK packages.
 */
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SNSClient } from "@aws-sdk/client-sns";
import { type ClientSettings, sdkConfig } from "./clients.ts";

/** A new SESv2 client in the mail region, from explicit settings. */
export function createSesV2ClientFrom(settings: ClientSettings = {}): SESv2Client {
  const region = process.env.SHENBAO_MAIL_REGION ?? process.env.AWS_REGION;
  return new SESv2Client({ ...(region ? { region } : {}), ...sdkConfig(settings) });
}

/** A new SNS client from explicit settings. */
export function createSnsClientFrom(settings: ClientSettings = {}): SNSClient {
  return new SNSClient(sdkConfig(settings));
}
