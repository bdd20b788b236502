/** Shared by the local-stack integration tests: presigned POST uploads as a browser sends them, and handle counts. */
import type { S3Client } from "@aws-sdk/client-s3";
import {
  createPresignedPost,
  type PresignedPost,
  type PresignedPostOptions,
} from "@aws-sdk/s3-presigned-post";

export const PDF_BYTES = new TextEncoder().encode("%PDF-1.7\n%%EOF\n");

/** A presigned POST as the upload-link function makes it: exact key, size range, PDF only. */
export function presignPdfUpload(
  s3: S3Client,
  bucket: string,
  key: string,
  overrides: Partial<PresignedPostOptions> = {},
): Promise<PresignedPost> {
  return createPresignedPost(s3, {
    Bucket: bucket,
    Key: key,
    Conditions: [
      ["content-length-range", 1, 1024],
      ["eq", "$Content-Type", "application/pdf"],
    ],
    Fields: { "Content-Type": "application/pdf" },
    Expires: 300,
    ...overrides,
  });
}

/** POSTs a form the way a browser does: the fields in order, the file last. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  file: Uint8Array<ArrayBuffer> | string,
  init: { fileName?: string; fileType?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    "file",
    new Blob([file], { type: init.fileType ?? "application/pdf" }),
    init.fileName ?? "a.pdf",
  );
  return fetch(url, { method: "POST", body: form, ...(init.headers ? { headers: init.headers } : {}) });
}

/** The S3 error code in an XML error body. */
export function errorCode(xml: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];
}

/**
 * Listening servers and open sockets in this process (what would keep vitest from exiting). Timers are left out:
 * vitest's own runner holds some; the event delivery's timers are checked with fake timers instead.
 */
export function networkHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap" || r === "TCPSocketWrap")
    .length;
}

/** Lets closing sockets finish closing before handles are counted. */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
