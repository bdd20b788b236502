import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CatalogCsvError,
  createMajorCatalog,
  normalizeName,
  parseCatalogCsv,
} from "../../../shared/call/major-catalog.ts";

const BUILTIN_CSV = readFileSync(
  new URL("../../../shared/call/data/major-catalog-2021-gaozhi.csv", import.meta.url),
  "utf8",
);
const entries = parseCatalogCsv(BUILTIN_CSV);
const catalog = createMajorCatalog(entries);

describe("parseCatalogCsv", () => {
  it("reads the built-in 2021 catalog: 744 专科 and 247 本科 majors, 47 of them state-controlled", () => {
    expect(entries.filter((e) => e.level === "专科")).toHaveLength(744);
    expect(entries.filter((e) => e.level === "本科")).toHaveLength(247);
    expect(entries.filter((e) => e.controlled)).toHaveLength(47);
  });

  it("maps 高职专科/高职本科 to 专科/本科 and strips the K suffix into `controlled`", () => {
    expect(catalog.find("临床医学", "专科")).toEqual({
      level: "专科",
      code: "520101",
      name: "临床医学",
      category: "医药卫生大类",
      class: "临床医学类",
      controlled: true,
    });
    expect(catalog.find("机械设计制造及自动化", "本科")).toMatchObject({ code: "260101", controlled: false });
  });

  it("accepts CRLF, a BOM, quoted fields, columns in any order and blank lines", () => {
    const csv =
      '\uFEFFname,level,code,category,class\r\n"智能网联汽车技术",高职专科,460702,装备制造大类,汽车制造类\r\n\r\n';
    expect(parseCatalogCsv(csv)).toEqual([
      {
        level: "专科",
        code: "460702",
        name: "智能网联汽车技术",
        category: "装备制造大类",
        class: "汽车制造类",
        controlled: false,
      },
    ]);
  });

  it("reports every bad line with its line number and what is wrong", () => {
    const csv = [
      "level,code,name,category,class",
      "高职专科,460103,数控技术,装备制造大类,机械设计制造类",
      "中职,46010,数控技术,装备制造大类,机械设计制造类",
      "高职专科,460104,,装备制造大类,",
      "高职专科,460103,数控技术,装备制造大类,机械设计制造类",
      "高职专科,460105",
    ].join("\n");
    expect(() => parseCatalogCsv(csv)).toThrow(CatalogCsvError);
    expect(() => parseCatalogCsv(csv)).toThrow(
      expect.objectContaining({
        problems: [
          'line 3: level "中职" is not 高职专科 or 高职本科; code "46010" is not six digits with an optional K',
          "line 4: name is empty; class (专业类) is empty",
          'line 5: name "数控技术" repeats line 2 at level 专科; code 460103 repeats line 2 at level 专科',
          "line 6: expected 5 columns, found 2",
        ],
      }),
    );
  });

  it("rejects a header without the required columns", () => {
    expect(() => parseCatalogCsv("level,code,name\n高职专科,460103,数控技术")).toThrow(
      /missing category, class/,
    );
  });
});

describe("normalizeName", () => {
  it("folds full-width forms and removes every space, including U+3000 and zero-width ones", () => {
    expect(normalizeName(" 数控\u3000技术\u200b ")).toBe("数控技术");
    expect(normalizeName("ＣＮＣ（数控）")).toBe("CNC(数控)");
  });
});

describe("createMajorCatalog", () => {
  it("finds names after normalisation, at the given level only", () => {
    expect(catalog.find(" 数控 技术", "专科")?.code).toBe("460103");
    expect(catalog.find("数控技术", "本科")?.code).toBe("260103");
    expect(catalog.find("铁道机车运用与维护", "本科")).toBeUndefined();
  });

  it("finds every level at which a name exists", () => {
    expect(catalog.findAnyLevel("护理").map((e) => e.level)).toEqual(["专科", "本科"]);
    expect(catalog.findAnyLevel("软件工程技术").map((e) => [e.level, e.code])).toEqual([["本科", "310203"]]);
    expect(catalog.findAnyLevel("哲学")).toEqual([]);
  });

  it("keeps the first of two entries with the same level and name", () => {
    const [first] = entries;
    if (!first) throw new Error("empty catalog");
    const twice = createMajorCatalog([first, { ...first, code: "999999" }]);
    expect(twice.entries).toHaveLength(1);
    expect(twice.find(first.name, first.level)?.code).toBe(first.code);
  });

  it.each([
    ["计算机应用", "专科", "计算机应用技术"],
    ["数控", "专科", "数控技术"],
    ["数控技朮", "专科", "数控技术"],
    ["数空技术", "专科", "数控技术"],
    ["铁道机车运用与维修", "专科", "铁道机车运用与维护"],
    ["大数据会计", "专科", "大数据与会计"],
    ["机电一体化", "专科", "机电一体化技术"],
    ["电子商务专业", "专科", "电子商务"],
    ["计算机应用", "本科", "计算机应用工程"],
  ] as const)("suggests for %s (%s) first %s", (query, level, best) => {
    expect(catalog.suggest(query, level)[0]).toBe(best);
  });

  it("suggests nothing for a name unlike any in the catalog, and nothing for an empty name", () => {
    expect(catalog.suggest("汉语言文学", "专科")).toEqual([]);
    expect(catalog.suggest("  ", "专科")).toEqual([]);
  });

  it("limits suggestions, best first", () => {
    const suggestions = catalog.suggest("大数据会计", "专科", 2);
    expect(suggestions).toEqual(["大数据与会计", "大数据与审计"]);
  });

  it("suggests among ~1000 names in well under 5 ms", () => {
    const queries = ["机电一化技术", "计算机应用", "铁道机车运用与维修", "新能源汽车技朮", "大数据会计"];
    catalog.suggest("预热", "专科");
    const started = performance.now();
    const rounds = 40;
    for (let i = 0; i < rounds; i++) for (const q of queries) catalog.suggest(`${q}${i}`, "专科");
    const perCall = (performance.now() - started) / (rounds * queries.length);
    expect(perCall).toBeLessThan(5);
  });
});
