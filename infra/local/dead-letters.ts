/**
 * The local dead-letter queue: messages that failed maxReceiveCount times, kept (when a file is given) as JSON so
 * that they survive a restart and an operator can inspect and replay them.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export interface DeadLetter {
  messageId: string;
  body: string;
  md5OfBody: string;
  /** When the message was first sent to the source queue (epoch ms). */
  sentTimestamp: number;
  receiveCount: number;
  deadLetteredAt: string;
  sourceQueueArn: string;
  /** Why the last delivery failed, as far as the handler said (thrown error or reported item failure). */
  lastError: string;
}

export class DeadLetterStore {
  private writing: Promise<void> = Promise.resolve();
  private writeFailure: unknown;

  private constructor(
    private readonly file: string | undefined,
    private letters: DeadLetter[],
  ) {}

  /** Opens the store, loading `file` if it exists; without a file the letters live in memory only. */
  static async open(file: string | undefined): Promise<DeadLetterStore> {
    if (!file) return new DeadLetterStore(undefined, []);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "[]";
      throw error;
    });
    return new DeadLetterStore(file, JSON.parse(text) as DeadLetter[]);
  }

  list(): DeadLetter[] {
    return this.letters.map((letter) => ({ ...letter }));
  }

  add(letter: DeadLetter): void {
    this.letters.push(letter);
    this.persist();
  }

  /** Removes and returns the letters with the given ids, or all of them. */
  take(ids?: readonly string[]): DeadLetter[] {
    const wanted = ids ? new Set(ids) : undefined;
    const taken = this.letters.filter((l) => !wanted || wanted.has(l.messageId));
    this.letters = this.letters.filter((l) => !taken.includes(l));
    if (taken.length > 0) this.persist();
    return taken;
  }

  /** Resolves when every change so far is on disk; rejects if a write failed. */
  async flushed(): Promise<void> {
    await this.writing;
    if (this.writeFailure !== undefined) {
      throw new Error("could not write the dead-letter file", { cause: this.writeFailure });
    }
  }

  /** Writes are serialised and atomic (temp file, then rename), so a crash never leaves half a file. */
  private persist(): void {
    const file = this.file;
    if (!file) return;
    const snapshot = JSON.stringify(this.letters, null, 2);
    this.writing = this.writing
      .then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(`${file}.tmp`, snapshot);
        await rename(`${file}.tmp`, file);
      })
      .catch((error: unknown) => {
        this.writeFailure = error;
      });
  }
}
