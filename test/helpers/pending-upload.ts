import type { UploadedObject } from "../../shared/processing/uploaded-object.ts";
import { newSubmissionId } from "../../shared/submissions/ids.ts";
import { uploadKey } from "../../shared/submissions/object-key.ts";
import {
  type SchoolRecord,
  type SubmissionRecord,
  schoolSnapshotOf,
} from "../../shared/submissions/records.ts";
import type { MemoryObjectStore } from "../fakes/memory-objects.ts";
import { GOOD_NAME } from "./call.ts";

/** The first five bytes of a PDF: what the unit tests' fake inspector is given to "inspect". */
export const PDF_HEADER = new Uint8Array([37, 80, 68, 70, 45]);

/**
 * A PENDING submission of GOOD_NAME as the upload-link function records it (link issued at 01:00Z on 15 Nov 2024,
 * valid 15 minutes) for `school`, with the school's snapshot, for unit tests that put it into an in-memory submission
 * repository.
 */
export function pendingSubmission(
  callId: string,
  school: SchoolRecord,
  documentType = "evidence",
): SubmissionRecord {
  const { schoolId } = school;
  const submissionId = newSubmissionId(new Date("2024-11-15T01:00:00.000Z"));
  return {
    submissionId,
    schoolId,
    callId,
    documentType,
    fileName: GOOD_NAME,
    objectKey: uploadKey(schoolId, submissionId, GOOD_NAME),
    declaredSize: PDF_HEADER.byteLength,
    state: "PENDING",
    createdAt: "2024-11-15T01:00:00.000Z",
    linkExpiresAt: "2024-11-15T01:15:00.000Z",
    school: schoolSnapshotOf(school),
  };
}

/** Stores `bytes` under the submission's key and returns the S3 event's object, uploaded at `eventTime`. */
export function storedUpload(
  objects: MemoryObjectStore,
  submission: Pick<SubmissionRecord, "objectKey">,
  eventTime: string,
  bytes: Uint8Array = PDF_HEADER,
): UploadedObject {
  const stored = objects.put(submission.objectKey, bytes);
  return {
    bucket: "uploads",
    key: submission.objectKey,
    size: stored.size,
    eTag: stored.eTag,
    versionId: stored.versionId,
    sequencer: "0055AED6DCD90281E5",
    eventTime,
  };
}
