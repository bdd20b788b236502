import { type Finding, isAccepted } from "../../shared/checks/finding.ts";

/**
 * The upload panel's state and its transitions, as a pure reducer: which file is chosen and what the checks found,
 * what the panel is doing, whether the call has closed, and the one fresh link after an expired upload policy.
 * The panel (view/upload-panel.ts) runs the effects and renders; it decides nothing of this itself.
 */

export type UploadPhase = "idle" | "requesting" | "uploading" | "following";

export interface UploadState<F> {
  file: F | null;
  findings: readonly Finding[];
  /** Each check of a file gets the next number; a result for an older one is stale and ignored. */
  check: number;
  checking: boolean;
  phase: UploadPhase;
  /** Links requested for the current submission: the second is the one retry after an expired policy. */
  attempt: number;
  /** The server refused a link because the call has closed: nothing more can be uploaded from this page. */
  closed: boolean;
}

export type UploadEvent<F> =
  | { type: "chosen"; file: F | null }
  | { type: "checkStarted" }
  | { type: "checked"; check: number; findings: readonly Finding[] }
  | { type: "unreadable"; check: number }
  | { type: "submitted" }
  | { type: "linkIssued" }
  | { type: "linkRefused"; deadlinePassed: boolean }
  | { type: "uploadEnded"; outcome: "done" | "aborted" | "network" | "refused"; expiredPolicy: boolean }
  | { type: "following" }
  | { type: "followEnded"; verdict: boolean };

export function initialUploadState<F>(): UploadState<F> {
  return { file: null, findings: [], check: 0, checking: false, phase: "idle", attempt: 0, closed: false };
}

export function uploadReducer<F>(state: UploadState<F>, event: UploadEvent<F>): UploadState<F> {
  switch (event.type) {
    case "chosen":
      return { ...state, file: event.file, findings: [], checking: false };
    case "checkStarted":
      return { ...state, findings: [], check: state.check + 1, checking: state.file !== null };
    case "checked":
      if (!isCurrentCheck(state, event.check)) return state;
      return { ...state, findings: event.findings, checking: false };
    case "unreadable":
      if (!isCurrentCheck(state, event.check)) return state;
      return { ...state, file: null, findings: [], checking: false };
    case "submitted":
      return canSubmit(state) ? { ...state, phase: "requesting", attempt: 1 } : state;
    case "linkIssued":
      return state.phase === "requesting" ? { ...state, phase: "uploading" } : state;
    case "linkRefused":
      return { ...state, phase: "idle", closed: state.closed || event.deadlinePassed };
    case "uploadEnded":
      if (event.outcome === "done") return { ...state, phase: "following" };
      // The link ran out while the file was on its way (a slow line, a laptop asleep): one fresh link, once.
      if (event.outcome === "refused" && event.expiredPolicy && state.attempt === 1)
        return { ...state, phase: "requesting", attempt: 2 };
      return { ...state, phase: "idle" };
    case "following":
      return { ...state, phase: "following" };
    case "followEnded":
      return event.verdict
        ? { ...state, phase: "idle", file: null, findings: [], checking: false }
        : { ...state, phase: "idle" };
  }
}

/** Whether a check's result still applies: no other check started since. */
export function isCurrentCheck(state: UploadState<unknown>, check: number): boolean {
  return state.check === check && state.checking;
}

/** Requesting a link, uploading or following a submission: the file and type cannot change. */
export function isBusy(state: UploadState<unknown>): boolean {
  return state.phase !== "idle";
}

export function canSubmit(state: UploadState<unknown>): boolean {
  return (
    state.phase === "idle" &&
    !state.closed &&
    !state.checking &&
    state.file !== null &&
    isAccepted(state.findings)
  );
}
