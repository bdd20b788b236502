import { parseS3Error, type S3Error } from "./s3-error.ts";

export interface UploadProgress {
  loaded: number;
  total: number;
  /** Recent throughput; null until there is enough to measure. */
  bytesPerSecond: number | null;
}

export type UploadOutcome =
  | { kind: "done" }
  | { kind: "aborted" }
  | { kind: "network" }
  | { kind: "refused"; status: number; error: S3Error | undefined };

export interface RunningUpload {
  result: Promise<UploadOutcome>;
  abort(): void;
}

/** Throughput is measured over this window, so a stall shows quickly and a burst does not dominate. */
const SPEED_WINDOW_MS = 3000;

/**
 * Sends a file to a presigned S3 POST: every policy field first, the file last, as S3 requires. XMLHttpRequest,
 * not fetch, because only it reports upload progress in every browser the schools use.
 */
export function uploadFile(
  target: { url: string; fields: Record<string, string> },
  file: Blob,
  onProgress: (progress: UploadProgress) => void,
): RunningUpload {
  const xhr = new XMLHttpRequest();
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  // An ASCII part name: the real (Chinese) name is already recorded with the submission, and multipart headers
  // carrying raw UTF-8 are where S3 POST uploads have been known to break.
  form.append("file", file, "upload.pdf");

  const samples: Array<{ at: number; loaded: number }> = [];
  xhr.upload.addEventListener("progress", (event) => {
    const now = performance.now();
    samples.push({ at: now, loaded: event.loaded });
    while (samples.length > 2 && (samples[0]?.at ?? now) < now - SPEED_WINDOW_MS) samples.shift();
    const first = samples[0];
    const elapsed = first ? now - first.at : 0;
    const bytesPerSecond = first && elapsed >= 250 ? ((event.loaded - first.loaded) / elapsed) * 1000 : null;
    // The multipart framing counts in `event.total`; the school cares about its file.
    const total = file.size;
    onProgress({ loaded: Math.min(event.loaded, total), total, bytesPerSecond });
  });

  const result = new Promise<UploadOutcome>((resolve) => {
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ kind: "done" });
      else resolve({ kind: "refused", status: xhr.status, error: parseS3Error(xhr.responseText) });
    });
    xhr.addEventListener("error", () => resolve({ kind: "network" }));
    xhr.addEventListener("timeout", () => resolve({ kind: "network" }));
    xhr.addEventListener("abort", () => resolve({ kind: "aborted" }));
  });
  xhr.open("POST", target.url);
  xhr.send(form);
  return { result, abort: () => xhr.abort() };
}
