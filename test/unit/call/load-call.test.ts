import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { core } from "zod/mini";
import type { MajorEntry } from "../../../shared/call/catalog.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import {
  builtinCatalogs,
  CallConfigurationError,
  clearCallCache,
  extendCatalog,
  loadCall,
  loadCallFrom,
} from "../../../shared/call/load-call.ts";
import { type CallOverrides, resolveCall as resolvePure } from "../../../shared/call/resolve-call.ts";

const dir = mkdtempSync(join(tmpdir(), "shenbao-call-"));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const HEADER = "level,code,name,category,class";
const NEW_MAJOR = "高职专科,460121,低空无人机制造技术,装备制造大类,机械设计制造类";

beforeEach(() => clearCallCache());

/** The pure resolveCall, given the shipped catalogs as data. */
function resolveCall(input: unknown, overrides: CallOverrides = {}) {
  return resolvePure(input, overrides, builtinCatalogs());
}

const ONE_MAJOR: MajorEntry = {
  level: "专科",
  code: "460103",
  name: "数控技术",
  category: "装备制造大类",
  class: "机械设计制造类",
  controlled: false,
};

describe("resolveCall", () => {
  it("validates the built-in Henan 2024 call and builds its catalog", () => {
    const { call, catalog } = resolveCall(HENAN_2024);
    expect(call.id).toBe("henan-2024-chanjiao-shixun");
    expect(call.deadline).toBe("2024-11-15T23:59:59.999+08:00");
    expect(call.rules).toEqual({});
    expect(catalog.entries).toHaveLength(991);
  });

  it("replaces the deadline", () => {
    const { call } = resolveCall(HENAN_2024, { deadline: "2024-11-20T17:00:00+08:00" });
    expect(call.deadline).toBe("2024-11-20T17:00:00+08:00");
  });

  it("adds majors from an extension CSV", () => {
    const { catalog } = resolveCall(HENAN_2024, {
      catalogExtra: { csv: `${HEADER}\n${NEW_MAJOR}\n`, source: "test" },
    });
    expect(catalog.find("低空无人机制造技术", "专科")?.code).toBe("460121");
    expect(catalog.entries).toHaveLength(992);
  });

  it("lists every problem of the call and its overrides in one error, keeping the cause", () => {
    const input = { ...HENAN_2024, title: "", maxFileBytes: -1, defaultDocumentType: "cover" };
    const act = () =>
      resolveCall(input, {
        deadline: "11月20日",
        catalogExtra: { csv: `${HEADER}\n高职,1,x,y,z\n`, source: "extra.csv" },
      });
    expect(act).toThrow(CallConfigurationError);
    expect(act).toThrow(
      expect.objectContaining({
        problems: [
          'deadline override "11月20日" is not an ISO 8601 date-time with an offset, e.g. 2024-11-15T23:59:59+08:00',
          expect.stringMatching(/^call definition: title: /),
          expect.stringMatching(/^call definition: maxFileBytes: /),
          "call definition: defaultDocumentType: defaultDocumentType must be one of documentTypes",
          'extra.csv: line 2: level "高职" is not 高职专科 or 高职本科; code "1" is not six digits with an optional K',
        ],
        cause: expect.any(AggregateError),
      }),
    );
    expect(act).toThrow(/Invalid call configuration:\n {2}- deadline override/);
  });

  it("keeps a single cause as it is", () => {
    expect(() => resolveCall({ ...HENAN_2024, nameTemplate: "申报材料（{major}专业）" })).toThrow(
      expect.objectContaining({
        problems: [
          "call definition: nameTemplate: nameTemplate must contain {school} and {major} exactly once each",
        ],
        cause: expect.any(core.$ZodError),
      }),
    );
  });
});

describe("resolveCall, pure", () => {
  it("builds the catalog from the entries it is given, not from files", () => {
    const { catalog } = resolvePure(HENAN_2024, {}, { "major-catalog-2021-gaozhi": [ONE_MAJOR] });
    expect(catalog.entries).toEqual([ONE_MAJOR]);
    expect(catalog.find("数控技术", "专科")?.code).toBe("460103");
  });

  it("reports a built-in catalog it was not given, with the call's own problems", () => {
    expect(() => resolvePure({ ...HENAN_2024, title: "" }, {}, {})).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^call definition: title: /),
          "built-in catalog major-catalog-2021-gaozhi: not available",
        ],
      }),
    );
  });

  it("names the definition's source in its problems", () => {
    expect(() => resolvePure({ ...HENAN_2024, maxFileBytes: 0 }, {}, {}, "call.json")).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([expect.stringMatching(/^call\.json: maxFileBytes: /)]),
      }),
    );
  });
});

describe("extendCatalog", () => {
  const base: MajorEntry[] = [
    {
      level: "专科",
      code: "460103",
      name: "数控技术",
      category: "装备制造大类",
      class: "机械设计制造类",
      controlled: false,
    },
  ];

  it("does not duplicate a name already present at that level, and adds it at another", () => {
    const benke = { ...base[0], level: "本科", code: "260103" } as MajorEntry;
    const { entries, problems } = extendCatalog(base, [
      { ...(base[0] as MajorEntry), name: " 数控技术" },
      benke,
    ]);
    expect(entries).toEqual([base[0], benke]);
    expect(problems).toEqual([]);
  });

  it("refuses a new name that reuses another major's code at its level", () => {
    const clash = { ...(base[0] as MajorEntry), name: "数控加工技术" };
    expect(extendCatalog(base, [clash])).toEqual({
      entries: base,
      problems: ['专科 code 460103 of "数控加工技术" is already the code of "数控技术"'],
    });
  });
});

describe("loadCall", () => {
  it("loads the built-in call by default, once", () => {
    const first = loadCall({});
    expect(first.call.id).toBe("henan-2024-chanjiao-shixun");
    expect(first.catalog.find("数控技术", "专科")).toBeDefined();
    expect(loadCall({})).toBe(first);
  });

  it("applies SHENBAO_DEADLINE", () => {
    const { call } = loadCall({ SHENBAO_DEADLINE: "2024-11-18T12:00:00+08:00" });
    expect(call.deadline).toBe("2024-11-18T12:00:00+08:00");
  });

  it("reads a call from SHENBAO_CALL_FILE", () => {
    const path = file(
      "call-2025.json",
      JSON.stringify({ ...HENAN_2024, id: "henan-2025", maxFileBytes: 1024 }),
    );
    const { call } = loadCall({ SHENBAO_CALL_FILE: path });
    expect(call).toMatchObject({ id: "henan-2025", maxFileBytes: 1024 });
  });

  it("extends the catalog from SHENBAO_CATALOG_EXTRA", () => {
    const path = file(
      "extra.csv",
      `${HEADER}\r\n${NEW_MAJOR}\r\n高职专科,460103,数控技术,装备制造大类,机械设计制造类\r\n`,
    );
    const { catalog } = loadCall({ SHENBAO_CATALOG_EXTRA: path });
    expect(catalog.find("低空无人机制造技术", "专科")).toMatchObject({ code: "460121", controlled: false });
    expect(catalog.findAnyLevel("数控技术")).toHaveLength(2);
  });

  it("reports a bad call file, a bad deadline and a bad catalog together", () => {
    const call = file(
      "bad-call.json",
      JSON.stringify({ ...HENAN_2024, deadline: "2024-11-15", documentTypes: [] }),
    );
    const extra = file("bad-extra.csv", `${HEADER}\n高职专科,460121,,装备制造大类,机械设计制造类\n`);
    const act = () =>
      loadCall({ SHENBAO_CALL_FILE: call, SHENBAO_DEADLINE: "soon", SHENBAO_CATALOG_EXTRA: extra });
    expect(act).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^deadline override "soon"/),
          expect.stringMatching(new RegExp(`^SHENBAO_CALL_FILE ${call}: deadline: `)),
          expect.stringMatching(new RegExp(`^SHENBAO_CALL_FILE ${call}: documentTypes: `)),
          `SHENBAO_CALL_FILE ${call}: defaultDocumentType: defaultDocumentType must be one of documentTypes`,
          `SHENBAO_CATALOG_EXTRA ${extra}: line 2: name is empty`,
        ],
      }),
    );
  });

  it("loadCallFrom reads the files afresh each time", () => {
    const path = file("call-fresh.json", JSON.stringify({ ...HENAN_2024, id: "henan-fresh-1" }));
    expect(loadCallFrom({ SHENBAO_CALL_FILE: path }).call.id).toBe("henan-fresh-1");
    writeFileSync(path, JSON.stringify({ ...HENAN_2024, id: "henan-fresh-2" }));
    expect(loadCallFrom({ SHENBAO_CALL_FILE: path }).call.id).toBe("henan-fresh-2");
    expect(loadCall({ SHENBAO_CALL_FILE: path }).call.id).toBe("henan-fresh-2");
  });

  it("reports an unreadable or malformed call file with its cause", () => {
    const missing = join(dir, "nowhere.json");
    expect(() => loadCall({ SHENBAO_CALL_FILE: missing })).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(new RegExp(`^SHENBAO_CALL_FILE ${missing}: cannot be read: ENOENT`)),
        ],
        cause: expect.objectContaining({ code: "ENOENT" }),
      }),
    );
    const malformed = file("malformed.json", "{ id: henan }");
    expect(() => loadCall({ SHENBAO_CALL_FILE: malformed })).toThrow(
      expect.objectContaining({ cause: expect.any(SyntaxError) }),
    );
  });
});
