import type { SchoolRecord } from "../submissions/records.ts";

/**
 * Which schools a deadline reminder goes to, decided from plain data. The configured days before the deadline
 * (7, 3, 1) are stages; the stage in force is the nearest one the clock has reached (2.5 days left: the 3-day
 * stage). A school gets one reminder per stage, only while it is active and has no accepted application. A job that
 * did not run for a while sends the stage in force, not a burst of the ones it missed.
 */

const DAY_MS = 86_400_000;
export const DEFAULT_REMINDER_DAYS: readonly number[] = [7, 3, 1];

/** "7,3,1" → [7, 3, 1]; blank → the default. Throws a RangeError naming what is wrong. */
export function parseReminderDays(text: string | undefined): number[] {
  if (text === undefined || text.trim() === "") return [...DEFAULT_REMINDER_DAYS];
  const days = text.split(",").map((part) => Number(part.trim()));
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
    throw new RangeError(
      `reminder days must be whole numbers of days from 1 to 365, comma-separated: "${text}"`,
    );
  }
  return [...new Set(days)].sort((a, b) => b - a);
}

/** The stage in force at `now`, or undefined before the first stage and after the deadline. */
export function reminderStage(now: Date, deadline: Date, days: readonly number[]): number | undefined {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return undefined;
  const reached = days.filter((d) => left <= d * DAY_MS);
  return reached.length > 0 ? Math.min(...reached) : undefined;
}

export interface ReminderInput {
  now: Date;
  deadline: Date;
  days: readonly number[];
  schools: readonly SchoolRecord[];
  /** Schools whose application (the call's main document) has a current accepted submission. */
  accepted: ReadonlySet<string>;
  /** Schools already reminded at a given stage of this deadline. */
  remindedAt: (schoolId: string, stage: number) => boolean;
}

export interface ReminderPlan {
  stage: number | undefined;
  /** Active schools without an accepted application, not yet reminded at this stage. */
  due: SchoolRecord[];
  /** Of those that need one, the schools already reminded at this stage. */
  alreadyReminded: SchoolRecord[];
}

export function chooseReminders(input: ReminderInput): ReminderPlan {
  const stage = reminderStage(input.now, input.deadline, input.days);
  if (stage === undefined) return { stage, due: [], alreadyReminded: [] };
  const needing = input.schools.filter((s) => s.status === "active" && !input.accepted.has(s.schoolId));
  return {
    stage,
    due: needing.filter((s) => !input.remindedAt(s.schoolId, stage)),
    alreadyReminded: needing.filter((s) => input.remindedAt(s.schoolId, stage)),
  };
}
