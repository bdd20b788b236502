import { createHash } from "node:crypto";

/**
 * Failed token presentations per client address and minute. Tokens carry 256 random bits, so guessing is hopeless
 * anyway; the limit bounds it further. It refuses only further *failed* presentations: a token that verifies is
 * served whatever its address did (functions/runtime/http.ts requireSchool), so one broken script behind a campus
 * or government NAT cannot lock the colleges behind the same address out on deadline day.
 */
export const ATTEMPT_WINDOW_SECONDS = 60;
export const MAX_FAILED_ATTEMPTS = 20;

export interface AttemptCounter {
  /** Failures recorded for this key in this window. */
  failures(key: string, windowStart: number): Promise<number>;
  /** Adds one failure; the record may expire after `expiresAt` (epoch seconds). */
  addFailure(key: string, windowStart: number, expiresAt: number): Promise<void>;
}

export function attemptWindow(now: Date): { start: number; expiresAt: number; retryAfterSeconds: number } {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % ATTEMPT_WINDOW_SECONDS);
  return {
    start,
    expiresAt: start + 2 * ATTEMPT_WINDOW_SECONDS,
    retryAfterSeconds: start + ATTEMPT_WINDOW_SECONDS - seconds,
  };
}

/** The client's address as a key: hashed, since the store needs to count it, not to know it. */
export function attemptKey(sourceIp: string): string {
  return createHash("sha256").update(`shenbao-attempts:${sourceIp}`).digest("hex").slice(0, 32);
}
