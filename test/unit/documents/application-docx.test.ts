import { describe, expect, it } from "vitest";
import { loadCallFrom } from "../../../shared/call/load-call.ts";
import { PLAN_HEADINGS } from "../../../shared/checks/plan-outline.ts";
import { applicationDocx } from "../../../shared/documents/application-docx.ts";
import { planDocx } from "../../../shared/documents/plan-docx.ts";
import {
  all,
  docxPart,
  first,
  paragraphs,
  tables,
  textOf,
  visibleCells,
  type XmlNode,
} from "../../helpers/docx-xml.ts";
import { PARTNER1_CODE, PARTNER2_CODE, parse, passingInput, SCHOOL_CODE } from "../prescreen/fixtures.ts";

const { call, catalog } = loadCallFrom({});
const school = { name: "郑州示例职业技术学院", level: "专科" as const };
const full = parse(passingInput());

const build = (form = full) => applicationDocx({ form, school, catalog, call, month: "2024-11" });

/** The cell right of the first cell whose text is `label`, in any row of any table. */
function valueAfter(doc: XmlNode, label: string, nth = 0): string | undefined {
  const hits = tables(doc)
    .flat()
    .filter((row) => row.includes(label));
  const row = hits[nth];
  return row?.[row.indexOf(label) + 1];
}

function rowStarting(doc: XmlNode, cells: string[]): string[] | undefined {
  return tables(doc)
    .flat()
    .find((row) => cells.every((c, i) => row[i] === c));
}

describe("applicationDocx: typesetting", () => {
  it("is A4 with GB/T 9704 margins (37/35/28/26 mm)", async () => {
    const doc = await docxPart(await build());
    const sect = first(doc, "w:sectPr") as XmlNode;
    expect(first(sect, "w:pgSz")?.attrs).toMatchObject({ "w:w": "11906", "w:h": "16838" });
    expect(first(sect, "w:pgMar")?.attrs).toMatchObject({
      "w:top": "2098",
      "w:bottom": "1984",
      "w:left": "1587",
      "w:right": "1474",
    });
  });

  it("sets every table run in 仿宋_GB2312 (FangSong for Latin) 小四 at exactly 16 pt", async () => {
    const doc = await docxPart(await build());
    const runs = all(doc, "w:tbl").flatMap((t) => all(t, "w:r"));
    expect(runs.length).toBeGreaterThan(300);
    for (const r of runs) {
      expect(first(r, "w:rFonts")?.attrs).toMatchObject({
        "w:eastAsia": "仿宋_GB2312",
        "w:ascii": "FangSong",
        "w:hAnsi": "FangSong",
      });
      expect(first(r, "w:sz")?.attrs["w:val"]).toBe("24");
    }
    for (const p of visibleCells(doc).flatMap((tc) => all(tc, "w:p"))) {
      expect(first(p, "w:spacing")?.attrs).toMatchObject({ "w:line": "320", "w:lineRule": "exact" });
    }
  });

  it("sets the body paragraphs (填写要求, 声明) in 仿宋_GB2312 小四 at 16 pt, and makes that the default style", async () => {
    const docx = await build();
    const doc = await docxPart(docx);
    const body = (first(doc, "w:body") as XmlNode).children.filter((n) => n.tag === "w:p");
    const requirement = body.find((p) => textOf(p).startsWith("四、文字内容的字体")) as XmlNode;
    expect(first(requirement, "w:rFonts")?.attrs["w:eastAsia"]).toBe("仿宋_GB2312");
    expect(first(requirement, "w:sz")?.attrs["w:val"]).toBe("24");
    expect(first(requirement, "w:spacing")?.attrs).toMatchObject({ "w:line": "320", "w:lineRule": "exact" });
    const styles = await docxPart(docx, "word/styles.xml");
    const defaults = first(styles, "w:docDefaults") as XmlNode;
    expect(first(defaults, "w:rFonts")?.attrs["w:eastAsia"]).toBe("仿宋_GB2312");
    expect(first(defaults, "w:sz")?.attrs["w:val"]).toBe("24");
    expect(first(defaults, "w:spacing")?.attrs).toMatchObject({ "w:line": "320", "w:lineRule": "exact" });
  });
});

describe("applicationDocx: content of a realistic form", () => {
  it("fills the cover, from the form and the catalog", async () => {
    const text = paragraphs(await docxPart(await build()));
    expect(text).toContain("申报单位：郑州示例职业技术学院");
    expect(text).toContain("办学层次：□高职（本科）  ☑高职（专科）");
    expect(text).toContain("申报专业：会计信息管理");
    expect(text).toContain("中心服务专业（群）：会计信息管理专业群");
    expect(text).toContain("申报专业大类：财经商贸大类");
    expect(text).toContain("申报专业类：财务会计类");
    expect(text).toContain("联 系 人：李敏");
    expect(text).toContain("联系电话：13812345678");
    expect(text).toContain("河南省教育厅  河南省财政厅 制");
    expect(text).toContain("2024年11月");
    expect(text).toContain("填 写 要 求");
    expect(text).toContain(
      "郑州示例职业技术学院对河南省职业教育高水平专业化产教融合实训中心的《申报书》及相关佐证材料内容的真实性和准确性负责。",
    );
    for (const line of ["单位名称（盖章）：", "法定代表人（签字）：", "年    月    日"])
      expect(text).toContain(line);
  });

  it("writes every figure of 一、基本情况 with its page reference", async () => {
    const doc = await docxPart(await build());
    expect(valueAfter(doc, "申报实训中心名称")).toBe(
      "河南省职业教育高水平专业化产教融合实训中心建设（会计信息管理专业）",
    );
    expect(valueAfter(doc, "学校名称")).toBe("郑州示例职业技术学院");
    expect(valueAfter(doc, "隶属关系")).toBe("河南省教育厅");
    expect(valueAfter(doc, "建校时间")).toBe("1998年9月");
    expect(valueAfter(doc, "学校性质")).toBe("☑公办  □民办");
    expect(valueAfter(doc, "通讯地址")).toBe("郑州市金水区示例路1号");
    const codes = tables(doc)
      .flat()
      .filter((r) => r.includes("统一社会信用代码"));
    expect(codes.map((r) => r[r.indexOf("统一社会信用代码") + 1])).toEqual([
      SCHOOL_CODE,
      PARTNER1_CODE,
      PARTNER2_CODE,
    ]);
    expect(codes.map((r) => r[r.indexOf("佐证材料页码") + 1])).toEqual(["1", "2", "3"]);
    expect(valueAfter(doc, "姓    名", 0)).toBe("王建国");
    expect(valueAfter(doc, "职    务", 0)).toBe("院长");
    expect(valueAfter(doc, "办公电话", 0)).toBe("0371-61234567");
    expect(valueAfter(doc, "姓    名", 1)).toBe("李敏");
    expect(valueAfter(doc, "职    务", 1)).toBe("教务处处长");
    expect(valueAfter(doc, "办公电话", 1)).toBe("0371-61234568");
    expect(valueAfter(doc, "手    机", 0)).toBe("13812345678");
    expect(valueAfter(doc, "电子信箱", 0)).toBe("limin@example.edu.cn");
    expect(valueAfter(doc, "企业名称", 0)).toBe("河南示例数智科技有限公司");
    expect(valueAfter(doc, "企业称号或荣誉", 0)).toBe("国家专精特新“小巨人”企业；河南省数字化转型示范企业");
    expect(valueAfter(doc, "成立时间", 0)).toBe("2012年5月18日");
    expect(valueAfter(doc, "企业性质", 0)).toBe("民营企业");
    expect(valueAfter(doc, "姓    名", 2)).toBe("赵刚");
    expect(valueAfter(doc, "职    务", 2)).toBe("董事长");
    expect(valueAfter(doc, "手    机", 1)).toBe("13912345678");
    expect(valueAfter(doc, "姓    名", 3)).toBe("钱芳");
    expect(valueAfter(doc, "企业名称", 1)).toBe("中原示例财务软件股份有限公司");
    expect(valueAfter(doc, "企业称号或荣誉", 1)).toBe("中国500强企业");
    expect(valueAfter(doc, "成立时间", 1)).toBe("2005年");
    expect(valueAfter(doc, "企业性质", 1)).toBe("股份有限公司");
    expect(valueAfter(doc, "姓    名", 4)).toBe("孙亮");
    expect(valueAfter(doc, "姓    名", 5)).toBe("周洁");
    expect(valueAfter(doc, "手    机", 2)).toBe("13712345678");
  });

  it("writes every figure of 二、申报条件 with its page reference", async () => {
    const doc = await docxPart(await build());
    expect(rowStarting(doc, ["学校", "16500人", "4-5"])).toBeDefined();
    expect(rowStarting(doc, ["申报专业名称", "会计信息管理", "1200人"])).toBeDefined();
    expect(rowStarting(doc, ["专业群内专业", "1. 大数据与会计", "1100人"])).toBeDefined();
    expect(rowStarting(doc, ["2. 财务管理", "900人"])).toBeDefined();
    expect(rowStarting(doc, ["3.", ""])).toBeDefined();
    expect(valueAfter(doc, "专业群初次就业率")).toBe("92.5%");
    expect(valueAfter(doc, "专业群对口就业率")).toBe("81%");
    expect(rowStarting(doc, ["产教融合型企业", "☑是  □否", "6"])).toBeDefined();
    expect(rowStarting(doc, ["产教融合型企业", "□是  ☑否", "7"])).toBeDefined();
    expect(valueAfter(doc, "行业龙头企业", 0)).toBe("□是  ☑否");
    expect(valueAfter(doc, "行业龙头企业", 1)).toBe("☑是  □否");
    expect(valueAfter(doc, "开始合作时间", 0)).toBe("2018年9月");
    expect(valueAfter(doc, "开始合作时间", 1)).toBe("2019年");
    expect(valueAfter(doc, "合作内容", 0)).toBe("共建财务共享中心实训室");
    expect(valueAfter(doc, "合作成效", 0)).toBe("订单班三届");
    expect(valueAfter(doc, "合作内容", 1)).toBe("");

    expect(rowStarting(doc, ["建筑面积", "1800m²", "8-9"])).toBeDefined();
    const centre: [string, string][] = [
      ["实训工位", "420个"],
      ["虚拟仿真实训室", ""],
      ["信息化实训教学资源", ""],
      ["仪器设备总值", "86.5万元"],
      ["主要仪器设备（含软件）", "460台（套）"],
      ["开设实训项目", "52个"],
      ["实验（实训）开出率", "100%"],
      ["实训教学师资团队", "38人"],
      ["中心双师素质教师占比/高级职称教师比例", "62% / 31%"],
      ["专职管理人员", "0人"],
      ["实训中心管理制度", "12个"],
      ["实训指导教程", "6本"],
      ["承担学生日常教学实训", ""],
    ];
    for (const [label, value] of centre) expect([label, valueAfter(doc, label)]).toEqual([label, value]);

    expect(rowStarting(doc, ["年度", "获奖等级", "学生所在专业", "10-12"])).toBeDefined();
    expect(rowStarting(doc, ["2023年", "国家级三等奖", "会计信息管理"])).toBeDefined();
    expect(rowStarting(doc, ["2022年", "省级一等奖", "大数据与会计"])).toBeDefined();
    expect(rowStarting(doc, ["2021年", "省级一等奖", "会计信息管理"])).toBeDefined();
    expect(rowStarting(doc, ["2022年", "省级二等奖", "财务管理"])).toBeDefined();

    expect(rowStarting(doc, ["学校", "教育行政部门下达的任务数", "300人", "13"])).toBeDefined();
    expect(rowStarting(doc, ["实际取证人数", "342人"])).toBeDefined();
    expect(rowStarting(doc, ["业财一体信息化应用", "120人", "14"])).toBeDefined();

    expect(rowStarting(doc, ["培训", "500人次", "520人次", "15"])).toBeDefined();
    expect(rowStarting(doc, ["取证", "300人", "310人"])).toBeDefined();
    expect(rowStarting(doc, ["高级工及以上取证", "50人", "52人"])).toBeDefined();

    expect(rowStarting(doc, ["2021年", "860人次", "16"])).toBeDefined();
    expect(rowStarting(doc, ["2022年", "1500人次"])).toBeDefined();
    expect(rowStarting(doc, ["2023年", "2100人次"])).toBeDefined();

    // 经费投入: zeros entered are written (0 is a figure), channels not entered stay blank.
    expect(rowStarting(doc, ["2021年", "财政投入", "0", "0"])).toBeDefined();
    expect(rowStarting(doc, ["事业收入投入", ""])).toBeDefined();
    expect(rowStarting(doc, ["2023年", "财政投入", "0", "0"])).toBeDefined();
  });

  it("writes 三、建设规划 with row and column totals, and leaves 四、推荐意见 to be signed", async () => {
    const doc = await docxPart(await build());
    expect(rowStarting(doc, ["投入\n计划\n（万元）", "途径", "2024年", "2025年", "合计"])).toBeDefined();
    expect(rowStarting(doc, ["市县财政投入", "100", "", "100"])).toBeDefined();
    expect(rowStarting(doc, ["学校自筹", "200", "150", "350"])).toBeDefined();
    expect(rowStarting(doc, ["企业投入", "", "80", "80"])).toBeDefined();
    expect(rowStarting(doc, ["社会捐赠", "", "", ""])).toBeDefined();
    expect(rowStarting(doc, ["合计", "300", "230", "530"])).toBeDefined();
    expect(valueAfter(doc, "预期\n成效")).toBe("建成省内一流的智能财税产教融合实训中心。");
    const opinions = tables(doc).at(-1) as string[][];
    expect(opinions.map((r) => r[0])).toEqual([
      "学校意见",
      "企业意见",
      "省辖市、济源示范区、航空港区（市）\n财政局意见",
      "省辖市、济源示范区、航空港区（市）\n教育局意见",
    ]);
    for (const row of opinions) expect(row[1]).toContain("（公章）");
    expect(opinions[1]?.[1]).toContain("企业（2）负责人签名：");
  });

  it("grows the tables with the data: 9 awards and 7 certificates get a row each", async () => {
    const input = passingInput();
    input.competitions = {
      pages: "10",
      awards: Array.from({ length: 9 }, (_, i) => ({
        year: 2015 + i,
        level: "省级二等奖" as const,
        major: `专业${i}`,
      })),
    };
    input.onePlusX = {
      related: Array.from({ length: 7 }, (_, i) => ({
        certificate: `证书${i}`,
        holders: 10 + i,
        pages: 20 + i,
      })),
    };
    const doc = await docxPart(await build(parse(input)));
    for (let i = 0; i < 9; i++)
      expect(rowStarting(doc, [`${2015 + i}年`, "省级二等奖", `专业${i}`])).toBeDefined();
    for (let i = 0; i < 7; i++)
      expect(rowStarting(doc, [`证书${i}`, `${10 + i}人`, String(20 + i)])).toBeDefined();
  });
});

describe("applicationDocx: a form with missing sections", () => {
  it("still produces the document, the cells of what is not entered blank and no placeholder", async () => {
    const form = parse({ basic: { major: "会计信息管理" } });
    const doc = await docxPart(await build(form));
    const text = paragraphs(doc);
    expect(text).toContain("申报专业大类：财经商贸大类");
    expect(text).toContain("中心服务专业（群）：");
    expect(text).toContain("联系电话：");
    expect(text).toContain("办学层次：□高职（本科）  ☑高职（专科）"); // the registered level
    expect(valueAfter(doc, "申报实训中心名称")).toBe("");
    expect(valueAfter(doc, "学校名称")).toBe("郑州示例职业技术学院"); // as registered
    expect(valueAfter(doc, "建校时间")).toBe("");
    expect(valueAfter(doc, "学校性质")).toBe("□公办  □民办");
    expect(rowStarting(doc, ["学校", "", ""])).toBeDefined();
    expect(valueAfter(doc, "建筑面积")).toBe("");
    expect(rowStarting(doc, ["2021年", "财政投入", "", ""])).toBeDefined();
    expect(rowStarting(doc, ["合计", "", "", ""])).toBeDefined();
    expect(valueAfter(doc, "预期\n成效")).toBe("");
    const cells = tables(doc).flat(2);
    expect(cells.some((c) => /XX|××|待填|undefined|NaN|null/.test(c))).toBe(false);
    expect(tables(doc).length).toBe(4);
  });
});

describe("planDocx", () => {
  it("has the school's title, the centre's name, 附件2's five headings in order and the budget table", async () => {
    const docx = await planDocx({ form: full, school });
    const doc = await docxPart(docx);
    const text = paragraphs(doc);
    expect(text[0]).toBe("郑州示例职业技术学院职业教育高水平专业化产教融合实训中心建设方案");
    expect(text).toContain(
      "实训中心名称：河南省职业教育高水平专业化产教融合实训中心建设（会计信息管理专业）",
    );
    const positions = PLAN_HEADINGS.map((h) => text.indexOf(h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(tables(doc)).toEqual([
      [
        ["途径", "2024年", "2025年", "合计"],
        ["市县财政投入", "100", "", "100"],
        ["学校自筹", "200", "150", "350"],
        ["企业投入", "", "80", "80"],
        ["社会捐赠", "", "", ""],
        ["合计", "300", "230", "530"],
      ],
    ]);
    const sect = first(doc, "w:sectPr") as XmlNode;
    expect(first(sect, "w:pgSz")?.attrs).toMatchObject({ "w:w": "11906", "w:h": "16838" });
  });
});
