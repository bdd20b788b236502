/**
 * The registered schools' names reach the metadata rule through the pipeline on the embedded stack: a file whose
 * Title names another registered college (under a name the rule's pattern alone would not know) gets the warning.
 */
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import {
  codes,
  decided,
  officialName,
  type Pipeline,
  receiptsFor,
  registerSchool,
  startPipeline,
  submit,
} from "./harness.ts";

const OTHER = "河南某某专修园";

describe("a Title naming another registered college", () => {
  let pipeline: Pipeline;
  let school: SchoolRecord;
  let token: string;

  beforeAll(async () => {
    pipeline = await startPipeline();
    ({ school, token } = await registerSchool(pipeline, 31, "河南工业职业技术学院"));
    await registerSchool(pipeline, 32, OTHER);
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it("is accepted with PDF_METADATA_OTHER_SCHOOL naming that college", async () => {
    const doc = await PDFDocument.load(await samplePdf({ pages: 3 }));
    doc.setTitle(`${OTHER}佐证材料`);
    const { submissionId } = await submit(pipeline, token, officialName(school.name), await doc.save());

    const view = await decided(pipeline, token, submissionId);

    expect(view.state).toBe("ACCEPTED");
    expect(codes(view.findings)).toContain("PDF_METADATA_OTHER_SCHOOL");
    expect(view.findings.find((f) => f.code === "PDF_METADATA_OTHER_SCHOOL")).toMatchObject({
      severity: "warning",
      actual: OTHER,
    });
    const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
    expect(receipts[0]?.body.text ?? "").toContain(`其他学校的名称“${OTHER}”`);
  });
});
