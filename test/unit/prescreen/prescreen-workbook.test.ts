import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { Eligibility } from "../../../shared/call/eligibility.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { prescreen } from "../../../shared/prescreen/prescreen.ts";
import { type PrescreenSource, prescreenTable } from "../../../shared/prescreen/prescreen-table.ts";
import {
  prescreenCsv,
  prescreenWorkbook,
  STATUS_FILLS,
} from "../../../shared/prescreen/prescreen-workbook.ts";
import type { EvidenceFacts } from "../../../shared/prescreen/types.ts";
import { parse, passingInput } from "./fixtures.ts";

const { call, catalog } = resolveCall(HENAN_2024);
const eligibility = call.eligibility as Eligibility;

const EVIDENCE_PATH =
  "佐证材料/郑州示例职业技术学院职业教育高水平专业化产教融合实训中心申报材料（会计信息管理专业）.pdf";
const textPages = (count: number): EvidenceFacts => ({
  pageCount: count,
  pages: Array.from({ length: count }, (_, i) => ({ kind: "text" as const, text: `第${i + 1}页` })),
});

/** The passing college, one whose 仪器设备总值 is blank (资料不全), and one with no form yet, out of pinyin order. */
function sources(): PrescreenSource[] {
  const passing = parse(passingInput());
  const blankEquipment = passingInput();
  if (blankEquipment.centre) delete blankEquipment.centre.equipmentValue;
  return [
    {
      schoolId: "Z1",
      schoolName: "郑州示例职业技术学院",
      major: "会计信息管理",
      result: prescreen(call, passing, catalog, textPages(20)),
      evidencePath: EVIDENCE_PATH,
    },
    {
      schoolId: "A1",
      schoolName: "安阳示例职业学院",
      major: "会计信息管理",
      result: prescreen(call, parse(blankEquipment), catalog, undefined),
    },
    { schoolId: "K1", schoolName: "开封示例职业学院" },
  ];
}

async function readBack(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const fillOf = (cell: ExcelJS.Cell) =>
  cell.fill?.type === "pattern" ? (cell.fill.fgColor?.argb ?? undefined) : undefined;
const textOf = (cell: ExcelJS.Cell) =>
  typeof cell.value === "object" && cell.value !== null && "text" in cell.value
    ? String(cell.value.text)
    : String(cell.value ?? "");
const linkOf = (cell: ExcelJS.Cell) =>
  typeof cell.value === "object" && cell.value !== null && "hyperlink" in cell.value
    ? cell.value.hyperlink
    : undefined;

describe("资格初审表: the table", () => {
  it("has one row per school in pinyin order and one column per condition, titled from the call's data", () => {
    const table = prescreenTable(sources(), eligibility);
    expect(table.rows.map((r) => r[1]?.value)).toEqual([
      "安阳示例职业学院",
      "开封示例职业学院",
      "郑州示例职业技术学院",
    ]);
    expect(table.headers.slice(0, 4)).toEqual([
      "序号",
      "学校名称",
      "申报专业",
      `条件1：${eligibility.conditions[0]?.title}（必备）`,
    ]);
    expect(table.headers.slice(3, 13)).toEqual(
      eligibility.conditions.map((c) => `条件${c.number}：${c.title}${c.mandatory ? "（必备）" : ""}`),
    );
    expect(table.headers.slice(13)).toEqual([
      "基本条件（条件1–4）",
      "条件5–10符合项数（须至少 4 项）",
      "遴选规则",
      "待专家判断细则数",
      "佐证材料页码核对",
      "佐证材料",
    ]);
  });

  it("takes another call's conditions and rule with no code change", () => {
    const other = Eligibility.parse({
      source: "某省2025年通知",
      rule: { mandatory: [1, 2], optional: { from: [5, 6, 7], atLeast: 2 } },
      engineeringCategories: [],
      conditions: [
        {
          number: 1,
          title: "规模",
          mandatory: true,
          criteria: [{ id: "1.1", kind: "expert", text: "规模适当" }],
        },
        {
          number: 2,
          title: "设备",
          mandatory: true,
          criteria: [{ id: "2.1", kind: "expert", text: "设备先进" }],
        },
        ...[5, 6, 7].map((n) => ({
          number: n,
          title: `第${n}项`,
          mandatory: false,
          criteria: [{ id: `${n}.1`, kind: "expert" as const, text: "由专家看" }],
        })),
      ],
    });
    const otherCall = { id: "other-2025", eligibility: other };
    const table = prescreenTable(
      [
        {
          schoolId: "X",
          schoolName: "某学院",
          result: prescreen(otherCall, parse(passingInput()), catalog, undefined),
        },
      ],
      other,
    );
    expect(table.headers).toEqual([
      "序号",
      "学校名称",
      "申报专业",
      "条件1：规模（必备）",
      "条件2：设备（必备）",
      "条件5：第5项",
      "条件6：第6项",
      "条件7：第7项",
      "基本条件（条件1、2）",
      "条件5–7符合项数（须至少 2 项）",
      "遴选规则",
      "待专家判断细则数",
      "佐证材料页码核对",
      "佐证材料",
    ]);
    expect(table.rows[0]?.slice(3, 8).map((c) => [c.value, c.status])).toEqual(
      Array.from({ length: 5 }, (_, i) => [
        `待专家判断\n【待专家判断】${["1.1", "2.1", "5.1", "6.1", "7.1"][i]} ${["规模适当", "设备先进", "由专家看", "由专家看", "由专家看"][i]}`,
        "expert",
      ]),
    );
  });
});

describe("资格初审表: the workbook", () => {
  it("colours each condition by its status and states criteria, expected vs found and pages", async () => {
    const workbook = await readBack(await prescreenWorkbook(prescreenTable(sources(), eligibility)));
    const sheet = workbook.getWorksheet("资格初审表");
    if (!sheet) throw new Error("no main sheet");
    expect(sheet.getCell("A1").value).toBe("资格初审表（申报条件机器初审，供评审专家参考）");
    expect(sheet.getRow(3).getCell(2).value).toBe("学校名称");

    const zhengzhou = sheet.getRow(6);
    expect(zhengzhou.getCell(2).value).toBe("郑州示例职业技术学院");
    // Conditions 1–10 in columns D–M: 待专家判断, 符合, 待专家判断, 待专家判断, 待专家判断, 待专家判断, 符合, 符合, 不符合, 不符合.
    const statuses = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(
      (c) => textOf(zhengzhou.getCell(c)).split("\n")[0],
    );
    expect(statuses).toEqual([
      "待专家判断",
      "符合",
      "待专家判断",
      "待专家判断",
      "待专家判断",
      "待专家判断",
      "符合",
      "符合",
      "不符合",
      "不符合",
    ]);
    expect(fillOf(zhengzhou.getCell(5))).toBe(STATUS_FILLS.met);
    expect(fillOf(zhengzhou.getCell(4))).toBe(STATUS_FILLS.expert);
    expect(fillOf(zhengzhou.getCell(12))).toBe(STATUS_FILLS["not-met"]);
    const nine = textOf(zhengzhou.getCell(12));
    expect(nine).toContain("【不符合】9.4");
    expect(nine).toContain("要求 ≥ 1000 人次");
    expect(nine).toContain("2021年面向社会培训人次：860 人次");
    expect(nine).toContain("佐证第 16 页");
    expect(textOf(zhengzhou.getCell(6))).toContain("【符合】3.3 ");
    expect(textOf(zhengzhou.getCell(6))).toContain("佐证第 8-9 页");
    // Overall: basic conditions met, 4 of 6, rule satisfied.
    expect(zhengzhou.getCell(14).value).toBe("满足");
    expect(fillOf(zhengzhou.getCell(14))).toBe(STATUS_FILLS.met);
    expect(zhengzhou.getCell(15).value).toBe("4/6");
    expect(String(zhengzhou.getCell(16).value).split("\n")[0]).toBe("满足");
    expect(typeof zhengzhou.getCell(17).value).toBe("number");

    const anyang = sheet.getRow(4);
    expect(textOf(anyang.getCell(6)).split("\n")[0]).toBe("资料不全");
    expect(textOf(anyang.getCell(6))).toContain("【资料不全】3.3");
    expect(fillOf(anyang.getCell(6))).toBe(STATUS_FILLS.incomplete);
    expect(anyang.getCell(14).value).toBe("资料不全，尚不能判断");
    expect(String(anyang.getCell(18).value)).toContain("尚无已受理的佐证材料");
    expect(anyang.getCell(19).value).toBe("尚无已受理的佐证材料");

    const kaifeng = sheet.getRow(5);
    expect(kaifeng.getCell(4).value).toBe("尚未填写申报书");
    expect(fillOf(kaifeng.getCell(4))).toBe(STATUS_FILLS.incomplete);
  });

  it("freezes the heads and the school's name, and prints A4 landscape with the heads on every page", async () => {
    const workbook = await readBack(await prescreenWorkbook(prescreenTable(sources(), eligibility)));
    const sheet = workbook.getWorksheet("资格初审表");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 3, xSplit: 2 });
    expect(sheet?.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      printTitlesRow: "3:3",
    });
    // The legend names each colour.
    const legend = sheet?.getRow(2);
    expect(
      [3, 4, 5, 6].map((c) => [legend?.getCell(c).value, fillOf(legend?.getCell(c) as ExcelJS.Cell)]),
    ).toEqual([
      ["符合", STATUS_FILLS.met],
      ["不符合", STATUS_FILLS["not-met"]],
      ["待专家判断", STATUS_FILLS.expert],
      ["资料不全", STATUS_FILLS.incomplete],
    ]);
  });

  it("links every cited page to the evidence PDF in the bundle at that page", async () => {
    const table = prescreenTable(sources(), eligibility);
    const workbook = await readBack(await prescreenWorkbook(table));
    const main = workbook.getWorksheet("资格初审表");
    const zhengzhou = main?.getRow(6);
    // A condition's cell opens the evidence at its first cited page: condition 3 cites 8–9 (centre) and 17–18.
    expect(linkOf(zhengzhou?.getCell(6) as ExcelJS.Cell)).toBe(`${EVIDENCE_PATH}#page=8`);
    expect(linkOf(zhengzhou?.getCell(19) as ExcelJS.Cell)).toBe(EVIDENCE_PATH);
    // The school without accepted evidence has no link anywhere.
    const anyang = main?.getRow(4);
    for (let c = 1; c <= 19; c++) expect(linkOf(anyang?.getCell(c) as ExcelJS.Cell)).toBeUndefined();

    const index = workbook.getWorksheet("佐证页码索引");
    if (!index) throw new Error("no index sheet");
    const rows: { school: string; item: string; pages: { text: string; link: string | undefined }[] }[] = [];
    index.eachRow((row, n) => {
      if (n === 1) return;
      const pages: { text: string; link: string | undefined }[] = [];
      for (let c = 4; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        if (cell.value !== null) pages.push({ text: textOf(cell), link: linkOf(cell) });
      }
      rows.push({ school: String(row.getCell(1).value), item: String(row.getCell(2).value), pages });
    });
    const zz = rows.filter((r) => r.school === "郑州示例职业技术学院");
    // Every cited page is its own link to exactly that page.
    const links = zz.flatMap((r) => r.pages);
    expect(links.length).toBeGreaterThan(20);
    for (const p of links) expect(p.link).toBe(`${EVIDENCE_PATH}#page=${p.text.replace(/\D/g, "")}`);
    expect(zz.find((r) => r.item.startsWith("条件3 · 3.3"))?.pages.map((p) => p.text)).toEqual([
      "第8页",
      "第9页",
    ]);
    expect(zz.find((r) => r.item.startsWith("条件9 · 9.4"))?.pages.map((p) => p.link)).toEqual([
      `${EVIDENCE_PATH}#page=16`,
    ]);
    // Pages the Anyang form cites are listed without links: it has no accepted evidence.
    const ay = rows.filter((r) => r.school === "安阳示例职业学院").flatMap((r) => r.pages);
    expect(ay.length).toBeGreaterThan(0);
    expect(ay.every((p) => p.link === undefined)).toBe(true);
    expect(rows.some((r) => r.school === "开封示例职业学院")).toBe(false);
  });
});

describe("资格初审表: CSV", () => {
  it("is UTF-8 with a byte-order mark, the same heads, and defuses formula-like school text", () => {
    const list = sources();
    list.push({ schoolId: "E1", schoolName: '=HYPERLINK("http://evil")职业学院' });
    const csv = prescreenCsv(prescreenTable(list, eligibility));
    expect(csv.startsWith("\uFEFF序号,学校名称,申报专业,条件1：")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines.filter(Boolean)).toHaveLength(1 + 4);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil"")职业学院"');
    expect(csv).toContain("佐证第 16 页");
    expect(csv).toContain(EVIDENCE_PATH);
  });
});
