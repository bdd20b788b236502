/**
 * Everything one school left in the table and the bucket, found and removed: `shenbao smoke` cleans up its test
 * school with it. Items: the school's whole partition (profile, submissions, application pointers, mail log,
 * details, form) and its token index item, if its token was issued with one (before tokens named their school).
 * Objects: every version and delete marker under the school's upload and evidence-text prefixes.
 */
import {
  DeleteObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { EVIDENCE_TEXT_PREFIX } from "../application/evidence-text.ts";
import { UPLOAD_PREFIX } from "../submissions/object-key.ts";
import { type ItemKey, tokenKey } from "./dynamodb-items.ts";
import { queryAll } from "./dynamodb-table.ts";

export interface ObjectVersion {
  key: string;
  /** Absent where the store keeps no versions (the local emulator). */
  versionId?: string;
}

export interface SchoolTraces {
  items: ItemKey[];
  objects: ObjectVersion[];
}

export class SchoolTraceStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly s3: S3Client,
    private readonly table: string,
    private readonly bucket: string,
  ) {}

  async find(schoolId: string, tokenHash: string): Promise<SchoolTraces> {
    const partition = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `SCHOOL#${schoolId}` },
      ProjectionExpression: "pk, sk",
    });
    const items: ItemKey[] = partition.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    const token = await this.doc.send(new GetCommand({ TableName: this.table, Key: tokenKey(tokenHash) }));
    if (token.Item) items.push(tokenKey(tokenHash));
    const objects = [
      ...(await this.versions(`${UPLOAD_PREFIX}${schoolId}/`)),
      ...(await this.versions(`${EVIDENCE_TEXT_PREFIX}${schoolId}/`)),
    ];
    return { items, objects };
  }

  async remove(traces: SchoolTraces): Promise<void> {
    for (const object of traces.objects) {
      await this.s3.send(
        new DeleteObjectCommand({
          Bucket: this.bucket,
          Key: object.key,
          ...(object.versionId ? { VersionId: object.versionId } : {}),
        }),
      );
    }
    for (const key of traces.items) {
      await this.doc.send(new DeleteCommand({ TableName: this.table, Key: key }));
    }
  }

  /** Every version and delete marker under a prefix; a store without versioning (s3rver) lists current objects. */
  private async versions(prefix: string): Promise<ObjectVersion[]> {
    const found: ObjectVersion[] = [];
    try {
      let keyMarker: string | undefined;
      let versionMarker: string | undefined;
      do {
        const page = await this.s3.send(
          new ListObjectVersionsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(versionMarker ? { VersionIdMarker: versionMarker } : {}),
          }),
        );
        for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
          if (v.Key)
            found.push({
              key: v.Key,
              ...(v.VersionId && v.VersionId !== "null" ? { versionId: v.VersionId } : {}),
            });
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
      return found;
    } catch (error) {
      // s3rver answers MethodNotAllowed to ?versions; a store without versions has only current objects.
      if (!["NotImplemented", "MethodNotAllowed"].includes((error as { name?: string }).name ?? ""))
        throw error;
    }
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? []) if (o.Key) found.push({ key: o.Key });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }
}
