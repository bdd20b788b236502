/** Files: the uploads bucket, and the bucket that receives its access logs. */
import { type CfnElement, Duration, type RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { EVIDENCE_TEXT_PREFIX } from "../../shared/application/evidence-text.ts";
import { DISPOSAL_TAG } from "../../shared/aws/s3-object-store.ts";
import { UPLOAD_PREFIX } from "../../shared/submissions/object-key.ts";
import type { DeploymentConfig } from "../config.ts";
import { Section } from "./section.ts";
import type { ShenbaoFunction } from "./shenbao-function.ts";

export interface FilesProps {
  config: DeploymentConfig;
  production: boolean;
  removalPolicy: RemovalPolicy;
}

export class Files extends Section {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: FilesProps) {
    super(scope, id);
    const { config, production, removalPolicy } = props;
    this.accessLogs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3 server access logging delivers only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: "expire-access-logs", expiration: Duration.days(production ? 365 : 30) }],
      removalPolicy,
      autoDeleteObjects: !production,
    });

    this.bucket = new Bucket(this, "Uploads", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: presigned POSTs need no KMS permission, and S3 notifications to the queue need no key policy.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // A submission is judged by its exact object version (the S3 event's versionId); a later write to the same
      // key cannot erase what was judged.
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: "uploads-bucket/",
      lifecycleRules: [
        { id: "abort-incomplete-multipart-uploads", abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // Overwritten versions (a second upload through a used link) and deleted objects (an operator's
          // clean-up): kept for the retention, then gone. Delete markers left alone are removed with them.
          id: "expire-noncurrent-versions",
          noncurrentVersionExpiration: Duration.days(config.retentionDays),
          expiredObjectDeleteMarker: true,
        },
        {
          // A rejected or superseded upload, once process-upload tags it, expires `retentionDays` after upload
          // (and its then-noncurrent version by the rule above). The database keeps the verdict and the hash.
          id: "expire-disposed-uploads",
          prefix: UPLOAD_PREFIX,
          tagFilters: { [DISPOSAL_TAG.key]: DISPOSAL_TAG.value },
          expiration: Duration.days(config.retentionDays),
        },
      ],
      removalPolicy,
      autoDeleteObjects: !production,
    });
  }

  /**
   * Browsers upload by form POST from the web page's origin only; downloads are plain navigations, not CORS. Added
   * once the origin is known: the API's own endpoint (a reference, no cycle: the API resource refers to nothing
   * here) or the configured allowedOrigin.
   */
  allowBrowserUploadsFrom(origin: string): void {
    this.bucket.addCorsRule({
      allowedOrigins: [origin],
      allowedMethods: [HttpMethods.POST],
      allowedHeaders: ["*"],
      exposedHeaders: ["ETag", "Location"],
      maxAge: 600,
    });
  }

  /** Every object an upload may create: `uploads/*`. */
  get uploadObjects(): string[] {
    return [this.bucket.arnForObjects(`${UPLOAD_PREFIX}*`)];
  }

  /** Every evidence-text sidecar: `evidence-text/*` (shared/application/evidence-text.ts). */
  get evidenceTextObjects(): string[] {
    return [this.bucket.arnForObjects(`${EVIDENCE_TEXT_PREFIX}*`)];
  }

  /** cdk-nag's wildcard finding on a grant to `evidenceTextObjects`. */
  acknowledgeEvidenceTextPrefix(fn: ShenbaoFunction): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${EVIDENCE_TEXT_PREFIX}*]`,
      reason:
        "Sidecar keys are made at run time per school and submission (evidence-text/{school}/{submission}.json); " +
        "the prefix is the narrowest scope that can be written down before then.",
    });
  }

  /** cdk-nag's wildcard finding on a grant to `uploadObjects`, answered once for every function given one. */
  acknowledgeUploadPrefix(fn: ShenbaoFunction): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/uploads/*]`,
      reason:
        "Object keys are made at run time per school and submission (uploads/{school}/{submission}/{file}); the " +
        "upload prefix is the narrowest scope that can be written down before then.",
    });
  }
}
