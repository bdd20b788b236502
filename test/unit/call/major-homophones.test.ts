import { describe, expect, it } from "vitest";
import { henanContext } from "../../helpers/call.ts";

const { catalog } = henanContext();

describe("suggestions for homophones (同音字), by pinyin", () => {
  it.each([
    ["数空技术", "数控技术"],
    ["书控技术", "数控技术"],
    // Two characters of four wrong: too far by spelling, the same by sound.
    ["书空技术", "数控技术"],
    ["工业机器人级数", "工业机器人技术"],
    ["大数据于会计", "大数据与会计"],
  ] as const)("suggests for %s first %s", (query, best) => {
    expect(catalog.suggest(query, "专科")[0]).toBe(best);
  });

  it("does not take a name two syllables off for a homophone", () => {
    // 夏宫技术 (xià gōng jì shù) is as far from 数控技术 in spelling as 书空技术, but not in sound.
    expect(catalog.suggest("夏宫技术", "专科")).not.toContain("数控技术");
  });

  it("still suggests nothing for a name unlike any in the catalog", () => {
    expect(catalog.suggest("汉语言文学", "专科")).toEqual([]);
  });
});
