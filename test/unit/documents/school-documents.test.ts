import { describe, expect, it } from "vitest";
import { loadCallFrom } from "../../../shared/call/load-call.ts";
import {
  attachmentDisposition,
  beijingMonth,
  NoApplicationForm,
  schoolDocument,
} from "../../../shared/documents/school-documents.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { docxPart, paragraphs } from "../../helpers/docx-xml.ts";
import { parse, passingInput, SCHOOL_CODE } from "../prescreen/fixtures.ts";

const { call, catalog } = loadCallFrom({});
const school = { schoolId: SCHOOL_CODE, name: "郑州示例职业技术学院", level: "专科" as const };

async function depsWithForm() {
  const forms = new MemoryApplicationForms();
  await forms.saveForm({
    schoolId: SCHOOL_CODE,
    form: parse(passingInput()),
    updatedAt: "2024-11-01T00:00:00.000Z",
    updatedBy: "school",
  });
  return { forms, call, catalog, month: beijingMonth(new Date("2024-10-31T17:00:00Z")) };
}

describe("schoolDocument", () => {
  it("generates the 申报书 from the stored form, named after the school and major, dated in Beijing time", async () => {
    const doc = await schoolDocument("application", school, await depsWithForm());
    expect(doc.fileName).toBe(
      "郑州示例职业技术学院职业教育高水平专业化产教融合实训中心申报书（会计信息管理专业）.docx",
    );
    const text = paragraphs(await docxPart(doc.bytes));
    expect(text).toContain("申报专业：会计信息管理");
    expect(text).toContain("2024年11月"); // 2024-10-31 17:00 UTC is 1 November in Beijing
  });

  it("generates the 建设方案 skeleton", async () => {
    const doc = await schoolDocument("plan", school, await depsWithForm());
    expect(doc.fileName).toBe("郑州示例职业技术学院职业教育高水平专业化产教融合实训中心建设方案.docx");
    expect(paragraphs(await docxPart(doc.bytes))[0]).toBe(
      "郑州示例职业技术学院职业教育高水平专业化产教融合实训中心建设方案",
    );
  });

  it("refuses with NoApplicationForm when the school has saved no form", async () => {
    const deps = { forms: new MemoryApplicationForms(), call, catalog, month: "2024-11" };
    await expect(schoolDocument("application", school, deps)).rejects.toBeInstanceOf(NoApplicationForm);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name as RFC 5987 filename*", () => {
    expect(attachmentDisposition("申报书（会计）.docx", "application.docx")).toBe(
      "attachment; filename=\"application.docx\"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6%EF%BC%88%E4%BC%9A%E8%AE%A1%EF%BC%89.docx",
    );
    expect(attachmentDisposition("a'b (c).docx", "x.docx")).toContain(
      "filename*=UTF-8''a%27b%20%28c%29.docx",
    );
  });
});
