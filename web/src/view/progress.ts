import { WEB_TEXT } from "../../../shared/messages/web.ts";
import { h } from "../dom.ts";
import type { UploadProgress } from "../upload.ts";

const T = WEB_TEXT.upload;

/** How often the speed and bytes line may change: faster is unreadable. */
const DETAIL_REFRESH_MS = 500;

/** The upload's progress bar, percentage, bytes, speed and time left, and its cancel button. */
export function createProgressView(onCancel: () => void) {
  const bar = h("progress", { id: "upload-progress", max: "100", value: "0" });
  const percent = h("span", { class: "percent", "aria-hidden": "true" });
  const detail = h("p", { class: "progress-detail" });
  const element = h(
    "div",
    { class: "progress", id: "progress" },
    h("label", { for: "upload-progress" }, T.progressLabel),
    h("div", { class: "progress-row" }, bar, percent),
    detail,
    h("button", { type: "button", class: "button", onclick: onCancel }, T.cancel),
  );
  element.hidden = true;
  let detailShownAt = 0;

  return {
    element,
    show(progress: UploadProgress): void {
      element.hidden = false;
      const value = progress.total === 0 ? 100 : Math.floor((progress.loaded / progress.total) * 100);
      bar.value = value;
      bar.setAttribute("aria-valuetext", T.progress(value));
      percent.textContent = T.progress(value);
      const now = performance.now();
      if (
        now - detailShownAt >= DETAIL_REFRESH_MS ||
        progress.loaded === progress.total ||
        progress.loaded === 0
      ) {
        detailShownAt = now;
        detail.textContent = T.progressDetail(progress.loaded, progress.total, progress.bytesPerSecond);
      }
    },
    hide(): void {
      element.hidden = true;
    },
  };
}
