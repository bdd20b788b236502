import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import {
  type EvidenceTextStore,
  evidenceTextKey,
  type PrescreenEvidence,
} from "../application/evidence-text.ts";

/** A stored evidence-text sidecar that is not the JSON this store writes. */
export class MalformedEvidenceText extends Error {
  override readonly name = "MalformedEvidenceText";
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`stored evidence text ${key} is malformed`, options);
  }
}

const EvidenceTextSchema = z.object({
  pageCount: z.number().int().nonnegative(),
  pages: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("text"), text: z.string() }),
      z.object({ kind: z.literal("scanned") }),
    ]),
  ),
});

/** The evidence text sidecar as JSON objects in the uploads bucket, beside the uploads (`evidence-text/…`). */
export class S3EvidenceTextStore implements EvidenceTextStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async readEvidenceText(schoolId: string, submissionId: string): Promise<PrescreenEvidence | undefined> {
    const key = evidenceTextKey(schoolId, submissionId);
    let body: string;
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      body = out.Body ? await out.Body.transformToString("utf-8") : "";
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      return EvidenceTextSchema.parse(JSON.parse(body));
    } catch (error) {
      throw new MalformedEvidenceText(key, { cause: error });
    }
  }

  /** Same key, same content for the same submission: a retried delivery rewrites it identically. */
  async writeEvidenceText(
    schoolId: string,
    submissionId: string,
    evidence: PrescreenEvidence,
  ): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: evidenceTextKey(schoolId, submissionId),
        Body: JSON.stringify({ pageCount: evidence.pageCount, pages: evidence.pages }),
        ContentType: "application/json; charset=utf-8",
      }),
    );
  }
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404;
}
