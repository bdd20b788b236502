import { hasVerdict } from "../../shared/submissions/states.ts";
import { ApiError } from "./api.ts";
import type { SubmissionView } from "./api-types.ts";

export interface PollOptions {
  /** Between successful answers that have no verdict yet. */
  intervalMs?: number;
  /** Longest wait between attempts after errors (doubling from intervalMs). */
  maxBackoffMs?: number;
  /** Give up (the school may keep waiting) after this long without a verdict. */
  timeoutMs?: number;
  onUpdate(view: SubmissionView): void;
  /** A failed attempt that will be retried. */
  onRetry(error: unknown): void;
  signal?: AbortSignal;
}

export type PollOutcome =
  | { kind: "verdict"; view: SubmissionView }
  | { kind: "timeout"; last: SubmissionView | undefined }
  | { kind: "stopped" }
  | { kind: "failed"; error: ApiError };

/**
 * Follows a submission until it has a verdict: every ~1 s while the server answers, backing off on errors. An
 * answer the server will keep giving (401, 404) ends the wait; anything else is retried.
 */
export async function pollSubmission(
  fetchView: () => Promise<SubmissionView>,
  options: PollOptions,
): Promise<PollOutcome> {
  const interval = options.intervalMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 15_000;
  const giveUpAt = Date.now() + (options.timeoutMs ?? 120_000);
  let delay = interval;
  let last: SubmissionView | undefined;
  for (;;) {
    if (options.signal?.aborted) return { kind: "stopped" };
    try {
      last = await fetchView();
      options.onUpdate(last);
      if (hasVerdict(last.state)) return { kind: "verdict", view: last };
      delay = interval;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        return { kind: "failed", error };
      }
      options.onRetry(error);
      delay = Math.min(delay * 2, maxBackoff);
    }
    if (Date.now() + delay > giveUpAt) return { kind: "timeout", last };
    await sleep(delay, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
