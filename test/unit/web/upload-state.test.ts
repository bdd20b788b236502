import { describe, expect, it } from "vitest";
import type { Finding } from "../../../shared/checks/finding.ts";
import {
  canSubmit,
  initialUploadState,
  isBusy,
  isCurrentCheck,
  type UploadEvent,
  type UploadState,
  uploadReducer,
} from "../../../web/src/upload-state.ts";

type F = { name: string };
const a: F = { name: "a.pdf" };
const b: F = { name: "b.pdf" };
const warning: Finding = {
  code: "NAME_NOT_CANONICAL",
  severity: "warning",
  field: "fileName",
  message: "m",
  fix: "f",
};
const error: Finding = { ...warning, code: "NAME_TEMPLATE_MISMATCH", severity: "error" };

function run(...events: UploadEvent<F>[]): UploadState<F> {
  return events.reduce(uploadReducer, initialUploadState<F>());
}

/** A file chosen and checked with these findings, ready to submit when they hold no error. */
function checked(findings: Finding[] = [], file = a): UploadState<F> {
  return run({ type: "chosen", file }, { type: "checkStarted" }, { type: "checked", check: 1, findings });
}

describe("the upload panel's state", () => {
  it("allows a submission only for a checked file without errors", () => {
    expect(canSubmit(initialUploadState())).toBe(false);
    expect(canSubmit(run({ type: "chosen", file: a }, { type: "checkStarted" }))).toBe(false);
    expect(canSubmit(checked([warning]))).toBe(true);
    expect(canSubmit(checked([warning, error]))).toBe(false);
  });

  it("ignores a check's result once another file or type was chosen", () => {
    const rechecked = run(
      { type: "chosen", file: a },
      { type: "checkStarted" },
      { type: "chosen", file: b },
      { type: "checkStarted" },
    );
    expect(isCurrentCheck(rechecked, 1)).toBe(false);
    const stale = uploadReducer(rechecked, { type: "checked", check: 1, findings: [error] });
    expect(stale).toBe(rechecked);
    const fresh = uploadReducer(rechecked, { type: "checked", check: 2, findings: [] });
    expect(fresh).toMatchObject({ file: b, findings: [], checking: false });
    expect(uploadReducer(rechecked, { type: "unreadable", check: 1 }).file).toBe(b);
  });

  it("forgets a file that cannot be read", () => {
    const state = run(
      { type: "chosen", file: a },
      { type: "checkStarted" },
      { type: "unreadable", check: 1 },
    );
    expect(state).toMatchObject({ file: null, checking: false });
    expect(canSubmit(state)).toBe(false);
  });

  it("requests a link, uploads, follows, and starts afresh after the verdict", () => {
    const steps: UploadEvent<F>[] = [
      { type: "submitted" },
      { type: "linkIssued" },
      { type: "uploadEnded", outcome: "done", expiredPolicy: false },
      { type: "followEnded", verdict: true },
    ];
    const phases: string[] = [];
    let state = checked();
    for (const event of steps) {
      state = uploadReducer(state, event);
      phases.push(state.phase);
    }
    expect(phases).toEqual(["requesting", "uploading", "following", "idle"]);
    expect(state).toMatchObject({ file: null, findings: [] });
  });

  it("asks for one fresh link when the upload policy has expired, and only once", () => {
    const uploading = run(
      { type: "chosen", file: a },
      { type: "checkStarted" },
      { type: "checked", check: 1, findings: [] },
      { type: "submitted" },
      { type: "linkIssued" },
    );
    const expired: UploadEvent<F> = { type: "uploadEnded", outcome: "refused", expiredPolicy: true };

    const retry = uploadReducer(uploading, expired);
    expect(retry).toMatchObject({ phase: "requesting", attempt: 2 });
    const again = uploadReducer(uploadReducer(retry, { type: "linkIssued" }), expired);
    expect(again).toMatchObject({ phase: "idle", attempt: 2 });
    expect(canSubmit(again)).toBe(true);
  });

  it("keeps the file after a cancel, a network failure or another refusal, ready to try again", () => {
    for (const outcome of ["aborted", "network", "refused"] as const) {
      const state = run(
        { type: "chosen", file: a },
        { type: "checkStarted" },
        { type: "checked", check: 1, findings: [] },
        { type: "submitted" },
        { type: "linkIssued" },
        { type: "uploadEnded", outcome, expiredPolicy: false },
      );
      expect(state).toMatchObject({ phase: "idle", file: a });
      expect(isBusy(state)).toBe(false);
      expect(canSubmit(state)).toBe(true);
    }
  });

  it("is busy while a link is requested, the file uploads or the submission is followed", () => {
    expect(isBusy(uploadReducer(checked(), { type: "submitted" }))).toBe(true);
    expect(canSubmit(uploadReducer(checked(), { type: "submitted" }))).toBe(false);
    const followed = run({ type: "following" });
    expect(isBusy(followed)).toBe(true);
    expect(isBusy(uploadReducer(followed, { type: "followEnded", verdict: false }))).toBe(false);
  });

  it("closes for good when a link is refused because the call has closed", () => {
    const requesting = uploadReducer(checked(), { type: "submitted" });
    const refused = uploadReducer(requesting, { type: "linkRefused", deadlinePassed: false });
    expect(canSubmit(refused)).toBe(true);
    const closed = uploadReducer(requesting, { type: "linkRefused", deadlinePassed: true });
    expect(closed).toMatchObject({ phase: "idle", closed: true });
    expect(canSubmit(closed)).toBe(false);
    expect(uploadReducer(closed, { type: "submitted" })).toBe(closed);
  });
});
