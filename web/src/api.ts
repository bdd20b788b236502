import type { Finding } from "../../shared/checks/finding.ts";
import type {
  ApiErrorBody,
  ApplicationFormRequest,
  ApplicationFormResponse,
  MeResponse,
  SavedApplicationFormResponse,
  SubmissionView,
  UploadLinkResponse,
} from "./api-types.ts";

/** The API answered with its error shape: a stable code, a Chinese message, and findings when checks failed. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
  }
}

/** No answer at all: offline, DNS, a dropped connection, CORS. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}

export interface Api {
  me(): Promise<{ body: MeResponse; startedMs: number; endedMs: number }>;
  requestUploadLink(request: {
    fileName: string;
    documentType: string;
    size: number;
  }): Promise<UploadLinkResponse>;
  submission(id: string): Promise<SubmissionView>;
  applicationForm(): Promise<ApplicationFormResponse>;
  saveApplicationForm(request: ApplicationFormRequest): Promise<SavedApplicationFormResponse>;
}

export function createApi(apiBase: string, token: () => string | null): Api {
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set("accept", "application/json");
    const bearer = token();
    if (bearer) headers.set("authorization", `Bearer ${bearer}`);
    let response: Response;
    try {
      response = await fetch(`${apiBase}${path}`, { ...init, headers, cache: "no-store" });
    } catch (error) {
      throw new NetworkError("request failed", { cause: error });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (response.ok) throw new NetworkError("response body unreadable", { cause: error });
      body = undefined;
    }
    if (!response.ok) {
      const error = (body as Partial<ApiErrorBody> | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `HTTP_${response.status}`,
        error?.message ?? "",
        error?.findings,
      );
    }
    return body as T;
  }

  return {
    async me() {
      const startedMs = Date.now();
      const body = await call<MeResponse>("/api/me");
      return { body, startedMs, endedMs: Date.now() };
    },
    requestUploadLink(request) {
      return call<UploadLinkResponse>("/api/upload-links", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
    },
    submission(id) {
      return call<SubmissionView>(`/api/submissions/${encodeURIComponent(id)}`);
    },
    applicationForm() {
      return call<ApplicationFormResponse>("/api/me/application-form");
    },
    saveApplicationForm(request) {
      return call<SavedApplicationFormResponse>("/api/me/application-form", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
    },
  };
}
