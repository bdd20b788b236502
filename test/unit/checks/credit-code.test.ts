import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_CHARSET,
  checkCreditCode,
  computeCheckCharacter,
  normalizeCreditCode,
} from "../../../shared/checks/credit-code.ts";

/**
 * Published codes: the example of GB 32100-2015 itself, and the widely published codes of 腾讯科技（深圳）有限公司,
 * 华为技术有限公司 and 小米科技有限责任公司. Each passes the check, which a random code does with odds of 1 in 31.
 */
const PUBLISHED = ["91350100M000100Y43", "9144030071526726XG", "914403001922038216", "91110108551385082Q"];

/** Codes built here: a public institution (事业单位, 12) and a private school (民办非企业单位, 52) in Henan (41). */
const CONSTRUCTED = ["12410000415800583", "52410100MJ1234567"].map(
  (first17) => first17 + computeCheckCharacter(first17),
);

const validCode = fc
  .array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 2, maxLength: 2 })
  .chain((head) =>
    fc.tuple(
      fc.constant(head.join("")),
      fc.array(fc.constantFrom(..."0123456789"), { minLength: 6, maxLength: 6 }),
      fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 9, maxLength: 9 }),
    ),
  )
  .map(([head, division, organisation]) => {
    const first17 = head + division.join("") + organisation.join("");
    return first17 + computeCheckCharacter(first17);
  });

describe("computeCheckCharacter", () => {
  it.each(PUBLISHED)("gives the check character of the published code %s", (code) => {
    expect(computeCheckCharacter(code.slice(0, 17))).toBe(code.slice(17));
  });

  it("maps a weighted sum that is a multiple of 31 to 0", () => {
    expect(computeCheckCharacter("00000000000000000")).toBe("0");
  });

  it("refuses input that is not 17 characters of the alphabet", () => {
    expect(() => computeCheckCharacter("9135010")).toThrow(RangeError);
    expect(() => computeCheckCharacter("91350100M000100I4")).toThrow(/"I" at position 16/);
  });
});

describe("checkCreditCode", () => {
  it.each([...PUBLISHED, ...CONSTRUCTED])("accepts %s", (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
  });

  it("normalises what people type: spaces, hyphens, lower case and full-width characters", () => {
    expect(normalizeCreditCode(" 9135 0100-m000 100y43 ")).toBe("91350100M000100Y43");
    expect(checkCreditCode("９１３５０１００Ｍ０００１００Ｙ４３")).toEqual({
      ok: true,
      code: "91350100M000100Y43",
    });
  });

  it.each([
    ["91350100M000100Y4", "17 characters"],
    ["91350100M000100Y433", "19 characters"],
    ["91350100M000100O43", "the letter O"],
    ["91350100M000100I43", "the letter I"],
    ["9135010AM000100Y43", "a letter in the division code"],
    ["", "nothing"],
  ])("rejects the format of %s (%s)", (code) => {
    expect(checkCreditCode(code)).toMatchObject({ ok: false, reason: "format" });
  });

  it("rejects a wrong check character, naming the right one", () => {
    expect(checkCreditCode("91350100M000100Y44")).toEqual({
      ok: false,
      reason: "check-character",
      code: "91350100M000100Y44",
      expectedCharacter: "3",
    });
  });

  it("rejects every single-character change of a valid code", () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...CREDIT_CODE_CHARSET), (code, at, replacement) => {
        fc.pre(code[at] !== replacement);
        const mutated = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(checkCreditCode(code).ok).toBe(true);
        expect(checkCreditCode(mutated).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects every single-character change of a published code, at every position, to every character", () => {
    for (const code of PUBLISHED) {
      for (let at = 0; at < 18; at++) {
        for (const replacement of CREDIT_CODE_CHARSET) {
          if (code[at] === replacement) continue;
          const mutated = code.slice(0, at) + replacement + code.slice(at + 1);
          expect(checkCreditCode(mutated).ok, mutated).toBe(false);
        }
      }
    }
  });
});
