/** The 附件3 details as part of the one 申报书 form: written into it, read from it, a legacy details item as fallback. */
import { describe, expect, it } from "vitest";
import { detailsOfForm, splitPartnerText, withDetails } from "../../../shared/application/form-details.ts";
import { currentDetails, saveApplicationDetails } from "../../../shared/application/save-details.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import { MemoryApplicationDetails } from "../../fakes/memory-details.ts";
import { MemoryEvidenceText } from "../../fakes/memory-evidence-text.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { henanContext } from "../../helpers/call.ts";
import { parse, passingInput } from "../prescreen/fixtures.ts";

const school: SchoolRecord = {
  schoolId: "12410000MB0000001X",
  name: "郑州示例职业技术学院",
  creditCode: "12410000MB0000001X",
  level: "专科",
  contactName: "王老师",
  email: "office@school.edu.cn",
  phone: "0371-12345678",
  tokenHash: "0".repeat(64),
  tokenIssuedAt: "2024-11-01T02:00:00.000Z",
  status: "active",
  createdAt: "2024-11-01T02:00:00.000Z",
};
const BEFORE = new Date("2024-11-10T02:00:00.000Z");
const AFTER = new Date("2024-11-16T02:00:00.000Z");
const ENTERED = {
  servedMajorGroup: "会计信息管理专业群",
  partner1: "河南示例数智科技有限公司（国家级专精特新“小巨人”企业）",
  partner2: "中原示例财务软件股份有限公司",
  contactName: "李敏",
  contactPhone: "13812345678",
};

function setup() {
  return {
    ctx: henanContext(),
    forms: new MemoryApplicationForms(),
    details: new MemoryApplicationDetails(),
    schools: new MemorySchoolRepository([school]),
    submissions: new MemorySubmissionRepository(),
    evidenceText: new MemoryEvidenceText(),
  };
}

describe("splitPartnerText and withDetails", () => {
  it("splits a company's name from the honours in its closing brackets", () => {
    expect(splitPartnerText("甲公司（世界500强、独角兽）")).toEqual({
      name: "甲公司",
      honours: ["世界500强", "独角兽"],
    });
    expect(splitPartnerText("乙公司")).toEqual({ name: "乙公司", honours: [] });
  });

  it("writes the details into a form, keeping every other field, and reads the same details back", () => {
    const form = parse(passingInput());
    const written = parse(withDetails(form, ENTERED));
    expect(written.basic?.servedMajorGroup).toBe(ENTERED.servedMajorGroup);
    expect(written.basic?.partners?.[0]?.name).toBe("河南示例数智科技有限公司");
    expect(written.basic?.partners?.[0]?.creditCode).toBe(form.basic?.partners?.[0]?.creditCode);
    expect(written.basic?.school?.contact).toMatchObject({ name: "李敏", mobile: "13812345678" });
    expect(written.conditions).toEqual(form.conditions);
    const read = detailsOfForm(
      { schoolId: school.schoolId, form: written, updatedAt: "t", updatedBy: "school" },
      school,
    );
    // The listed titles the form records for a company stay with it (they decide a condition) and are shown.
    expect(read?.partner2).toBe(`${ENTERED.partner2}（中国500强企业）`);
    expect(read?.contactPhone).toBe("13812345678");
  });

  it("puts a landline as the office phone and drops a mobile that would be read first", () => {
    const written = parse(withDetails(parse(passingInput()), { ...ENTERED, contactPhone: "0371-69691995" }));
    expect(written.basic?.school?.contact?.mobile).toBeUndefined();
    expect(written.basic?.school?.contact?.officePhone).toBe("0371-69691995");
  });
});

describe("saveApplicationDetails into the form", () => {
  it("saves into the school's form with its pre-screen; GET reads them there, not from a legacy item", async () => {
    const deps = setup();
    await deps.details.putDetails({
      ...ENTERED,
      schoolId: school.schoolId,
      partner1: "旧企业",
      updatedAt: "t",
      updatedBy: "school",
    });
    expect((await currentDetails(school, deps))?.partner1).toBe("旧企业");

    const outcome = await saveApplicationDetails(school, ENTERED, { ...deps, now: BEFORE, by: "school" });

    expect(outcome.kind).toBe("saved");
    const stored = await deps.forms.getForm(school.schoolId);
    expect(stored?.form.basic?.servedMajorGroup).toBe(ENTERED.servedMajorGroup);
    expect(stored?.prescreen?.callId).toBe(deps.ctx.call.id);
    expect(await currentDetails(school, deps)).toMatchObject({ ...ENTERED, updatedBy: "school" });
  });

  it("saves nothing when a field is wrong, or when the form's own limit on a partner's name is passed", async () => {
    const deps = setup();
    const missing = await saveApplicationDetails(
      school,
      { ...ENTERED, partner2: "" },
      { ...deps, now: BEFORE, by: "school" },
    );
    expect(missing).toMatchObject({ kind: "invalid" });
    const long = await saveApplicationDetails(
      school,
      { ...ENTERED, partner1: `${"很长的企业名称".repeat(20)}（荣誉）` },
      { ...deps, now: BEFORE, by: "school" },
    );
    expect(long.kind).toBe("invalid");
    if (long.kind !== "invalid") return;
    expect(long.findings.map((f) => [f.code, f.field])).toEqual([
      ["DETAILS_FIELD_TOO_LONG", "details.partner1"],
    ]);
    expect(long.findings[0]?.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(deps.forms.forms.size).toBe(0);
  });

  it("refuses a school after the deadline, leaving the form as it was; an operator may still enter", async () => {
    const deps = setup();
    await saveApplicationDetails(school, ENTERED, { ...deps, now: BEFORE, by: "school" });
    const before = await deps.forms.getForm(school.schoolId);
    const late = { ...ENTERED, partner2: "另一家公司" };
    expect(await saveApplicationDetails(school, late, { ...deps, now: AFTER, by: "school" })).toEqual({
      kind: "deadline-passed",
    });
    expect(await deps.forms.getForm(school.schoolId)).toEqual(before);
    expect((await saveApplicationDetails(school, late, { ...deps, now: AFTER, by: "operator" })).kind).toBe(
      "saved",
    );
    expect((await currentDetails(school, deps))?.partner2).toBe("另一家公司");
  });
});
