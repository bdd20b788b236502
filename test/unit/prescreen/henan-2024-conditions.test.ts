import { describe, expect, it } from "vitest";
import { valuesAt } from "../../../shared/application/form-paths.ts";
import type { Criterion } from "../../../shared/call/eligibility.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { CallDefinition } from "../../../shared/call/schema.ts";
import { parse, passingInput } from "./fixtures.ts";

const call = CallDefinition.parse(HENAN_2024);
const eligibility = call.eligibility;
if (!eligibility) throw new Error("the Henan 2024 call must define its eligibility");

/** A criterion reduced to what decides it: its kind and, for machine items, field, comparison and threshold. */
function decides(c: Criterion): unknown[] {
  switch (c.kind) {
    case "expert":
      return [c.id, "expert"];
    case "figure":
      return [
        c.id,
        "figure",
        c.fields.join("+"),
        c.aggregate,
        c.op,
        c.threshold,
        c.engineeringThreshold,
        c.unit,
      ];
    case "yesNo":
      return [c.id, "yesNo", c.field, c.expected];
    case "count":
      return [c.id, "count", c.field, c.where, c.atLeast];
    case "compare":
      return [c.id, "compare", c.field, c.op, c.other];
    case "member":
      return [c.id, "member", c.field, c.list.length, c.openList];
  }
}

const QUALIFYING_AWARDS = ["国家级一等奖", "国家级二等奖", "国家级三等奖", "省级一等奖"];
const FUNDING = ["2021", "2022", "2023"].flatMap((y) =>
  ["fiscal", "operatingIncome", "enterprise", "donation"].map((r) => `funding.years.${y}.${r}`),
);

/** 三（一） condition by condition: a dropped or changed threshold fails here. */
const EXPECTED: Record<number, { mandatory: boolean; criteria: unknown[][] }> = {
  1: {
    mandatory: true,
    criteria: [
      ["1.1", "expert"],
      ["1.2", "figure", "conditions.schoolFullTimeStudents", "each", ">=", 15000, undefined, "人"],
    ],
  },
  2: {
    mandatory: true,
    criteria: [
      [
        "2.1",
        "figure",
        "conditions.appliedMajorStudents+conditions.groupMajors[].students",
        "sum",
        ">=",
        3000,
        undefined,
        "人",
      ],
      ["2.2", "figure", "supplement.coreMajorYears", "each", ">=", 5, undefined, "年"],
      ["2.3", "yesNo", "supplement.coreMajorContinuousEnrolment", true],
      ["2.4", "figure", "supplement.coreMajorGraduatedCohorts", "each", ">=", 2, undefined, "届"],
      ["2.5", "yesNo", "supplement.provincialKeyGroup", true],
      ["2.6", "figure", "conditions.initialEmploymentRate", "each", ">=", 80, undefined, "%"],
      ["2.7", "figure", "conditions.matchedEmploymentRate", "each", ">=", 75, undefined, "%"],
    ],
  },
  3: {
    mandatory: true,
    criteria: [
      ["3.1", "expert"],
      ["3.2", "figure", "supplement.usableAreaM2", "each", ">=", 500, undefined, "平方米"],
      ["3.3", "figure", "centre.equipmentValue", "each", ">=", 60, 100, "万元"],
      ["3.4", "figure", "centre.openingRate", "each", ">=", 100, undefined, "%"],
      ["3.5", "expert"],
      ["3.6", "expert"],
    ],
  },
  4: {
    mandatory: true,
    criteria: [
      ["4.1", "expert"],
      ["4.2", "member", "basic.partners[].titles", 9, true],
      ["4.3", "expert"],
      ["4.4", "count", "supplement.jointTrainingAgreements", [{ field: "graduatedCohorts", min: 1 }], 2],
      ["4.5", "yesNo", "supplement.teachingCommittee", true],
      ["4.6", "expert"],
      ["4.7", "expert"],
    ],
  },
  5: {
    mandatory: false,
    criteria: [
      ["5.1", "count", "supplement.leaders", [{ field: "enterpriseYears", min: 2 }], 1],
      ["5.2", "figure", "supplement.coreTeachers", "each", ">=", 6, undefined, "名"],
      ["5.3", "figure", "supplement.enterpriseCoreTeachers", "each", ">=", 2, undefined, "名"],
      ["5.4", "figure", "centre.doubleQualifiedRatio", "each", ">=", 50, undefined, "%"],
      ["5.5", "figure", "centre.seniorTitleRatio", "each", ">=", 25, undefined, "%"],
      ["5.6", "figure", "supplement.instructorSeniorWorkerRatio", "each", ">=", 80, undefined, "%"],
      ["5.7", "expert"],
    ],
  },
  6: {
    mandatory: false,
    criteria: [
      ["6.1", "expert"],
      ["6.2", "figure", "supplement.enterpriseTeachingShare", "each", ">=", 30, undefined, "%"],
      ["6.3", "expert"],
      ["6.4", "figure", "centre.trainingGuides", "each", ">=", 1, undefined, "本"],
    ],
  },
  7: {
    mandatory: false,
    criteria: [
      [
        "7.1",
        "count",
        "competitions.awards",
        [
          { field: "level", in: QUALIFYING_AWARDS },
          { field: "year", min: 2020 },
        ],
        3,
      ],
      ["7.2", "yesNo", "supplement.hostedCompetition", true],
    ],
  },
  8: {
    mandatory: false,
    criteria: [
      ["8.1", "compare", "onePlusX.certified", ">=", "onePlusX.assigned"],
      ["8.2", "count", "onePlusX.related", [{ field: "holders", min: 1 }], 1],
    ],
  },
  9: {
    mandatory: false,
    criteria: [
      ["9.1", "compare", "skillsForAll.training.completed", ">=", "skillsForAll.training.assigned"],
      ["9.2", "compare", "skillsForAll.certification.completed", ">=", "skillsForAll.certification.assigned"],
      [
        "9.3",
        "compare",
        "skillsForAll.seniorCertification.completed",
        ">=",
        "skillsForAll.seniorCertification.assigned",
      ],
      [
        "9.4",
        "figure",
        "socialTraining.perYear.2021+socialTraining.perYear.2022+socialTraining.perYear.2023",
        "each",
        ">=",
        1000,
        undefined,
        "人次",
      ],
    ],
  },
  10: {
    mandatory: false,
    criteria: [
      ["10.1", "figure", FUNDING.join("+"), "sum", ">", 0, undefined, "万元"],
      ["10.2", "figure", "centre.fullTimeManagers", "each", ">=", 1, undefined, "人"],
      ["10.3", "expert"],
      ["10.4", "expert"],
    ],
  },
};

describe("the Henan 2024 call's eligibility (三（一）申报条件)", () => {
  it("selects on all of 1–4 and at least 4 of 5–10", () => {
    expect(eligibility.rule).toEqual({
      mandatory: [1, 2, 3, 4],
      optional: { from: [5, 6, 7, 8, 9, 10], atLeast: 4 },
    });
    expect(eligibility.conditions.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  for (const [number, expected] of Object.entries(EXPECTED)) {
    it(`condition ${number}: machine-decided criteria and expert items as the notice states them`, () => {
      const condition = eligibility.conditions.find((c) => c.number === Number(number));
      expect(condition?.mandatory).toBe(expected.mandatory);
      expect(condition?.criteria.map(decides)).toEqual(expected.criteria);
    });
  }

  it("lists the partner titles of condition 4 as the notice does", () => {
    const member = eligibility.conditions[3]?.criteria.find((c) => c.kind === "member");
    expect(member?.kind === "member" && member.list).toEqual([
      "世界500强企业",
      "中国500强企业",
      "国家专精特新“小巨人”企业",
      "省级专精特新“小巨人”企业",
      "省级“瞪羚”企业",
      "国家技术创新示范企业",
      "制造业单项冠军企业",
      "隐形冠军企业",
      "国家重点支持的独角兽企业",
    ]);
  });

  it("counts 装备制造大类 and 电子与信息大类 as 工科 and 财经商贸大类 as not", () => {
    expect(eligibility.engineeringCategories).toEqual(
      expect.arrayContaining(["装备制造大类", "电子与信息大类"]),
    );
    expect(eligibility.engineeringCategories).not.toContain("财经商贸大类");
  });

  it("names only fields the form has: every machine criterion's path reaches a value of a filled form", () => {
    const form = parse(passingInput());
    for (const condition of eligibility.conditions) {
      for (const c of condition.criteria) {
        const paths =
          c.kind === "figure"
            ? c.fields
            : c.kind === "compare"
              ? [c.field, c.other]
              : c.kind === "expert"
                ? []
                : [c.field];
        for (const path of paths) {
          // Funding routes may be blank in a real form; the fixture fills 2023 completely.
          if (path.startsWith("funding.years.202") && !path.startsWith("funding.years.2023")) continue;
          const values = valuesAt(form, path);
          expect(values.length, `${c.id} ${path}`).toBeGreaterThan(0);
          expect(
            values.every((v) => v.value !== undefined),
            `${c.id} ${path}`,
          ).toBe(true);
        }
      }
    }
  });
});
