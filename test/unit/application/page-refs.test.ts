import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPageRefs, MAX_PAGE_RANGE, parsePageRefs } from "../../../shared/application/page-refs.ts";
import { FORM_MESSAGES } from "../../../shared/messages/form.ts";

const pages = (input: string | number | number[]) => {
  const r = parsePageRefs(input);
  return r.ok ? r.pages : r.problem;
};

describe("parsePageRefs", () => {
  it.each([
    ["12", [12]],
    ["12-14", [12, 13, 14]],
    ["12、15", [12, 15]],
    ["第12页", [12]],
    ["P12", [12]],
    ["p.12", [12]],
    ["１２－１４", [12, 13, 14]],
    ["第１２页", [12]],
    ["12至14页", [12, 13, 14]],
    ["第12-14、20页", [12, 13, 14, 20]],
    ["第 12 页", [12]],
    ["15, 12，12；3", [3, 12, 15]],
    ["3 5 4", [3, 4, 5]],
    ["12 - 14", [12, 13, 14]],
    ["12~13", [12, 13]],
    ["第3页和第5页", [3, 5]],
  ])("reads %s", (input, expected) => {
    expect(pages(input)).toEqual(expected);
  });

  it("accepts numbers and lists of numbers as already typed", () => {
    expect(pages(7)).toEqual([7]);
    expect(pages([9, 3, 3])).toEqual([3, 9]);
  });

  it.each([
    ["", { kind: "empty" }],
    ["、", { kind: "empty" }],
    ["十二", { kind: "unreadable", part: "十二" }],
    ["12页码", { kind: "unreadable", part: "12页码" }],
    ["0", { kind: "zero", part: "0" }],
    ["14-12", { kind: "reversed", part: "14-12" }],
    ["1-5000", { kind: "too-wide", part: "1-5000", max: MAX_PAGE_RANGE }],
    ["12.5", { kind: "unreadable", part: "12.5" }],
  ])("refuses %j with a reason", (input, problem) => {
    expect(pages(input)).toEqual(problem);
  });

  it("explains each problem in Chinese", () => {
    const r = parsePageRefs("14-12");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(FORM_MESSAGES.pageRef(r.problem)).toBe("页码范围“14-12”前大后小，请改为从小到大，例如“12-14”。");
  });

  const pageSet = fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 30 });

  it("normalises to sorted unique pages that format and re-read to themselves", () => {
    fc.assert(
      fc.property(pageSet, (set) => {
        const sorted = [...set].sort((a, b) => a - b);
        expect(pages(formatPageRefs(set))).toEqual(sorted);
        expect(pages(set.join("、"))).toEqual(sorted);
      }),
    );
  });

  it("reads full-width digits, 第…页 and P-prefixes as the plain numbers", () => {
    const toFullWidth = (s: string) =>
      s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(pageSet, fc.constantFrom("、", ",", "，", " ", "；"), (set, sep) => {
        const plain = pages(set.join(sep));
        expect(pages(toFullWidth(set.join(sep)))).toEqual(plain);
        expect(pages(set.map((p) => `第${p}页`).join(sep))).toEqual(plain);
        expect(pages(set.map((p) => `P${p}`).join(sep))).toEqual(plain);
      }),
    );
  });

  it("never throws, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parsePageRefs(s);
        if (r.ok) {
          expect(r.pages.length).toBeGreaterThan(0);
          expect(r.pages.every((p, i) => p >= 1 && (i === 0 || p > (r.pages[i - 1] as number)))).toBe(true);
        } else {
          expect(FORM_MESSAGES.pageRef(r.problem)).toMatch(/页/);
        }
      }),
    );
  });
});

describe("formatPageRefs", () => {
  it("writes runs as ranges", () => {
    expect(formatPageRefs([5, 3, 12, 13, 14, 4])).toBe("3-5、12-14");
    expect(formatPageRefs([21])).toBe("21");
  });
});
