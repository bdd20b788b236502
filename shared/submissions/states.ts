/**
 * The life of one uploaded version of a school's document.
 *
 *   PENDING ──upload arrives──► PROCESSING ──verdict──► ACCEPTED ──newer accepted version──► SUPERSEDED
 *                                            │        └► REJECTED
 *                                            └──────► LATE (uploaded after the deadline; rejected)
 *
 * Processing records the verdict and claims the object version in one write, so it goes PENDING → the verdict's
 * state directly; PROCESSING remains for `SubmissionRepository.claim` and records claimed by earlier code.
 */
export const SUBMISSION_STATES = [
  "PENDING",
  "PROCESSING",
  "ACCEPTED",
  "REJECTED",
  "SUPERSEDED",
  "LATE",
] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** States in which the verdict is recorded and never changes again (SUPERSEDED keeps the ACCEPTED verdict). */
export const FINAL_STATES: ReadonlySet<SubmissionState> = new Set([
  "ACCEPTED",
  "REJECTED",
  "SUPERSEDED",
  "LATE",
]);

export function hasVerdict(state: SubmissionState): boolean {
  return FINAL_STATES.has(state);
}
