import { describe, expect, it } from "vitest";
import { attemptKey, attemptWindow } from "../../../shared/api/attempt-limit.ts";

describe("attempt windows", () => {
  it("are whole minutes, kept for two, with the seconds left to wait", () => {
    expect(attemptWindow(new Date("2024-11-15T15:50:42.500Z"))).toEqual({
      start: Date.parse("2024-11-15T15:50:00Z") / 1000,
      expiresAt: Date.parse("2024-11-15T15:52:00Z") / 1000,
      retryAfterSeconds: 18,
    });
  });

  it("key addresses by a hash, never the address itself", () => {
    expect(attemptKey("113.57.10.24")).toMatch(/^[0-9a-f]{32}$/);
    expect(attemptKey("113.57.10.24")).not.toBe(attemptKey("113.57.10.25"));
  });
});
