import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectTaggingCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ObjectStore, StoredObject } from "../processing/ports.ts";
import { contentDispositionAttachment } from "./content-disposition.ts";
import { noteSignedPost } from "./sdk-calls.ts";

/** The tag the bucket's lifecycle rule expires (infra/shenbao-stack.ts): rejected and superseded uploads. */
export const DISPOSAL_TAG = { key: "shenbao-disposal", value: "expire" } as const;

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

/** The bucket of uploads: reads for processing, presigned POSTs for schools, presigned GETs for reviewers. */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.s3.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
      return {
        size: out.ContentLength ?? 0,
        eTag: out.ETag ?? "",
        ...(out.VersionId ? { versionId: out.VersionId } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(key: string, versionId?: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  presignDownload(
    key: string,
    fileName: string,
    expiresInSeconds: number,
    versionId?: string,
  ): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        VersionId: versionId,
        ResponseContentDisposition: contentDispositionAttachment(fileName),
        ResponseContentType: "application/pdf",
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async markForDisposal(key: string, versionId?: string): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectTaggingCommand({
          Bucket: this.bucket,
          Key: key,
          VersionId: versionId,
          Tagging: { TagSet: [{ Key: DISPOSAL_TAG.key, Value: DISPOSAL_TAG.value }] },
        }),
      );
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /**
   * A browser- and curl-friendly POST whose policy pins the exact key, the exact size declared, the PDF content
   * type and a short expiry: the bounds a presigned PUT cannot express.
   */
  async presignUpload(key: string, size: number, expiresInSeconds: number): Promise<PresignedUpload> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ["content-length-range", size, size],
        ["eq", "$Content-Type", "application/pdf"],
      ],
      Fields: { "Content-Type": "application/pdf" },
      Expires: expiresInSeconds,
    });
    noteSignedPost(this.s3, { Bucket: this.bucket, Key: key });
    return { url, fields };
  }
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404;
}
