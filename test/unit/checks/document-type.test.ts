import { describe, expect, it } from "vitest";
import { documentType } from "../../../shared/checks/document-type.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";

const ctx = henanContext();
const check = (type: string) => documentType({ fileName: GOOD_NAME, documentType: type, size: 1000 }, ctx);

describe("documentType", () => {
  it.each(["evidence", "application", "plan"])("accepts %s", (type) => {
    expect(check(type)).toEqual([]);
  });

  it("rejects a type the call does not take, listing the labels with their ids", () => {
    expect(check("佐证材料")).toEqual([
      {
        code: "DOCUMENT_TYPE_UNKNOWN",
        severity: "error",
        field: "documentType",
        message:
          "材料类型“佐证材料”不是本次申报接收的类型。可选类型：佐证材料（evidence）、申报书（application）、建设方案（plan）。",
        fix: "请选择正确的材料类型后重新提交。",
        expected: "evidence, application, plan",
        actual: "佐证材料",
      },
    ]);
    expect(check("").map((f) => f.code)).toEqual(["DOCUMENT_TYPE_UNKNOWN"]);
  });
});
