import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { requestUploadLink } from "../../../infra/local/school-client.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import {
  applicationOf,
  codes,
  decided,
  mailTo,
  officialName,
  type Pipeline,
  receiptsFor,
  recordsOf,
  registerSchool,
  sha256,
  startPipeline,
  submit,
} from "./harness.ts";

/** A real 1×1 PNG: what a school uploads after renaming a scan to ".pdf". */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

describe("rejected after upload: the verdict, the receipt and the status say why", () => {
  let pipeline: Pipeline;
  let school: SchoolRecord;
  let token: string;

  beforeAll(async () => {
    pipeline = await startPipeline();
    ({ school, token } = await registerSchool(pipeline, 2, "河南驳回测试职业学院"));
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it("rejects 51 pages with PDF_TOO_MANY_PAGES, in the status and in the receipt", async () => {
    const pdf = await samplePdf({ pages: 51 });
    const { submissionId } = await submit(pipeline, token, officialName(school.name), pdf);

    const view = await decided(pipeline, token, submissionId);

    expect(view).toMatchObject({ state: "REJECTED", pageCount: 51, sha256: sha256(pdf), supersededBy: null });
    expect(codes(view.findings)).toEqual(["PDF_TOO_MANY_PAGES"]);
    expect(view.findings[0]).toMatchObject({
      severity: "error",
      message: "文件共 51 页，超过佐证材料 50 页的上限。",
    });
    expect(view.receipt).toMatchObject({ version: null, replaces: null });
    const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.subject).toContain("佐证材料未通过检查");
    const text = receipts[0]?.body.text ?? "";
    expect(text).toContain("检查结论：未通过检查");
    expect(text).toContain("页数：51 页");
    expect(text).toContain("1. [错误] 文件共 51 页，超过佐证材料 50 页的上限。");
    expect(text).toContain("处理办法：请精简至 50 页以内（删减 1 页以上）");
    expect(text).not.toContain("次有效提交");
  });

  it("rejects a PNG uploaded under a .pdf name with FILE_NOT_PDF and no page count", async () => {
    const { submissionId } = await submit(pipeline, token, officialName(school.name), PNG);

    const view = await decided(pipeline, token, submissionId);

    expect(view).toMatchObject({
      state: "REJECTED",
      pageCount: null,
      size: PNG.byteLength,
      sha256: sha256(PNG),
    });
    expect(codes(view.findings)).toEqual(["FILE_NOT_PDF"]);
    expect(view.findings[0]?.message).toContain("PNG 图片");
    const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.body.text).toContain("页数：无法读取");
    expect(receipts[0]?.body.text).toContain("[错误] 文件内容不是 PDF，检测到的是：PNG 图片。");
  });

  it("has sent exactly the two receipts and left no application standing", async () => {
    const records = await recordsOf(pipeline, school.schoolId);

    expect(records.map((r) => r.state)).toEqual(["REJECTED", "REJECTED"]);
    expect(await mailTo(pipeline, school.email)).toHaveLength(2);
    expect(await applicationOf(pipeline, school.schoolId)).toBeUndefined();
  });

  describe("rejected before upload: 422 CHECKS_FAILED and nothing recorded", () => {
    const recordCount = async () => (await recordsOf(pipeline, school.schoolId)).length;

    it.each([
      ["a name off the template", "申报材料-数控技术.pdf", "NAME_TEMPLATE_MISMATCH"],
      ["another school's name", officialName("河南另一职业技术学院"), "NAME_SCHOOL_MISMATCH"],
    ])("refuses %s", async (_, fileName, code) => {
      const count = await recordCount();

      const answer = await requestUploadLink(pipeline.baseUrl, token, { fileName, size: 10_000 });

      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error).toMatchObject({ status: 422, code: "CHECKS_FAILED" });
      const findings = (answer.error.body as { error: { findings: Array<{ code: string }> } }).error.findings;
      expect(codes(findings)).toEqual([code]);
      expect(await recordCount()).toBe(count);
    });

    it("refuses a major not in the catalog and suggests the catalog's name", async () => {
      const count = await recordCount();

      const answer = await requestUploadLink(pipeline.baseUrl, token, {
        fileName: officialName(school.name, "数控技木"),
        size: 10_000,
      });

      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error).toMatchObject({ status: 422, code: "CHECKS_FAILED" });
      const [finding, ...others] = (answer.error.body as { error: { findings: FindingBody[] } }).error
        .findings;
      expect(others).toEqual([]);
      expect(finding).toMatchObject({
        code: "MAJOR_NOT_IN_CATALOG",
        severity: "error",
        actual: "数控技木",
        expected: "数控技术",
      });
      expect(finding?.fix).toContain("您是否要填写：“数控技术”");
      expect(await recordCount()).toBe(count);
    });

    it("refuses a declared size over the call's 100 MB with FILE_TOO_LARGE", async () => {
      const count = await recordCount();

      const answer = await requestUploadLink(pipeline.baseUrl, token, {
        fileName: officialName(school.name),
        size: 100 * 1024 * 1024 + 1,
      });

      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error).toMatchObject({ status: 422, code: "CHECKS_FAILED" });
      const findings = (answer.error.body as { error: { findings: FindingBody[] } }).error.findings;
      expect(findings).toMatchObject([
        {
          code: "FILE_TOO_LARGE",
          expected: String(100 * 1024 * 1024),
          actual: String(100 * 1024 * 1024 + 1),
        },
      ]);
      expect(await recordCount()).toBe(count);
    });

    it("e-mailed nothing for the refused requests", async () => {
      expect(await mailTo(pipeline, school.email)).toHaveLength(2);
    });
  });
});

interface FindingBody {
  code: string;
  severity: string;
  fix: string;
  expected?: string;
  actual?: string;
}
