import { GetBucketCorsCommand, type S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { CorsRule } from "../doctor/checks.ts";

/** The bucket's CORS rules; none when the bucket has no CORS configuration. */
export async function readBucketCors(s3: S3Client, bucket: string): Promise<CorsRule[]> {
  try {
    const { CORSRules = [] } = await s3.send(new GetBucketCorsCommand({ Bucket: bucket }));
    return CORSRules.map((rule) => ({
      allowedOrigins: rule.AllowedOrigins ?? [],
      allowedMethods: rule.AllowedMethods ?? [],
    }));
  } catch (error) {
    if (error instanceof S3ServiceException && error.name === "NoSuchCORSConfiguration") return [];
    throw error;
  }
}
