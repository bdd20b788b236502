/** UploadSigner in memory: a recognisable POST for each key, and a record of what was signed. */
import type { UploadSigner } from "../../shared/uploads/issue-upload-link.ts";

export class MemoryUploadSigner implements UploadSigner {
  readonly signed: { key: string; size: number; expiresInSeconds: number }[] = [];

  async presignUpload(key: string, size: number, expiresInSeconds: number) {
    this.signed.push({ key, size, expiresInSeconds });
    return { url: "https://uploads.example.test/bucket", fields: { key, "x-size": String(size) } };
  }
}
