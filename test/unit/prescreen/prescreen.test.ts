import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ApplicationFormInput } from "../../../shared/application/form.ts";
import { Eligibility, type EligibilityInput } from "../../../shared/call/eligibility.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { NoEligibilityError, prescreen } from "../../../shared/prescreen/prescreen.ts";
import type { EvidenceFacts, EvidencePage, PrescreenResult } from "../../../shared/prescreen/types.ts";
import { PARTNER1_CODE, parse, passingInput } from "./fixtures.ts";

const { call, catalog } = resolveCall(HENAN_2024);

const statuses = (r: PrescreenResult) =>
  Object.fromEntries(r.conditions.map((c) => [c.number, c.statusLabel]));
const criterion = (r: PrescreenResult, id: string) => {
  const found = r.conditions.flatMap((c) => c.criteria).find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
};

/** 20 text pages saying what the fixture claims where it cites it, unless a test replaces a page. */
function evidence(pageCount = 20, replace: Record<number, EvidencePage> = {}): EvidenceFacts {
  const text: Record<number, string> = {
    1: `郑州示例职业技术学院 事业单位法人证书 统一社会信用代码 ${passingInput().basic?.school?.creditCode}`,
    2: `营业执照 名称：河南示例数智科技有限公司 统一社会信用代码：${PARTNER1_CODE}`,
    4: "学校全日制在校生 16,500 人；申报专业在校生 1200 人；初次就业率 92.5%，对口就业率 81%。",
    8: "实训中心仪器设备总值 865,000 元，开出率 100%。",
  };
  const pages: EvidencePage[] = Array.from(
    { length: pageCount },
    (_, i) => replace[i + 1] ?? { kind: "text", text: text[i + 1] ?? `第${i + 1}页` },
  );
  return { pageCount, pages };
}

function withInput(change: (input: ApplicationFormInput) => void): ApplicationFormInput {
  const input = passingInput();
  change(input);
  return input;
}

describe("prescreen: the Henan 2024 conditions", () => {
  it("passes a college that meets 1–4 and exactly 4 of 5–10", () => {
    const r = prescreen(call, parse(passingInput()), catalog, evidence());
    expect(statuses(r)).toEqual({
      1: "待专家判断",
      2: "符合",
      3: "待专家判断",
      4: "待专家判断",
      5: "待专家判断",
      6: "待专家判断",
      7: "符合",
      8: "符合",
      9: "不符合",
      10: "不符合",
    });
    expect(r.overall).toMatchObject({
      basicConditionsMet: "yes",
      optionalMet: 4,
      optionalFrom: 6,
      optionalAtLeast: 4,
      ruleSatisfied: "yes",
    });
    expect(r.overall.expertPending).toBe(13);
    expect(r.overall.summary).toContain("第二部分条件符合 4/6 项");
    expect(criterion(r, "9.4")).toMatchObject({
      outcome: "not-met",
      expected: "≥ 1000 人次",
      found:
        "2021年面向社会培训人次：860 人次；2022年面向社会培训人次：1500 人次；2023年面向社会培训人次：2100 人次",
      pages: [16],
    });
    expect(criterion(r, "2.1")).toMatchObject({
      outcome: "met",
      found: "合计 3200 人（3 项）",
      pages: [4, 5],
    });
    expect(criterion(r, "1.1")).toMatchObject({ machine: false, outcome: "expert" });
  });

  it("fails a college with one optional condition fewer (3 of 5–10)", () => {
    const r = prescreen(
      call,
      parse(
        withInput((i) => {
          i.onePlusX = { ...i.onePlusX, certified: 280 };
        }),
      ),
      catalog,
      evidence(),
    );
    expect(criterion(r, "8.1")).toMatchObject({
      outcome: "not-met",
      expected: "≥ 下达任务数（300 人）",
      found: "280 人",
    });
    expect(r.overall).toMatchObject({ basicConditionsMet: "yes", optionalMet: 3, ruleSatisfied: "no" });
  });

  it("fails condition 3 on equipment value only because the major is 工科 (装备制造大类)", () => {
    const engineering = withInput((i) => {
      if (i.basic) i.basic.major = "数控技术";
    });
    const r = prescreen(call, parse(engineering), catalog, evidence());
    expect(statuses(r)[3]).toBe("不符合");
    const c = criterion(r, "3.3");
    expect(c.outcome).toBe("not-met");
    expect(c.expected).toContain("“数控技术”属装备制造大类，为工科类，适用 ≥ 100 万元");
    expect(c.found).toBe("86.5 万元");
    expect(r.overall).toMatchObject({ basicConditionsMet: "no", ruleSatisfied: "no" });
    // The same form with its 财经商贸大类 major passes condition 3's machine criteria.
    const other = prescreen(call, parse(passingInput()), catalog, evidence());
    expect(criterion(other, "3.3").outcome).toBe("met");
    expect(criterion(other, "3.3").expected).toContain("非工科类，适用 ≥ 60 万元");
  });

  it("leaves the equipment value undecided when the major is not in the catalog and the value is between thresholds", () => {
    const r = prescreen(
      call,
      parse(
        withInput((i) => {
          if (i.basic) i.basic.major = "智能会计";
        }),
      ),
      catalog,
      undefined,
    );
    expect(criterion(r, "3.3")).toMatchObject({ outcome: "incomplete", missing: ["basic.major"] });
    expect(criterion(r, "3.3").found).toContain("无法确定是否适用工科类标准");
    // Over both thresholds, the major does not matter.
    const rich = prescreen(
      call,
      parse(
        withInput((i) => {
          if (i.basic) i.basic.major = "智能会计";
          i.centre = { ...i.centre, equipmentValue: 120 };
        }),
      ),
      catalog,
      undefined,
    );
    expect(criterion(rich, "3.3").outcome).toBe("met");
  });

  it("says 资料不全 for an empty draft and names the fields to fill, never 符合 or 不符合", () => {
    const r = prescreen(call, parse({}), catalog, undefined);
    for (const c of r.conditions) expect(c.statusLabel).toBe("资料不全");
    expect(r.overall).toMatchObject({
      basicConditionsMet: "incomplete",
      optionalMet: 0,
      ruleSatisfied: "incomplete",
    });
    expect(criterion(r, "1.2")).toMatchObject({
      missing: ["conditions.schoolFullTimeStudents"],
      found: "未填写：学校全日制在校生规模",
    });
    expect(criterion(r, "1.2").fix).toBeTruthy();
  });

  it("decides partner titles: a listed title meets, an unlisted one goes to the experts, none is incomplete", () => {
    const listed = prescreen(call, parse(passingInput()), catalog, undefined);
    expect(criterion(listed, "4.2").outcome).toBe("met");
    const unlisted = prescreen(
      call,
      parse(
        withInput((i) => {
          const p = i.basic?.partners?.[1];
          if (p) p.titles = ["河南省优秀民营企业"];
        }),
      ),
      catalog,
      undefined,
    );
    expect(criterion(unlisted, "4.2").outcome).toBe("expert");
    expect(criterion(unlisted, "4.2").found).toContain("合作企业（2）：河南省优秀民营企业");
    const none = prescreen(
      call,
      parse(
        withInput((i) => {
          const p = i.basic?.partners?.[1];
          if (p) p.titles = [];
        }),
      ),
      catalog,
      undefined,
    );
    expect(criterion(none, "4.2")).toMatchObject({
      outcome: "incomplete",
      missing: ["basic.partners.1.titles"],
    });
  });

  it("counts only qualifying awards of the last five years", () => {
    const r = prescreen(
      call,
      parse(
        withInput((i) => {
          const a = i.competitions?.awards?.[2];
          if (a) a.year = 2019;
        }),
      ),
      catalog,
      undefined,
    );
    expect(criterion(r, "7.1")).toMatchObject({
      outcome: "not-met",
      found: "符合要求的 2 次（共填写 4 项）",
    });
  });

  it("refuses a call without eligibility conditions by a named error", () => {
    expect(() =>
      prescreen({ id: "bare-call", eligibility: undefined }, parse({}), catalog, undefined),
    ).toThrow(NoEligibilityError);
  });
});

describe("prescreen: evidence references", () => {
  const codes = (r: PrescreenResult, section: string) =>
    r.evidence.filter((f) => f.section === section).map((f) => f.code);

  it("confirms claims found on their cited text pages, in their usual spellings", () => {
    const r = prescreen(call, parse(passingInput()), catalog, evidence());
    expect(codes(r, "partners.1")).toEqual(["EVIDENCE_CLAIM_FOUND", "EVIDENCE_CLAIM_FOUND"]);
    expect(codes(r, "school")).toEqual(["EVIDENCE_CLAIM_FOUND", "EVIDENCE_CLAIM_FOUND"]);
    const conditions = r.evidence.filter((f) => f.section === "conditions");
    expect(conditions.map((f) => [f.code, f.pages])).toEqual([
      ["EVIDENCE_CLAIM_FOUND", [4]], // 16500 as "16,500"
      ["EVIDENCE_CLAIM_FOUND", [4]],
      ["EVIDENCE_CLAIM_FOUND", [4]],
      ["EVIDENCE_CLAIM_FOUND", [4]],
    ]);
    // 86.5 万元 written as 865,000 元
    expect(r.evidence.find((f) => f.section === "centre" && f.message.includes("仪器设备总值"))?.code).toBe(
      "EVIDENCE_CLAIM_FOUND",
    );
    expect(r.evidence.filter((f) => f.severity === "gap")).toEqual([]);
  });

  it("reports a page reference past the evidence's last page", () => {
    const input = withInput((i) => {
      if (i.supplement) i.supplement.pages = "17-22";
    });
    const r = prescreen(call, parse(input), catalog, evidence(20));
    const f = r.evidence.find((e) => e.code === "EVIDENCE_PAGE_OUT_OF_RANGE");
    expect(f).toMatchObject({
      section: "supplement",
      severity: "gap",
      pages: [21, 22],
      path: "supplement.pages",
    });
    expect(f?.message).toBe(
      "“补充信息（对照通知申报条件，附件1未设栏目）”引用的第 21-22 页超出佐证材料的页数（共 20 页）；请核对页码。",
    );
  });

  it("reports a section that must cite a page and does not", () => {
    const input = withInput((i) => {
      if (i.centre) delete i.centre.pages;
    });
    const r = prescreen(call, parse(input), catalog, evidence());
    const f = r.evidence.find((e) => e.code === "EVIDENCE_PAGES_MISSING");
    expect(f).toMatchObject({ section: "centre", severity: "gap", path: "centre.pages" });
    expect(f?.message).toContain("“现有实训中心基础情况”未填写佐证材料页码");
    expect(criterion(r, "3.3").pages).toEqual([]);
    // Without evidence accepted yet, the missing reference is still reported.
    expect(prescreen(call, parse(input), catalog, undefined).evidence.map((e) => e.code)).toEqual([
      "EVIDENCE_PAGES_MISSING",
    ]);
  });

  it("warns when a claimed company name is absent from its cited text page", () => {
    const r = prescreen(
      call,
      parse(passingInput()),
      catalog,
      evidence(20, {
        2: { kind: "text", text: `营业执照 名称：河南另一家科技有限公司 统一社会信用代码：${PARTNER1_CODE}` },
      }),
    );
    const partner = r.evidence.filter((f) => f.section === "partners.1");
    expect(partner.map((f) => [f.code, f.severity])).toEqual([
      ["EVIDENCE_CLAIM_NOT_FOUND", "warning"],
      ["EVIDENCE_CLAIM_FOUND", "info"],
    ]);
    expect(partner[0]?.message).toBe(
      "在所引第 2 页的文字中未找到企业名称“河南示例数智科技有限公司”；请核对页码或所填内容（仅供参考，不影响受理）。",
    );
    // A warning never changes a condition's status.
    expect(statuses(r)[4]).toBe("待专家判断");
  });

  it("marks a scanned cited page for manual checking instead of cross-checking it", () => {
    const r = prescreen(call, parse(passingInput()), catalog, evidence(20, { 2: { kind: "scanned" } }));
    const partner = r.evidence.filter((f) => f.section === "partners.1");
    expect(partner.map((f) => f.code)).toEqual(["EVIDENCE_PAGE_SCANNED"]);
    expect(partner[0]).toMatchObject({ severity: "manual", pages: [2] });
    expect(partner[0]?.message).toContain("扫描页，需人工核对");
  });
});

describe("prescreen: another call's conditions, with no code change", () => {
  const figure = (id: string, field: string, threshold: number) => ({
    id,
    kind: "figure" as const,
    text: `${field} ≥ ${threshold}`,
    fields: [field],
    op: ">=" as const,
    threshold,
    unit: "人",
  });
  const other: EligibilityInput = {
    source: "某省2025年通知",
    rule: { mandatory: [1, 2], optional: { from: [5, 6, 7, 8, 9], atLeast: 3 } },
    engineeringCategories: ["财经商贸大类"],
    conditions: [
      {
        number: 1,
        title: "规模",
        mandatory: true,
        criteria: [figure("1.1", "conditions.schoolFullTimeStudents", 10000)],
      },
      {
        number: 2,
        title: "设备",
        mandatory: true,
        criteria: [{ ...figure("2.1", "centre.equipmentValue", 50), engineeringThreshold: 80, unit: "万元" }],
      },
      {
        number: 5,
        title: "双师",
        mandatory: false,
        criteria: [figure("5.1", "centre.doubleQualifiedRatio", 70)],
      },
      {
        number: 6,
        title: "培训",
        mandatory: false,
        criteria: [figure("6.1", "socialTraining.perYear.2023", 2000)],
      },
      {
        number: 7,
        title: "竞赛",
        mandatory: false,
        criteria: [
          { id: "7.1", kind: "count", text: "获奖", field: "competitions.awards", atLeast: 4, unit: "次" },
        ],
      },
      { number: 8, title: "1+X", mandatory: false, criteria: [figure("8.1", "onePlusX.certified", 300)] },
      {
        number: 9,
        title: "专家",
        mandatory: false,
        criteria: [{ id: "9.1", kind: "expert", text: "示范引领" }],
      },
    ],
  };
  const otherCall = { id: "other-2025", eligibility: Eligibility.parse(other) };

  it("applies its own thresholds, engineering list and rule (at least 3 of 5–9)", () => {
    const r = prescreen(otherCall, parse(passingInput()), catalog, undefined);
    expect(statuses(r)).toEqual({
      1: "符合",
      2: "符合",
      5: "不符合",
      6: "符合",
      7: "符合",
      8: "符合",
      9: "待专家判断",
    });
    expect(criterion(r, "2.1").expected).toContain("为工科类，适用 ≥ 80 万元");
    expect(r.overall).toMatchObject({
      basicConditionsMet: "yes",
      optionalMet: 4,
      optionalFrom: 5,
      optionalAtLeast: 3,
      ruleSatisfied: "yes",
    });
    expect(r.overall.summary).toContain("须至少 3 项");
  });

  it("comes in a whole call definition, as an operator's call file would give it", () => {
    const loaded = resolveCall({ ...HENAN_2024, id: "other-2025", eligibility: other });
    const r = prescreen(loaded.call, parse(passingInput()), loaded.catalog, undefined);
    expect(r.callId).toBe("other-2025");
    expect(r.overall).toMatchObject({ optionalMet: 4, optionalAtLeast: 3, ruleSatisfied: "yes" });
  });

  it("rejects a rule that names a condition the call does not define", () => {
    const broken = { ...other, rule: { mandatory: [1, 2, 3], optional: { from: [5], atLeast: 1 } } };
    expect(Eligibility.safeParse(broken).success).toBe(false);
  });
});

/** Every leaf path of a value (arrays of primitives, such as titles and pages, are leaves). */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== "object")
      ? [path]
      : value.flatMap((v, i) => leafPaths(v, [...path, i]));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return [path];
}

function without(value: unknown, paths: (string | number)[][]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  for (const path of paths) {
    let at: Record<string | number, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) at = at?.[key] as Record<string | number, unknown> | undefined;
    if (at) delete at[path.at(-1) as string | number];
  }
  return copy;
}

describe("prescreen: a draft with fields left blank", () => {
  const full = parse(passingInput());
  const fullOutcomes = new Map(
    prescreen(call, full, catalog, undefined)
      .conditions.flatMap((c) => c.criteria)
      .map((c) => [c.id, c.outcome]),
  );
  const paths = leafPaths(full);

  it("never turns a criterion the full form meets into 不符合: blank data is 资料不全, not a failure", () => {
    fc.assert(
      fc.property(fc.subarray(paths, { minLength: 1, maxLength: 12 }), (removed) => {
        const r = prescreen(call, without(full, removed) as typeof full, catalog, undefined);
        for (const c of r.conditions.flatMap((k) => k.criteria)) {
          if (c.outcome === "not-met") expect(fullOutcomes.get(c.id), c.id).toBe("not-met");
          if (c.outcome === "incomplete") expect(c.missing.length, c.id).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
