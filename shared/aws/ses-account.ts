/** What SES says about the account and the sender's identity, for `shenbao doctor`. */
import { GetIdentityVerificationAttributesCommand, type SESClient } from "@aws-sdk/client-ses";
import { GetAccountCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import type { SesAccountFacts, VerificationStatus } from "../doctor/checks.ts";

/** SESv2 GetAccount: production access, sending enabled, the daily quota and its use. */
export async function readSesAccount(sesv2: SESv2Client): Promise<SesAccountFacts> {
  const account = await sesv2.send(new GetAccountCommand({}));
  return {
    kind: "aws",
    productionAccessEnabled: account.ProductionAccessEnabled === true,
    sendingEnabled: account.SendingEnabled !== false,
    max24HourSend: account.SendQuota?.Max24HourSend ?? 0,
    sentLast24Hours: account.SendQuota?.SentLast24Hours ?? 0,
  };
}

/** The verification status of each of these identities SES knows (unknown ones are absent from the answer). */
export async function readIdentityVerification(
  ses: SESClient,
  identities: readonly string[],
): Promise<Record<string, VerificationStatus>> {
  const { VerificationAttributes = {} } = await ses.send(
    new GetIdentityVerificationAttributesCommand({ Identities: [...identities] }),
  );
  const statuses: Record<string, VerificationStatus> = {};
  for (const [identity, attributes] of Object.entries(VerificationAttributes)) {
    if (attributes.VerificationStatus) statuses[identity] = attributes.VerificationStatus;
  }
  return statuses;
}
