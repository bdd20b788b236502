import { MessageRejected, type SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { type Mailer, MailRejected, type OutgoingEmail } from "../processing/ports.ts";

/** Sends mail through SES (v1 SendEmail: UTF-8 subject and bodies; the display name RFC 2047-encoded). */
export class SesMailer implements Mailer {
  private readonly source: string;

  constructor(
    private readonly ses: SESClient,
    senderAddress: string,
    senderName: string,
  ) {
    this.source = `${encodeWord(senderName)} <${senderAddress}>`;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      const out = await this.ses.send(
        new SendEmailCommand({
          Source: this.source,
          Destination: { ToAddresses: [email.to] },
          Message: {
            Subject: { Data: email.subject, Charset: "UTF-8" },
            Body: {
              Text: { Data: email.text, Charset: "UTF-8" },
              Html: { Data: email.html, Charset: "UTF-8" },
            },
          },
        }),
      );
      return { messageId: out.MessageId ?? "" };
    } catch (error) {
      // MessageRejected: SES will never send this one (e.g. unverified recipient in the sandbox); retrying cannot help.
      if (error instanceof MessageRejected) throw new MailRejected(error.message, { cause: error });
      throw error;
    }
  }
}

/** RFC 2047 encoded-word for a header phrase with non-ASCII text; plain ASCII passes through. */
export function encodeWord(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for ASCII, control characters included.
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}
