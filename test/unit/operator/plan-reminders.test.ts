import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chooseReminders,
  parseReminderDays,
  reminderStage,
} from "../../../shared/reminders/plan-reminders.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";

const DAY = 86_400_000;
const deadline = new Date("2024-11-15T15:59:59.999Z");
const at = (daysLeft: number) => new Date(deadline.getTime() - daysLeft * DAY);
const school = (id: string, status: SchoolRecord["status"] = "active") =>
  ({ schoolId: id, status }) as SchoolRecord;

describe("reminderStage", () => {
  it("is the nearest configured stage the clock has reached, none before the first or after the deadline", () => {
    const days = [7, 3, 1];
    expect(reminderStage(at(8), deadline, days)).toBeUndefined();
    expect(reminderStage(at(7), deadline, days)).toBe(7);
    expect(reminderStage(at(4), deadline, days)).toBe(7);
    expect(reminderStage(at(2.5), deadline, days)).toBe(3);
    expect(reminderStage(at(0.1), deadline, days)).toBe(1);
    expect(reminderStage(at(0), deadline, days)).toBeUndefined();
    expect(reminderStage(at(-1), deadline, days)).toBeUndefined();
  });

  it("never goes back to an earlier stage as time passes", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0.001, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        (days, later, earlierBy) => {
          const a = reminderStage(at(later + earlierBy), deadline, days);
          const b = reminderStage(at(later), deadline, days);
          if (a !== undefined) expect(b).toBeLessThanOrEqual(a);
        },
      ),
    );
  });
});

describe("chooseReminders", () => {
  it("picks active schools without an accepted application, each once per stage", () => {
    const reminded = new Set(["D|3"]);
    const plan = chooseReminders({
      now: at(2),
      deadline,
      days: [7, 3, 1],
      schools: [school("A"), school("B"), school("C", "revoked"), school("D"), school("E")],
      accepted: new Set(["B"]),
      remindedAt: (id, stage) => reminded.has(`${id}|${stage}`),
    });
    expect(plan.stage).toBe(3);
    expect(plan.due.map((s) => s.schoolId)).toEqual(["A", "E"]);
    expect(plan.alreadyReminded.map((s) => s.schoolId)).toEqual(["D"]);
  });

  it("chooses no one outside the stages", () => {
    const input = {
      deadline,
      days: [3],
      schools: [school("A")],
      accepted: new Set<string>(),
      remindedAt: () => false,
    };
    expect(chooseReminders({ ...input, now: at(5) })).toEqual({
      stage: undefined,
      due: [],
      alreadyReminded: [],
    });
  });
});

describe("parseReminderDays", () => {
  it("reads a comma-separated list, largest first, without repeats; blank is 7,3,1", () => {
    expect(parseReminderDays(" 1, 7,3,3 ")).toEqual([7, 3, 1]);
    expect(parseReminderDays(undefined)).toEqual([7, 3, 1]);
    expect(() => parseReminderDays("7,three")).toThrow(RangeError);
    expect(() => parseReminderDays("0")).toThrow(/1 to 365/);
  });
});
