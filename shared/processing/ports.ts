/** What processing needs from the outside world, as narrow interfaces; shared/aws implements them. */

export interface StoredObject {
  size: number;
  eTag: string;
  versionId?: string;
}

export interface ObjectStore {
  /** Undefined when the object does not exist (any more). */
  head(key: string, versionId?: string): Promise<StoredObject | undefined>;
  /** Undefined when the object does not exist (any more). */
  read(key: string, versionId?: string): Promise<Uint8Array | undefined>;
  /**
   * A short-lived GET link that downloads under `fileName` (RFC 5987, so Chinese names survive), pinned to the
   * version that was checked when there is one: a later upload through a reused link must not be what reviewers get.
   */
  presignDownload(
    key: string,
    fileName: string,
    expiresInSeconds: number,
    versionId?: string,
  ): Promise<string>;
  /**
   * Tags an object (version) for the bucket's lifecycle rule that expires rejected and superseded uploads after the
   * retention period. A missing object is fine: there is nothing left to expire.
   */
  markForDisposal(key: string, versionId?: string): Promise<void>;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** @throws MailRejected when the mail service refuses this message for good (retrying cannot help). */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** The mail service refused a message permanently (e.g. an unverified recipient in the SES sandbox). */
export class MailRejected extends Error {
  override readonly name = "MailRejected";
}

/** The structured logger's shape (Powertools Logger satisfies it). */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}
