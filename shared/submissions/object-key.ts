import { isSubmissionId } from "./ids.ts";

/** Every upload lives under this prefix; the bucket notification listens to it alone. */
export const UPLOAD_PREFIX = "uploads/";

/**
 * `uploads/{schoolId}/{submissionId}/{fileName}`: the school's own prefix, then one folder per submission, so a
 * presigned policy can pin the exact key and the file keeps the name the school gave it.
 */
export function uploadKey(schoolId: string, submissionId: string, fileName: string): string {
  return `${UPLOAD_PREFIX}${schoolId}/${submissionId}/${fileName}`;
}

export interface UploadKeyParts {
  schoolId: string;
  submissionId: string;
  fileName: string;
}

export function parseUploadKey(key: string): UploadKeyParts | null {
  if (!key.startsWith(UPLOAD_PREFIX)) return null;
  const [schoolId, submissionId, ...rest] = key.slice(UPLOAD_PREFIX.length).split("/");
  const fileName = rest.join("/");
  if (!schoolId || !submissionId || !isSubmissionId(submissionId) || !fileName || rest.length !== 1)
    return null;
  return { schoolId, submissionId, fileName };
}

/** S3 form-URL-encodes keys in event notifications: a '+' there is a space, and non-ASCII is percent-encoded. */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, " "));
}
