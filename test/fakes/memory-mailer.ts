/** Mailer in memory: records every sent message; addresses it is told to reject fail with MailRejected. */
import { type Mailer, MailRejected, type OutgoingEmail } from "../../shared/processing/ports.ts";

export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingEmail & { messageId: string })[] = [];
  private readonly rejected = new Set<string>();
  private readonly failing = new Map<string, Error>();

  /** Every later message to `address` is refused for good, as SES refuses an unverified sandbox recipient. */
  reject(address: string): void {
    this.rejected.add(address);
  }

  /** Messages to `address` go out again (SES verified it, say). */
  accept(address: string): void {
    this.rejected.delete(address);
  }

  /** The next message to `address` fails with `error` (a transient failure: the caller should retry). */
  failOnce(address: string, error: Error): void {
    this.failing.set(address, error);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const failure = this.failing.get(email.to);
    if (failure) {
      this.failing.delete(email.to);
      throw failure;
    }
    if (this.rejected.has(email.to)) throw new MailRejected(`Email address is not verified: ${email.to}`);
    const messageId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...email, messageId });
    return { messageId };
  }

  to(address: string): OutgoingEmail[] {
    return this.sent.filter((m) => m.to === address);
  }
}
