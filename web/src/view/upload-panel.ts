import type { CheckContext } from "../../../shared/checks/context.ts";
import type { Finding } from "../../../shared/checks/finding.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import { type Api, ApiError, NetworkError } from "../api.ts";
import type { MeResponse, SubmissionView, UploadLinkResponse } from "../api-types.ts";
import type { ServerClock } from "../clock.ts";
import { fill, h } from "../dom.ts";
import { wireDropZone } from "../drop-zone.ts";
import { pollSubmission } from "../poll.ts";
import { precheckFile } from "../precheck.ts";
import { isExpiredPolicy, isSizeMismatch } from "../s3-error.ts";
import { uploadFile } from "../upload.ts";
import {
  canSubmit,
  initialUploadState,
  isBusy,
  isCurrentCheck,
  type UploadEvent,
  uploadReducer,
} from "../upload-state.ts";
import { renderFindings } from "./findings.ts";
import { createProgressView } from "./progress.ts";

const T = WEB_TEXT.upload;
const E = WEB_TEXT.errors;

export interface UploadPanelDeps {
  api: Api;
  ctx: CheckContext;
  school: MeResponse["school"];
  clock: ServerClock;
  /** A submission of this page reached its verdict. */
  onVerdict(view: SubmissionView): void;
  /** The token was refused mid-way: the page asks for it again. */
  onUnauthorized(): void;
  /** The server says the call has closed although the page's clock did not: the page reads the time again. */
  onDeadlineRefused(): void;
}

/**
 * Choosing a file, the checks before upload, the upload with its progress and cancel button, and following the
 * submission to its verdict. Every failure ends in a message that says what happened and a button for what to do.
 */
export function createUploadPanel(deps: UploadPanelDeps): { element: HTMLElement; deadlinePassed(): void } {
  const { call } = deps.ctx;
  /** What the panel knows and is doing; changed only by dispatch, through the pure reducer (upload-state.ts). */
  let state = initialUploadState<File>();
  /** Stops the upload in flight: a handle on a running effect, not state. */
  let cancel: (() => void) | null = null;

  const typeSelect = h(
    "select",
    { id: "document-type", name: "documentType" },
    call.documentTypes.map((type) =>
      h(
        "option",
        { value: type.id, ...(type.id === call.defaultDocumentType ? { selected: true } : {}) },
        WEB_TEXT.requirements.pageLimit(type.label, type.maxPages),
      ),
    ),
  );
  // The native control's own button and "no file chosen" speak the browser's language, not the page's: it stays
  // in the tab order (focus shows on its label) and the label, in the page's words, is what people see and click.
  const fileInput = h("input", {
    id: "file",
    name: "file",
    type: "file",
    class: "file-input",
    accept: "application/pdf,.pdf",
    "aria-describedby": "file-chosen file-hint",
  });
  const chosenName = h("span", { id: "file-chosen", class: "file-chosen" }, T.noFile);
  const dropZone = h(
    "div",
    { class: "dropzone" },
    fileInput,
    h("label", { for: "file", class: "button file-button" }, T.fileLabel),
    chosenName,
    h("p", { id: "file-hint", class: "hint" }, T.fileHint),
  );
  const checkArea = h("div", { class: "precheck", id: "precheck" });
  const submitButton = h(
    "button",
    { type: "submit", class: "button primary", id: "submit", disabled: true },
    T.submit,
  );

  const progress = createProgressView(() => cancel?.());

  const statusLine = h("p", {
    class: "status-line",
    id: "upload-status",
    role: "status",
    "aria-live": "polite",
  });
  const alertBox = h("div", { class: "alert-area", id: "upload-alert", role: "alert" });

  const form = h(
    "form",
    {
      class: "upload-form",
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit();
      },
    },
    call.documentTypes.length > 1
      ? h("div", { class: "field" }, h("label", { for: "document-type" }, T.typeLabel), typeSelect)
      : null,
    dropZone,
    checkArea,
    submitButton,
  );

  fileInput.addEventListener("change", () => void choose(fileInput.files?.[0] ?? null));
  typeSelect.addEventListener("change", () => void recheck());
  wireDropZone(dropZone, fileInput, {
    accepting: () => !isBusy(state),
    onFile: (dropped) => void choose(dropped),
    onMany: () => showAlert(T.dropMany),
  });

  function documentType(): string {
    return call.documentTypes.length > 1 ? typeSelect.value : call.defaultDocumentType;
  }

  function dispatch(event: UploadEvent<File>): void {
    state = uploadReducer(state, event);
    const busy = isBusy(state);
    fileInput.disabled = busy;
    typeSelect.disabled = busy;
    submitButton.disabled = !canSubmit(state);
  }

  /**
   * Announces a change to screen readers. `shown: false` for what the page already shows elsewhere (the check's
   * summary, the verdict), so sighted users do not read it twice.
   */
  function say(text: string, shown = true): void {
    statusLine.textContent = text;
    statusLine.classList.toggle("visually-hidden", !shown);
  }

  function showAlert(
    message: string,
    findingsToShow: readonly Finding[] = [],
    actions: HTMLElement[] = [],
  ): void {
    fill(
      alertBox,
      h(
        "div",
        { class: "alert alert-error" },
        h("p", {}, message),
        findingsToShow.length > 0 ? renderFindings(findingsToShow) : null,
        actions.length > 0 ? h("div", { class: "actions" }, actions) : null,
      ),
    );
    actions[0]?.focus();
  }

  function clearAlert(): void {
    alertBox.replaceChildren();
  }

  function action(text: string, run: () => void): HTMLButtonElement {
    return h("button", { type: "button", class: "button", onclick: run }, text);
  }

  async function choose(chosen: File | null): Promise<void> {
    dispatch({ type: "chosen", file: chosen });
    chosenName.textContent = chosen ? chosen.name : T.noFile;
    clearAlert();
    await recheck();
  }

  /** The call's rules on what is known before upload; errors block the upload, warnings do not. */
  async function recheck(): Promise<void> {
    dispatch({ type: "checkStarted" });
    const { file: current, check } = state;
    if (!current) {
      checkArea.replaceChildren();
      return;
    }
    say(T.checking);
    let findings: readonly Finding[];
    try {
      findings = await precheckFile(
        current,
        {
          documentType: documentType(),
          school: { name: deps.school.name, level: deps.school.level },
          submittedAt: deps.clock.now(),
        },
        deps.ctx,
      );
    } catch {
      if (!isCurrentCheck(state, check)) return; // another file or type was chosen meanwhile
      dispatch({ type: "unreadable", check });
      fill(checkArea, h("p", { class: "alert alert-error" }, T.readFailed));
      say(T.readFailed);
      return;
    }
    if (!isCurrentCheck(state, check)) return; // another file or type was chosen meanwhile
    dispatch({ type: "checked", check, findings });
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.length - errors;
    const summary =
      errors > 0 ? T.checkFailed(errors) : warnings > 0 ? T.checkWarnings(warnings) : T.checkPassed;
    fill(
      checkArea,
      h("p", { class: "chosen" }, T.chosen(current.name, current.size)),
      h("p", { class: `check-summary ${errors > 0 ? "failed" : "passed"}`, id: "check-summary" }, summary),
      findings.length > 0 ? renderFindings(findings) : null,
    );
    say(summary, false);
  }

  /** Requests a link and uploads, again with a fresh link when the reducer says so, then follows the submission. */
  async function submit(): Promise<void> {
    const chosen = state.file;
    if (!chosen || !canSubmit(state)) return;
    clearAlert();
    dispatch({ type: "submitted" });
    while (state.phase === "requesting") {
      say(T.requesting);
      let link: UploadLinkResponse;
      try {
        link = await deps.api.requestUploadLink({
          fileName: chosen.name,
          documentType: documentType(),
          size: chosen.size,
        });
      } catch (error) {
        const deadlinePassed = error instanceof ApiError && error.code === "DEADLINE_PASSED";
        dispatch({ type: "linkRefused", deadlinePassed });
        linkRefused(error);
        return;
      }
      dispatch({ type: "linkIssued" });
      say(T.uploadStarted(chosen.name));
      const outcome = await upload(link, chosen);
      const s3 = outcome.kind === "refused" ? outcome.error : undefined;
      dispatch({ type: "uploadEnded", outcome: outcome.kind, expiredPolicy: !!s3 && isExpiredPolicy(s3) });
      if (state.phase === "requesting") {
        say(E.linkExpiredRetrying);
        continue;
      }
      switch (outcome.kind) {
        case "done":
          say(T.uploaded);
          await follow(link.submissionId);
          return;
        case "aborted":
          say(T.cancelled);
          fileInput.focus();
          return;
        case "network":
          say("");
          showAlert(E.network, [], [action(WEB_TEXT.page.retry, () => void submit())]);
          return;
        case "refused":
          if (s3 && isExpiredPolicy(s3)) {
            showAlert(E.linkExpired, [], [action(T.again, () => void submit())]);
          } else if (s3 && isSizeMismatch(s3)) {
            showAlert(E.sizeChanged, [], [action(T.chooseAnother, () => fileInput.click())]);
          } else {
            showAlert(
              E.storageRefused(s3?.code ?? `HTTP ${outcome.status}`),
              [],
              [action(T.again, () => void submit())],
            );
          }
          say("");
          return;
      }
    }
  }

  function upload(link: UploadLinkResponse, chosen: File) {
    const running = uploadFile(link.upload, chosen, progress.show);
    cancel = running.abort;
    progress.show({ loaded: 0, total: chosen.size, bytesPerSecond: null });
    return running.result.finally(() => {
      cancel = null;
      progress.hide();
    });
  }

  /** Why no link was issued, in the school's terms, with a retry where trying again can help. */
  function linkRefused(error: unknown): void {
    say("");
    const retry = () => [action(WEB_TEXT.page.retry, () => void submit())];
    if (!(error instanceof ApiError)) {
      showAlert(error instanceof NetworkError ? E.apiNetwork : E.server, [], retry());
    } else if (error.status === 401) {
      deps.onUnauthorized();
    } else if (error.code === "DEADLINE_PASSED") {
      deps.onDeadlineRefused();
      showAlert(`${E.deadline}${error.message}`);
    } else if (error.code === "CHECKS_FAILED") {
      showAlert(E.serverChecks, error.findings);
    } else if (error.status >= 500 || error.status === 429) {
      showAlert(E.server, [], retry());
    } else {
      showAlert(error.message || E.server, error.findings);
    }
  }

  /** Follows the uploaded submission to its verdict. */
  async function follow(submissionId: string): Promise<void> {
    dispatch({ type: "following" });
    const outcome = await pollSubmission(() => deps.api.submission(submissionId), {
      onUpdate: (view) => {
        if (view.state === "PENDING") say(T.queued);
        else if (view.state === "PROCESSING") say(T.processing);
      },
      onRetry: () => say(E.pollRetrying),
    });
    switch (outcome.kind) {
      case "verdict":
        dispatch({ type: "followEnded", verdict: true });
        fileInput.value = "";
        chosenName.textContent = T.noFile;
        checkArea.replaceChildren();
        say(WEB_TEXT.verdict.heading(WEB_TEXT.states[outcome.view.state]), false);
        deps.onVerdict(outcome.view);
        return;
      case "timeout":
        dispatch({ type: "followEnded", verdict: false });
        say("");
        showAlert(E.pollSlow, [], [action(E.keepWaiting, () => void follow(submissionId))]);
        return;
      case "failed":
        dispatch({ type: "followEnded", verdict: false });
        say("");
        if (outcome.error.status === 401) deps.onUnauthorized();
        else showAlert(outcome.error.message || E.server);
        return;
      case "stopped":
        dispatch({ type: "followEnded", verdict: false });
        return;
    }
  }

  const element = h(
    "section",
    { class: "card", id: "upload", "aria-labelledby": "upload-heading" },
    h("h2", { id: "upload-heading" }, T.heading),
    form,
    progress.element,
    statusLine,
    alertBox,
  );
  // The deadline rule runs again on the chosen file, so it now blocks the upload with its own finding.
  return { element, deadlinePassed: () => void recheck() };
}
