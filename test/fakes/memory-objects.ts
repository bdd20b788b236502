/**
 * ObjectStore in memory: objects by key, each put a new version (like a versioned bucket), reads of a pinned or the
 * latest version, and a record of what was tagged for disposal and which download links were signed.
 */
import { createHash } from "node:crypto";
import type { ObjectStore, StoredObject } from "../../shared/processing/ports.ts";

interface Version {
  versionId: string;
  bytes: Uint8Array;
}

export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, Version[]>();
  private versions = 0;
  /** `key@versionId` (or `key` without a version) of every object tagged for disposal, in order. */
  readonly disposed: string[] = [];
  readonly presigned: { key: string; fileName: string; expiresInSeconds: number; versionId?: string }[] = [];

  /** Stores a new version of `key` and returns its id. */
  put(key: string, bytes: Uint8Array): StoredObject & { versionId: string } {
    this.versions += 1;
    const versionId = `v${this.versions}`;
    this.objects.set(key, [...(this.objects.get(key) ?? []), { versionId, bytes: bytes.slice() }]);
    return { versionId, size: bytes.byteLength, eTag: eTagOf(bytes) };
  }

  /** Deletes every version of `key`, as a lifecycle rule or an operator might. */
  delete(key: string): void {
    this.objects.delete(key);
  }

  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    const version = this.find(key, versionId);
    if (!version) return undefined;
    return { size: version.bytes.byteLength, eTag: eTagOf(version.bytes), versionId: version.versionId };
  }

  async read(key: string, versionId?: string): Promise<Uint8Array | undefined> {
    return this.find(key, versionId)?.bytes.slice();
  }

  async presignDownload(
    key: string,
    fileName: string,
    expiresInSeconds: number,
    versionId?: string,
  ): Promise<string> {
    this.presigned.push({ key, fileName, expiresInSeconds, ...(versionId ? { versionId } : {}) });
    const version = versionId ? `&versionId=${encodeURIComponent(versionId)}` : "";
    return `https://uploads.example.test/${encodeURI(key)}?expires=${expiresInSeconds}${version}`;
  }

  async markForDisposal(key: string, versionId?: string): Promise<void> {
    if (!this.find(key, versionId)) return;
    this.disposed.push(versionId ? `${key}@${versionId}` : key);
  }

  private find(key: string, versionId?: string): Version | undefined {
    const versions = this.objects.get(key) ?? [];
    return versionId ? versions.find((v) => v.versionId === versionId) : versions.at(-1);
  }
}

function eTagOf(bytes: Uint8Array): string {
  return `"${createHash("md5").update(bytes).digest("hex")}"`;
}
