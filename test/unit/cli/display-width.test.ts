import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, padEnd, truncateMiddle } from "../../../cli/display-width.ts";
import { renderTable } from "../../../cli/table.ts";

describe("displayWidth", () => {
  it("counts Chinese and full-width characters as two columns, combining marks as none", () => {
    expect(displayWidth("数控技术")).toBe(8);
    expect(displayWidth("申报（计算机）")).toBe(14);
    expect(displayWidth("A１")).toBe(3);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("")).toBe(0);
  });

  it("counts the characters it measures without string-width as string-width does", () => {
    const ranges = [
      [0x20, 0x7e],
      [0x3000, 0x303e],
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xff01, 0xff60],
      [0xffe0, 0xffe6],
    ];
    // The narrow punctuation, box drawing and marks: every one of them.
    for (const [first = 0, last = 0] of [
      [0xb7, 0xb7],
      [0x2010, 0x2027],
      [0x2500, 0x257f],
      [0x2714, 0x2714],
      [0x2718, 0x2718],
      [0x25cf, 0x25cf],
    ]) {
      for (let code = first; code <= last; code++) {
        const char = String.fromCodePoint(code);
        expect(displayWidth(`a${char}中`), `U+${code.toString(16)}`).toBe(stringWidth(`a${char}中`));
      }
    }
    for (const [first = 0, last = 0] of ranges) {
      // Both ends of each block, and a sample between them.
      for (let code = first; code <= last; code += code === last ? 1 : Math.min(37, last - code)) {
        const char = String.fromCodePoint(code);
        expect(displayWidth(char), `U+${code.toString(16)}`).toBe(stringWidth(char));
      }
    }
    const name = "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf";
    expect(displayWidth(name)).toBe(stringWidth(name));
  });

  it("pads and shortens by columns, keeping both ends of a long name", () => {
    expect(padEnd("学院", 6)).toBe("学院  ");
    const short = truncateMiddle("河南工业职业技术学院（数控技术专业）.pdf", 20);
    expect(displayWidth(short)).toBeLessThanOrEqual(20);
    expect(short).toMatch(/^河南.*….*\.pdf$/);
  });

  it("lines up a table's columns whatever the script", () => {
    const table = renderTable(
      ["名称", "n"],
      [
        ["河南学院", "1"],
        ["ab", "2"],
      ],
    ).split("\n");
    // The second column starts at the same terminal column on every line: after 8 columns and two spaces.
    expect(table.map((line) => displayWidth(line.replace(/\S+$/, "")))).toEqual([10, 10, 10, 10]);
  });
});
