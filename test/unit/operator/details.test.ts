import { describe, expect, it } from "vitest";
import { validateApplicationDetails } from "../../../shared/application/details.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";

const ctx = resolveCall(HENAN_2024);
const school = { schoolId: "X", contactName: "王晓明", phone: "0371-69691995" };

describe("validateApplicationDetails", () => {
  it("keeps Chinese punctuation, tidies pasted spaces, and takes the registered contact when none is given", () => {
    const result = validateApplicationDetails(
      {
        servedMajorGroup: " 数控技术\n专业群 ",
        partner1: "河南中原数控装备有限公司（国家专精特新“小巨人”企业）",
        partner2: "郑州宇通客车股份有限公司\u200b（制造业单项冠军企业）",
        contactName: "",
      },
      school,
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      findings: [],
      details: {
        schoolId: "X",
        servedMajorGroup: "数控技术 专业群",
        partner1: "河南中原数控装备有限公司（国家专精特新“小巨人”企业）",
        partner2: "郑州宇通客车股份有限公司（制造业单项冠军企业）",
        contactName: "王晓明",
        contactPhone: "0371-69691995",
      },
    });
  });

  it("reports every problem at once, in the summary table's own words", () => {
    const result = validateApplicationDetails(
      {
        servedMajorGroup: "",
        partner1: "企".repeat(301),
        partner2: "某公司",
        contactName: "1",
        contactPhone: "110",
      },
      school,
      ctx,
    );
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => [f.code, f.field])).toEqual([
      ["DETAILS_FIELD_MISSING", "details.servedMajorGroup"],
      ["DETAILS_FIELD_TOO_LONG", "details.partner1"],
      ["CONTACT_NAME_INVALID", "details.contactName"],
      ["PHONE_INVALID", "details.contactPhone"],
    ]);
    expect(result.findings[0]?.message).toBe("未填写“中心服务专业（群）”。");
    expect(result.findings[1]?.message).toBe(
      "“合作企业（1）名称及企业荣誉等”共 301 个字，超过 300 个字的上限。",
    );
  });
});
