/**
 * What a school's curl or browser does, as functions: request a link, POST the file to S3, follow the status.
 * Used by `npm run demo`, the load benchmark and the end-to-end tests, always over real HTTP.
 */

export interface UploadLink {
  submissionId: string;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
  body: unknown;
}

export async function requestUploadLink(
  baseUrl: string,
  token: string,
  request: { fileName: string; size: number; documentType?: string },
): Promise<{ ok: true; link: UploadLink } | { ok: false; error: ApiError }> {
  const response = await fetch(`${baseUrl}/api/upload-links`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as UploadLink & { error?: { code: string; message: string } };
  if (response.status === 201) return { ok: true, link: body };
  return {
    ok: false,
    error: {
      status: response.status,
      code: body.error?.code ?? "",
      message: body.error?.message ?? "",
      body,
    },
  };
}

/** The presigned POST: every policy field, then the file last, as S3 requires. Resolves to S3's HTTP status. */
export async function postFile(
  upload: UploadLink["upload"],
  bytes: Uint8Array,
  fileName: string,
  contentType = "application/pdf",
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  const response = await fetch(upload.url, { method: "POST", body: form });
  return { status: response.status, body: await response.text() };
}

export async function getSubmission(baseUrl: string, token: string, submissionId: string) {
  const response = await fetch(`${baseUrl}/api/submissions/${encodeURIComponent(submissionId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { state?: string },
  };
}

const DECIDED = new Set(["ACCEPTED", "REJECTED", "SUPERSEDED", "LATE"]);

/** Polls the status until a verdict is recorded and its receipt e-mailed (or the time runs out). */
export async function waitForReceipt(
  baseUrl: string,
  token: string,
  submissionId: string,
  timeoutMs = 20_000,
): Promise<Record<string, unknown> & { state?: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await getSubmission(baseUrl, token, submissionId);
    const receipt = body.receipt as { emailedAt?: string | null } | null | undefined;
    if (status === 200 && DECIDED.has(body.state ?? "") && receipt?.emailedAt) return body;
    if (Date.now() > until)
      throw new Error(`no receipt for ${submissionId} within ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** The mail the SES emulator holds. */
export async function sentEmails(mailStoreUrl: string): Promise<StoredEmail[]> {
  const response = await fetch(mailStoreUrl);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}
