/** The pending-mail rules: the backoff schedule, when the job gives up, and what a claim may take. */
import { describe, expect, it } from "vitest";
import {
  afterFailure,
  claimable,
  firstFailure,
  gaveUp,
  isDue,
  MAX_ATTEMPTS,
  nextAttemptAfter,
  pendingMailKey,
  retryDelayMs,
} from "../../../shared/mail/pending-mail.ts";

const MINUTE = 60_000;
const NOW = new Date("2024-11-15T01:00:00.000Z");
const EMAIL = { to: "a@example.cn", subject: "s", text: "t", html: "h" };

describe("pending mail", () => {
  it("waits 5 minutes after the first failure, doubling up to 6 hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n) / MINUTE)).toStrictEqual([
      5, 10, 20, 40, 80, 160, 320, 360,
    ]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, () => {
    expect(nextAttemptAfter(MAX_ATTEMPTS - 1, NOW)).toBe(
      new Date(NOW.getTime() + 320 * MINUTE).toISOString(),
    );
    expect(nextAttemptAfter(MAX_ATTEMPTS, NOW)).toBeUndefined();
    let mail = firstFailure("receipt", EMAIL, "refused", NOW);
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) {
      expect(gaveUp(mail)).toBe(false);
      mail = afterFailure(mail, `refused ${i}`, NOW);
    }
    expect(mail).toMatchObject({ attempts: MAX_ATTEMPTS, reason: `refused ${MAX_ATTEMPTS - 1}` });
    expect(gaveUp(mail)).toBe(true);
    expect(isDue(mail, "9999-01-01T00:00:00.000Z")).toBe(false);
  });

  it("is due at its next attempt, and a failure gives the claim back", () => {
    const mail = firstFailure("reviewer", EMAIL, "refused", NOW);
    expect(isDue(mail, new Date(NOW.getTime() + 5 * MINUTE - 1).toISOString())).toBe(false);
    expect(isDue(mail, new Date(NOW.getTime() + 5 * MINUTE).toISOString())).toBe(true);
    const claimed = { ...mail, claimOwner: "job", claimUntil: "2024-11-15T01:07:00.000Z" };
    expect(claimable(claimed, "2024-11-15T01:06:59.000Z")).toBe(false);
    expect(claimable(claimed, "2024-11-15T01:07:01.000Z")).toBe(true);
    const failed = afterFailure(claimed, "again", NOW);
    expect(failed.claimOwner).toBeUndefined();
    expect(failed.claimUntil).toBeUndefined();
    expect(failed.firstFailedAt).toBe(mail.firstFailedAt);
  });

  it("keys a receipt once per submission and a notice per reviewer", () => {
    expect(pendingMailKey("receipt", "school@example.cn")).toBe("receipt");
    expect(pendingMailKey("reviewer", "r@example.cn")).toBe("reviewer:r@example.cn");
  });
});
