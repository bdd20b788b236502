import { describe, expect, it } from "vitest";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { computeCheckCharacter } from "../../../shared/checks/credit-code.ts";
import { planImport } from "../../../shared/schools/import-plan.ts";
import type { RosterRow } from "../../../shared/schools/roster.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";

const ctx = resolveCall(HENAN_2024);
const code = (n: number) => {
  const first17 = `12410000MB${String(n).padStart(7, "0")}`;
  return first17 + computeCheckCharacter(first17);
};
const row = (line: number, n: number, overrides: Partial<RosterRow["input"]> = {}): RosterRow => ({
  line,
  input: {
    name: `河南第${"一二三四五六七八九"[n - 1]}职业学院`,
    creditCode: code(n),
    level: "专科",
    contactName: "张三",
    email: `a${n}@school.edu.cn`,
    phone: "0371-69691995",
    ...overrides,
  },
});
const registered = (n: number, name: string): SchoolRecord => ({
  schoolId: code(n),
  creditCode: code(n),
  name,
  level: "专科",
  contactName: "李四",
  email: "x@y.cn",
  phone: "0371-69691995",
  tokenHash: "",
  tokenIssuedAt: "",
  status: "active",
  createdAt: "",
});

describe("planImport", () => {
  it("registers a clean roster in file order", () => {
    const plan = planImport([row(2, 1), row(3, 2)], { ctx, registered: [], skipExisting: false });
    expect(plan.problems).toEqual([]);
    expect(plan.register.map((r) => r.line)).toEqual([2, 3]);
  });

  it("reports every problem of every row, with the first line of a duplicate", () => {
    const plan = planImport(
      [
        row(2, 1),
        row(3, 2, { email: "bad", phone: "123" }),
        row(4, 3, { creditCode: ` ${code(1).toLowerCase()} ` }),
        row(5, 4, { name: "河南第一职业学院" }),
      ],
      { ctx, registered: [], skipExisting: false },
    );
    expect(plan.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [3, "email", "EMAIL_INVALID"],
      [3, "phone", "PHONE_INVALID"],
      [4, "creditCode", "DUPLICATE_IN_FILE"],
      [5, "name", "DUPLICATE_IN_FILE"],
    ]);
    expect(plan.problems[2]?.message).toBe(`统一社会信用代码 ${code(1)} 与第 2 行重复。`);
  });

  it("refuses colleges already registered unless told to skip them, and a known name under another code", () => {
    const existing = [registered(1, "河南第一职业学院"), registered(9, "河南第二职业学院")];
    const refused = planImport([row(2, 1), row(3, 2)], { ctx, registered: existing, skipExisting: false });
    expect(refused.problems.map((p) => [p.line, p.code])).toEqual([
      [2, "ALREADY_REGISTERED"],
      [3, "NAME_REGISTERED_WITH_OTHER_CODE"],
    ]);
    const skipping = planImport([row(2, 1), row(3, 3)], { ctx, registered: existing, skipExisting: true });
    expect(skipping.problems).toEqual([]);
    expect(skipping.skipped).toEqual([{ line: 2, schoolId: code(1), name: "河南第一职业学院" }]);
    expect(skipping.register.map((r) => r.line)).toEqual([3]);
  });
});
