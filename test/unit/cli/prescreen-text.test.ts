import { describe, expect, it } from "vitest";
import { prescreenText } from "../../../cli/prescreen-text.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { prescreen } from "../../../shared/prescreen/prescreen.ts";
import { parse, passingInput } from "../prescreen/fixtures.ts";

const { call, catalog } = resolveCall(HENAN_2024);

describe("submissions show: the pre-screen section", () => {
  it("lists each condition's status, the gaps with expected vs found and the fix, and the expert items", () => {
    const form = parse(passingInput());
    const text = prescreenText({
      schoolId: "S",
      form,
      updatedAt: "2024-11-10T02:00:00.000Z",
      updatedBy: "school",
      prescreen: prescreen(call, form, catalog, { pageCount: 15 }),
      prescreenAt: "2024-11-10T02:00:00.000Z",
    });
    const lines = text.split("\n");
    expect(lines[1]).toBe("资格初审（申报条件）（初审时间：2024年11月10日 10:00:00（北京时间））");
    expect(lines.filter((l) => /^ {2}条件\d+ /.test(l))).toHaveLength(10);
    expect(text).toContain("  条件10 ");
    expect(text).toMatch(/ {4}9\.4 .*【不符合】要求 ≥ 1000 人次；实际 2021年面向社会培训人次：860 人次/);
    expect(text).toContain("      处理：按申报书所填数据，此项未达到通知要求");
    expect(text).toMatch(/ {4}待专家判断：1\.1/);
    // Pages 16–18 are cited past the 15-page evidence.
    expect(text).toContain("佐证材料页码核对：");
    expect(text).toContain("超出佐证材料的页数（共 15 页）");
    // Met criteria are not listed one by one.
    expect(text).not.toMatch(/2\.1 .*【符合】/);
  });

  it("says so when the school has no form", () => {
    expect(prescreenText(undefined)).toBe("\n资格初审（申报条件）\n  学校尚未填写申报书，无法初审。");
  });
});
