import { describe, expect, it } from "vitest";
import type { ApplicationDetails } from "../../../shared/application/details.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import type { SchoolRecord, SubmissionRecord } from "../../../shared/submissions/records.ts";
import { bundleEntries, sha256sums } from "../../../shared/summary/bundle-manifest.ts";
import { summaryCells, summaryRows } from "../../../shared/summary/summary-rows.ts";
import { summaryCsv } from "../../../shared/summary/summary-workbook.ts";
import { csvCell } from "../../../shared/tabular/csv.ts";

const ctx = resolveCall(HENAN_2024);
const school = (id: string, name: string, level: "专科" | "本科" = "专科") =>
  ({ schoolId: id, name, level, contactName: "张三", phone: "0371-69691995" }) as SchoolRecord;
const submission = (id: string, fileName: string) => ({ submissionId: id, fileName }) as SubmissionRecord;
const named = (schoolName: string, major: string) =>
  `${schoolName}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;

describe("summaryRows", () => {
  it("lists schools in pinyin order, the major from the file name, its category and class from the catalog", () => {
    const details: ApplicationDetails = {
      schoolId: "B",
      servedMajorGroup: "护理专业群",
      partner1: "甲医院",
      partner2: "乙医院",
      contactName: "李四",
      contactPhone: "13800000000",
      updatedAt: "",
      updatedBy: "school",
    };
    const rows = summaryRows(
      [
        {
          school: school("Z", "郑州职业学院"),
          submission: submission("1", named("郑州职业学院", "数控技术")),
        },
        // A tolerated variant of the name: half-width brackets and an upper-case extension.
        {
          school: school("B", "安阳职业学院"),
          submission: submission(
            "2",
            "安阳职业学院职业教育高水平专业化产教融合实训中心申报材料(护理专业).PDF",
          ),
          details,
        },
        {
          school: school("K", "开封职业学院"),
          submission: submission("3", named("开封职业学院", "不存在的")),
        },
      ],
      ctx,
    );
    expect(rows.map(summaryCells)).toEqual([
      [
        1,
        "安阳职业学院",
        "护理",
        "护理专业群",
        "医药卫生大类",
        "护理类",
        "甲医院",
        "乙医院",
        "李四",
        "13800000000",
      ],
      [2, "开封职业学院", "不存在的", "", "", "", "", "", "张三", "0371-69691995"],
      [3, "郑州职业学院", "数控技术", "", "装备制造大类", "机械设计制造类", "", "", "张三", "0371-69691995"],
    ]);
    expect(rows.map((r) => [r.missingDetails, r.majorNotInCatalog])).toEqual([
      [false, false],
      [true, true],
      [true, false],
    ]);
  });
});

describe("CSV for Excel", () => {
  it("quotes what needs quoting and defuses cells Excel would run as formulas", () => {
    expect(csvCell('合作企业, "荣誉"')).toBe('"合作企业, ""荣誉"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+8613800000000")).toBe("'+8613800000000");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(12)).toBe("12");
  });

  it("starts with a byte-order mark, then the notice's column heads, CRLF-separated", () => {
    const text = summaryCsv([]);
    expect(text).toBe(
      "\uFEFF序号,学校名称,申报专业,中心服务专业（群）,专业大类,专业类,合作企业（1）名称及企业荣誉等,合作企业（2）名称及企业荣誉等,联系人姓名,联系电话\r\n",
    );
  });
});

describe("bundle entries", () => {
  it("name each file officially, in a folder per document type, and keep two same-named files apart", () => {
    const a = school("A", "安阳职业学院");
    const entries = bundleEntries(
      [
        {
          school: a,
          documentType: "evidence",
          submission: submission(
            "1",
            "安阳职业学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）(1).pdf",
          ),
        },
        {
          school: a,
          documentType: "application",
          submission: submission("2", named("安阳职业学院", "数控技术")),
        },
        {
          school: school("A2", "安阳职业学院"),
          documentType: "evidence",
          submission: submission("3", named("安阳职业学院", "数控技术")),
        },
      ],
      ctx,
    );
    expect(entries.map((e) => e.path)).toEqual([
      `佐证材料/${named("安阳职业学院", "数控技术")}`,
      `申报书/${named("安阳职业学院", "数控技术")}`,
      "佐证材料/安阳职业学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）（A2）.pdf",
    ]);
    expect(sha256sums([{ path: "a/b.pdf", sha256: "ab", size: 1 }])).toBe("ab  a/b.pdf\n");
  });
});
