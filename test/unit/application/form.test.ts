import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateApplicationDetails } from "../../../shared/application/details.ts";
import { figureSpellings, parseFigure } from "../../../shared/application/figures.ts";
import { missingFields } from "../../../shared/application/form-complete.ts";
import { detailsFromForm } from "../../../shared/application/form-details.ts";
import { parseApplicationForm } from "../../../shared/application/form-parse.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { CallDefinition } from "../../../shared/call/schema.ts";
import { fieldLabel } from "../../../shared/messages/form.ts";
import { appears, normalizeText } from "../../../shared/prescreen/evidence-check.ts";
import { PARTNER1_CODE, parse, passingInput, SCHOOL_CODE } from "../prescreen/fixtures.ts";

describe("the 申报书 form", () => {
  it("accepts an empty draft and a partial one", () => {
    expect(parseApplicationForm({})).toEqual({ ok: true, form: {} });
    expect(parseApplicationForm({ conditions: { schoolFullTimeStudents: "1.5万" } })).toEqual({
      ok: true,
      form: { conditions: { schoolFullTimeStudents: 15000 } },
    });
  });

  it("stores what people type in normalised form", () => {
    const form = parse(passingInput());
    expect(form.conditions?.schoolFullTimeStudents).toBe(16500);
    expect(form.conditions?.initialEmploymentRate).toBe(92.5);
    expect(form.conditions?.pages).toEqual([4, 5]);
    expect(form.centre?.pages).toEqual([8, 9]);
    expect(form.basic?.school?.pages).toEqual([1]);
    expect(form.basic?.partners?.[1]?.pages).toEqual([3]);
    expect(form.basic?.school?.founded).toBe("1998-09");
    expect(form.basic?.partners?.[0]?.founded).toBe("2012-05-18");
    expect(form.conditions?.partners?.[0]?.industryEducationEnterprise).toBe(true);
    expect(form.competitions?.awards?.[1]?.year).toBe(2022);
    expect(form.supplement?.enterpriseTeachingShare).toBe(35);
  });

  it("normalises credit codes as typed and checks them by GB 32100", () => {
    const spaced = `${PARTNER1_CODE.slice(0, 6)} ${PARTNER1_CODE.slice(6)}`.toLowerCase();
    const ok = parseApplicationForm({ basic: { partners: [{ creditCode: spaced }] } });
    expect(ok.ok && ok.form.basic?.partners?.[0]?.creditCode).toBe(PARTNER1_CODE);

    const wrongCheck = `${SCHOOL_CODE.slice(0, 17)}${SCHOOL_CODE.endsWith("0") ? "1" : "0"}`;
    const r = parseApplicationForm({
      basic: { school: { creditCode: wrongCheck }, partners: [{}, { creditCode: "123" }] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.findings).toEqual([
      {
        path: "basic.school.creditCode",
        label: "学校统一社会信用代码",
        message: `统一社会信用代码“${wrongCheck}”的校验位不正确：按 GB 32100-2015 计算，最后一位应为“${SCHOOL_CODE.slice(17)}”，请核对是否抄错。`,
      },
      {
        path: "basic.partners.1.creditCode",
        label: "合作企业（2）企业统一社会信用代码",
        message: "统一社会信用代码“123”格式不正确：应为 18 位数字或大写字母（不含 I、O、Z、S、V）。",
      },
    ]);
  });

  it("reports every malformed field at once, in Chinese, and yields no form (nothing saved half)", () => {
    const r = parseApplicationForm({
      conditions: { schoolFullTimeStudents: "很多", initialEmploymentRate: "120%", pages: "十二" },
      centre: { equipmentValue: -3 },
      supplement: { provincialKeyGroup: "也许" },
      basic: { level: "中职", school: { contact: { email: "not-an-email" } } },
      competitions: { awards: [{ year: "23年" }] },
      socialTraining: { perYear: { 二〇二一: 100 } },
      extra: 1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path, `${f.label}：${f.message}`]));
    expect(byPath).toEqual({
      "conditions.schoolFullTimeStudents": "学校全日制在校生规模：应填写数字，例如 15000、15,000 或 1.5万。",
      "conditions.initialEmploymentRate": "专业群初次就业率：百分比应在 0 到 100 之间。",
      "conditions.pages":
        "申报条件佐证材料页码：无法识别页码“十二”；请填写数字页码，例如“12”“12-14”“12、15”“第12页”。",
      "centre.equipmentValue": "仪器设备总值：不能为负数。",
      "supplement.provincialKeyGroup": "是否省级“双高”专业群或省级示范性专业点：请选择“是”或“否”。",
      "basic.level": "办学层次：请从以下选项中选择：专科、本科。",
      "basic.school.contact.email": "联系人电子信箱：电子信箱格式不正确。",
      "competitions.awards.0.year": "获奖年度：年份应为四位数字，例如 2023。",
      "socialTraining.perYear.二〇二一": expect.stringContaining("年份应为四位数字"),
      extra: "extra：表单中没有此项。",
    });
  });

  it("says in Chinese how many rows a list may have, with or without a list's own message", () => {
    const r = parseApplicationForm({
      basic: { partners: [{}, {}, {}] },
      onePlusX: { related: Array.from({ length: 21 }, () => ({ holders: 1 })) },
      supplement: { leaders: Array.from({ length: 21 }, () => ({ name: "张三" })) },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.findings.map((f) => [f.path, f.message]))).toEqual({
      "basic.partners": "合作企业最多填写 2 家。",
      "onePlusX.related": "最多填写 20 项。",
      "supplement.leaders": "最多填写 20 项。",
    });
  });
  it("lists what a draft still lacks, and nothing for a finished form", () => {
    const empty = missingFields(parse({}));
    const paths = empty.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "basic.partners.0",
        "basic.partners.1",
        "basic.school.creditCode",
        "centre.equipmentValue",
        "socialTraining.perYear.2021",
      ]),
    );
    expect(empty.find((f) => f.path === "socialTraining.perYear.2021")?.message).toBe(
      "尚未填写“2021年面向社会培训人次”。",
    );
    expect(empty.find((f) => f.path === "basic.partners.1")?.message).toBe("尚未填写合作企业（2）的信息。");
    expect(missingFields(parse(passingInput()))).toEqual([]);

    const input = passingInput();
    if (input.conditions?.partners?.[1]) delete input.conditions.partners[1].pages;
    expect(missingFields(parse(input))).toEqual([
      {
        path: "conditions.partners.1.pages",
        label: "合作企业（2）情况佐证材料页码",
        message: "尚未填写“合作企业（2）情况佐证材料页码”。",
      },
    ]);
  });

  it("gives the summary table's details (附件3) from the same form", () => {
    const form = parse(passingInput());
    const details = detailsFromForm(form);
    expect(details).toEqual({
      servedMajorGroup: "会计信息管理专业群",
      partner1: "河南示例数智科技有限公司（国家专精特新“小巨人”企业、河南省数字化转型示范企业）",
      partner2: "中原示例财务软件股份有限公司（中国500强企业）",
      contactName: "李敏",
      contactPhone: "13812345678",
    });
    const call = CallDefinition.parse(HENAN_2024);
    const v = validateApplicationDetails(
      details,
      { schoolId: "s1", contactName: "张三", phone: "0371-60000000" },
      { call },
    );
    expect(v.ok).toBe(true);
  });
});

describe("figures as typed and as printed", () => {
  it.each([
    ["15000", 15000],
    ["15,000", 15000],
    ["１５０００", 15000],
    ["1.5万", 15000],
    ["92.5%", 92.5],
    ["80 ％", 80],
    [42, 42],
  ] as const)("reads %j", (input, value) => {
    expect(parseFigure(input)).toBe(value);
  });
  it.each(["", "1,50", "十五", "1.2.3", "--5"])("refuses %j", (input) => {
    expect(parseFigure(input)).toBeUndefined();
  });
  it("spells a figure the usual ways", () => {
    expect(figureSpellings(15000)).toEqual(["15000", "15,000", "1.5万"]);
    expect(figureSpellings(86.5, "万元")).toEqual(["86.5", "865000", "865,000", "86.5万"]);
  });
});

/** Every leaf of a value with its path, array indices as numbers. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== "object")
      ? [path]
      : value.flatMap((v, i) => leaves(v, [...path, i]));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

describe("the form's Chinese labels", () => {
  it("name every field of a filled-in form", () => {
    const form = parse(passingInput());
    const paths = leaves(form);
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) {
      const label = fieldLabel(path);
      expect(label, path.join(".")).not.toBe(path.join("."));
      expect(label, path.join(".")).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("figures found in evidence text", () => {
  it("finds a figure in each of its usual spellings, and not inside a longer number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (n) => {
        const claim = { kind: "figure" as const, label: "人数", value: n, unit: "人" };
        const grouped = n.toLocaleString("en-US");
        expect(appears(claim, normalizeText(`在校生 ${n} 人`))).toBe(true);
        expect(appears(claim, normalizeText(`在校生 ${grouped} 人`))).toBe(true);
        if (n >= 10_000) expect(appears(claim, normalizeText(`在校生 ${n / 10_000}万 人`))).toBe(true);
        expect(appears(claim, normalizeText(`编号 ${n}7 页`))).toBe(false);
        expect(appears(claim, normalizeText(`编号 1${grouped} 页`))).toBe(false);
      }),
    );
  });
});
