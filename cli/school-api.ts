/** The school API as `shenbao smoke` uses it over HTTP: what a school's browser does, nothing more. */

export interface IssuedLink {
  submissionId: string;
  upload: { url: string; fields: Record<string, string> };
}

export interface SubmissionStatus {
  state: string;
  findings: Array<{ code: string; severity: string; message: string }>;
  receipt: { receiptNumber: string; emailedAt: string | null } | null;
}

export type ApiAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; code: string; message: string };

export class SchoolApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  requestLink(request: { fileName: string; size: number }): Promise<ApiAnswer<IssuedLink>> {
    return this.call("/api/upload-links", 201, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
  }

  status(submissionId: string): Promise<ApiAnswer<SubmissionStatus>> {
    return this.call(`/api/submissions/${encodeURIComponent(submissionId)}`, 200);
  }

  private async call<T>(path: string, expected: number, init: RequestInit = {}): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.token}` },
    });
    const body = (await response.json().catch(() => ({}))) as T & {
      error?: { code?: string; message?: string };
    };
    if (response.status === expected) return { ok: true, value: body };
    return {
      ok: false,
      status: response.status,
      code: body.error?.code ?? "",
      message: body.error?.message ?? "",
    };
  }
}

/** The presigned POST: every policy field, then the file last, as S3 requires. */
export async function postUpload(
  upload: IssuedLink["upload"],
  bytes: Uint8Array,
  fileName: string,
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), fileName);
  const response = await fetch(upload.url, { method: "POST", body: form });
  return { status: response.status, body: await response.text() };
}
