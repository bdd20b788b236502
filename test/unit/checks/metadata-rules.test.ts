import { describe, expect, it } from "vitest";
import type { SubmissionFacts } from "../../../shared/checks/context.ts";
import { isAccepted } from "../../../shared/checks/finding.ts";
import { checkSubmission } from "../../../shared/checks/index.ts";
import { metadataDates } from "../../../shared/checks/metadata-dates.ts";
import { metadataSchool } from "../../../shared/checks/metadata-school.ts";
import { pageCount } from "../../../shared/checks/page-count.ts";
import { titleGeneric } from "../../../shared/checks/title-generic.ts";
import type { DocumentProperties, PageTreeWalk } from "../../../shared/pdf/facts.ts";
import { pdfDateToIso } from "../../../shared/pdf/pdf-date.ts";
import { GOOD_NAME, henanContext, SCHOOL } from "../../helpers/call.ts";
import { inspected } from "../../helpers/facts.ts";

const ctx = henanContext();
const base: SubmissionFacts = { fileName: GOOD_NAME, documentType: "evidence", size: 1000, school: SCHOOL };
const NO_PROPERTIES: DocumentProperties = {
  author: null,
  subject: null,
  keywords: null,
  createdAt: null,
  modifiedAt: null,
  xmpTitle: null,
  xmpCreators: [],
};
const HONEST: PageTreeWalk = {
  pages: 10,
  distinctPages: 10,
  declaredCount: 10,
  linearizedCount: null,
  cycles: 0,
};

describe("pageCount", () => {
  const check = (walk: Partial<PageTreeWalk>) =>
    pageCount({ ...base, inspection: inspected({ pageTree: { ...HONEST, ...walk } }) }, ctx);

  it("is silent when the walk, /Count and /N agree, or when there was no walk", () => {
    expect(check({})).toEqual([]);
    expect(check({ linearizedCount: 10 })).toEqual([]);
    expect(pageCount({ ...base, inspection: inspected({ pageTree: null }) }, ctx)).toEqual([]);
  });

  it("says both numbers when /Count or /N disagree, as an error the call can soften", () => {
    const [low] = check({ pages: 60, distinctPages: 60 });
    expect(low).toMatchObject({
      code: "PDF_PAGE_COUNT_INCONSISTENT",
      severity: "error",
      expected: "60 页",
      actual: "10 页",
    });
    expect(low?.message).toContain("共 60 页");
    expect(low?.message).toContain("（/Count）为 10 页");
    const [n] = check({ pages: 60, distinctPages: 60, declaredCount: 60, linearizedCount: 10 });
    expect(n?.message).toContain("（/N）为 10 页");
    const soft = henanContext({ rules: { PDF_PAGE_COUNT_INCONSISTENT: "warning" } });
    const warned = pageCount(
      { ...base, inspection: inspected({ pageTree: { ...HONEST, declaredCount: 9 } }) },
      soft,
    );
    expect(warned.map((f) => f.severity)).toEqual(["warning"]);
  });

  it("reports a page listed twice and a cycle", () => {
    expect(check({ pages: 11, distinctPages: 10, declaredCount: 11 })[0]?.message).toContain("1 处重复引用");
    expect(check({ cycles: 1 })[0]?.message).toContain("1 处循环引用");
  });
});

describe("metadataSchool", () => {
  const check = (
    properties: Partial<DocumentProperties>,
    title: string | null = null,
    registered?: string[],
  ) =>
    metadataSchool(
      { ...base, inspection: inspected({ title, properties: { ...NO_PROPERTIES, ...properties } }) },
      registered ? { ...ctx, registeredSchools: registered } : ctx,
    );

  it("is silent on the submitter's own name and on properties without a school's name", () => {
    expect(check({ author: "河南工业职业技术学院" }, "关于河南工业职业技术学院实训中心的申报材料")).toEqual(
      [],
    );
    expect(check({ author: "张老师", keywords: "数控技术" }, "申报书")).toEqual([]);
  });

  it("warns when a property names another school", () => {
    const [found] = check({ author: "郑州铁路职业技术学院教务处" });
    expect(found).toMatchObject({
      code: "PDF_METADATA_OTHER_SCHOOL",
      severity: "warning",
      actual: "郑州铁路职业技术学院",
    });
    expect(found?.message).toContain("作者（Author）");
    expect(check({ xmpCreators: ["黄河水利职业技术学院"] })[0]?.message).toContain("dc:creator");
  });

  it("recognises a registered school's name that does not look like a school's", () => {
    expect(check({ subject: "河南某某专修园申报" })).toEqual([]);
    expect(check({ subject: "河南某某专修园申报" }, null, [SCHOOL.name, "河南某某专修园"])[0]?.actual).toBe(
      "河南某某专修园",
    );
  });
});

describe("titleGeneric", () => {
  const check = (title: string | null) => titleGeneric({ ...base, inspection: inspected({ title }) }, ctx);

  it.each([null, "Microsoft Word - 文档1", "Untitled", "文档1", "Microsoft Word - 申报材料.docx"])(
    "suggests the official name for %s, as info, which never rejects",
    (title) => {
      const findings = check(title);
      expect(findings.map((f) => [f.code, f.severity])).toEqual([["PDF_TITLE_GENERIC", "info"]]);
      expect(findings[0]?.fix).toContain(
        "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）",
      );
      expect(isAccepted(findings)).toBe(true);
    },
  );

  it("is silent on a real title", () => {
    expect(check("河南工业职业技术学院佐证材料")).toEqual([]);
  });
});

describe("metadataDates", () => {
  const submittedAt = new Date("2024-05-10T02:00:00Z");
  const check = (properties: Partial<DocumentProperties>) =>
    metadataDates(
      { ...base, submittedAt, inspection: inspected({ properties: { ...NO_PROPERTIES, ...properties } }) },
      ctx,
    );

  it("warns when the file was created or modified after its upload", () => {
    expect(check({ createdAt: "2024-05-11T00:00:00.000Z" }).map((f) => [f.code, f.severity])).toEqual([
      ["PDF_DATES_INCONSISTENT", "warning"],
    ]);
    expect(check({ modifiedAt: "2024-06-01T00:00:00.000Z" })[0]?.message).toContain("修改时间");
  });

  it("is silent on earlier dates, a clock a few minutes ahead, and unknown dates", () => {
    expect(check({ createdAt: "2024-05-09T00:00:00.000Z", modifiedAt: "2024-05-10T02:05:00.000Z" })).toEqual(
      [],
    );
    expect(check({})).toEqual([]);
  });

  it("reads PDF dates, taking a date without a zone as Beijing time", () => {
    expect(pdfDateToIso("D:20240510100000+08'00'")).toBe("2024-05-10T02:00:00.000Z");
    expect(pdfDateToIso("D:20240510100000Z")).toBe("2024-05-10T10:00:00.000Z");
    expect(pdfDateToIso("D:20240510100000")).toBe("2024-05-10T02:00:00.000Z");
    expect(pdfDateToIso("yesterday")).toBeNull();
  });
});

describe("the rules in the call's list", () => {
  it("run for every submission", () => {
    const findings = checkSubmission(
      {
        ...base,
        submittedAt: new Date("2024-05-10T02:00:00Z"),
        inspection: inspected({
          title: "Microsoft Word - 文档1",
          pageTree: { ...HONEST, declaredCount: 3 },
          properties: {
            ...NO_PROPERTIES,
            author: "郑州铁路职业技术学院",
            createdAt: "2025-01-01T00:00:00.000Z",
          },
        }),
      },
      ctx,
    );
    expect(findings.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        "PDF_PAGE_COUNT_INCONSISTENT",
        "PDF_METADATA_OTHER_SCHOOL",
        "PDF_TITLE_GENERIC",
        "PDF_DATES_INCONSISTENT",
      ]),
    );
  });
});
