import { DOCUMENT_KINDS, type DocumentKind, documentPath } from "../../../shared/documents/document-files.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import { DOCUMENTS_PANEL_TEXT } from "../../../shared/messages/web-documents.ts";
import { loadConfig } from "../config.ts";
import { fill, h } from "../dom.ts";

const T = DOCUMENTS_PANEL_TEXT;

/**
 * The file name a `Content-Disposition: attachment` offers: the RFC 5987 `filename*=UTF-8''…` (the official Chinese
 * name) when present, else the plain `filename="…"`; undefined when there is none.
 */
export function fileNameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
}

/**
 * The downloads of the 申报书 (附件1) and 建设方案 outline (附件2) generated from the school's saved form: one button
 * each, fetched with the school's token (a plain link cannot carry it), saved under the name the server gives.
 */
export function createDocumentsPanel(token: () => string | null): HTMLElement {
  const status = h("p", { class: "status-line", role: "status" });
  const problem = h("div", { id: "documents-problem" });
  let config: ReturnType<typeof loadConfig> | undefined;

  const buttons = DOCUMENT_KINDS.map((kind) =>
    h("button", { type: "button", class: "button", onclick: () => void download(kind) }, T.buttons[kind]),
  );
  const setBusy = (busy: boolean) => {
    for (const button of buttons) button.disabled = busy;
  };
  const showProblem = (message: string) => {
    status.textContent = "";
    fill(problem, h("div", { class: "alert alert-error", role: "alert" }, h("p", {}, message)));
  };

  async function download(kind: DocumentKind): Promise<void> {
    setBusy(true);
    fill(problem);
    status.textContent = T.downloading;
    try {
      config ??= loadConfig();
      const { apiBase } = await config;
      const bearer = token();
      let response: Response;
      try {
        response = await fetch(`${apiBase}${documentPath(kind)}`, {
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
          cache: "no-store",
        });
      } catch {
        return showProblem(T.network);
      }
      if (!response.ok) {
        const error = await response
          .json()
          .then((body) => (body as { error?: { code?: string; message?: string } }).error)
          .catch(() => undefined);
        if (response.status === 401) return showProblem(WEB_TEXT.token.rejected);
        if (error?.code === "FORM_NOT_FOUND") return showProblem(T.noForm);
        return showProblem(`${T.failed}${error?.message ?? `HTTP ${response.status}`}`);
      }
      const blob = await response.blob();
      const name =
        fileNameFromDisposition(response.headers.get("content-disposition")) ?? T.fallbackNames[kind];
      const url = URL.createObjectURL(blob);
      const link = h("a", { href: url, download: name });
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the blob once the click is handled; a minute is ample before letting it go.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = T.downloaded(name);
    } finally {
      setBusy(false);
    }
  }

  return h(
    "section",
    { class: "card", id: "documents", "aria-labelledby": "documents-heading" },
    h("h2", { id: "documents-heading" }, T.heading),
    h("p", {}, T.intro),
    h("div", { class: "actions" }, buttons),
    status,
    problem,
  );
}
