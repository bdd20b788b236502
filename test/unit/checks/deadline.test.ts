import { describe, expect, it } from "vitest";
import { deadline } from "../../../shared/checks/deadline.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";

const ctx = henanContext();
const check = (submittedAt?: Date) =>
  deadline(
    { fileName: GOOD_NAME, documentType: "evidence", size: 1000, ...(submittedAt ? { submittedAt } : {}) },
    ctx,
  );

describe("deadline", () => {
  it("accepts a submission up to the last instant of 15 November, Beijing time", () => {
    expect(check(new Date("2024-11-10T09:00:00+08:00"))).toEqual([]);
    expect(check(new Date("2024-11-15T23:59:59.999+08:00"))).toEqual([]);
    // The same instant written in UTC: 15:59:59Z is 23:59:59 in Beijing.
    expect(check(new Date("2024-11-15T15:59:59Z"))).toEqual([]);
  });

  it("rejects a late submission, with both times in Beijing time", () => {
    expect(check(new Date("2024-11-16T00:00:00+08:00"))).toEqual([
      {
        code: "DEADLINE_PASSED",
        severity: "error",
        field: "submittedAt",
        message:
          "申报截止时间为 2024年11月15日 23:59:59（北京时间），本次提交时间为 2024年11月16日 00:00:00（北京时间），已超过截止时间。",
        fix: "截止时间后不再受理新的材料；如有特殊情况，请联系主管部门。",
        expected: "2024-11-15T15:59:59.999Z",
        actual: "2024-11-15T16:00:00.000Z",
      },
    ]);
  });

  it("is silent without a submission time", () => {
    expect(check()).toEqual([]);
    expect(check(new Date(Number.NaN))).toEqual([]);
  });

  it("follows the call's deadline", () => {
    const extended = henanContext({ deadline: "2024-11-20T17:00:00+08:00" });
    const facts = { fileName: GOOD_NAME, documentType: "evidence", size: 1 };
    expect(deadline({ ...facts, submittedAt: new Date("2024-11-18T10:00:00+08:00") }, extended)).toEqual([]);
    expect(
      deadline({ ...facts, submittedAt: new Date("2024-11-20T17:00:01+08:00") }, extended)[0]?.message,
    ).toContain("2024年11月20日 17:00:00（北京时间）");
  });
});
