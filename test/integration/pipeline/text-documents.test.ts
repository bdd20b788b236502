/**
 * A 申报书 through the whole pipeline on the embedded stack: the link names its document type, process-upload asks
 * the isolated inspector for the text layer, and the 申报书 rules speak in the status and the receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postFile, requestUploadLink } from "../../../infra/local/school-client.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import { applicationPdf } from "../../fixtures/pdf/text-documents.ts";
import { skipWithoutCjkFont } from "../../helpers/cjk-font.ts";
import {
  codes,
  decided,
  officialName,
  type Pipeline,
  receiptsFor,
  registerSchool,
  startPipeline,
} from "./harness.ts";

describe.skipIf(skipWithoutCjkFont("text documents after upload"))(
  "a 申报书 checked by 附件1 after upload",
  () => {
    let pipeline: Pipeline;
    let school: SchoolRecord;
    let token: string;

    beforeAll(async () => {
      pipeline = await startPipeline();
      ({ school, token } = await registerSchool(pipeline, 7, "河南工业职业技术学院"));
    });

    afterAll(async () => {
      await pipeline?.stop();
    });

    it("rejects a cover whose 申报专业大类 does not go with the major, and warns about the body font", async () => {
      const pdf = await applicationPdf({ cover: { category: "电子与信息大类" }, bodyFontName: "SimSun" });
      const fileName = officialName(school.name);
      const link = await requestUploadLink(pipeline.baseUrl, token, {
        fileName,
        size: pdf.byteLength,
        documentType: "application",
      });
      if (!link.ok) throw new Error(`link refused: ${link.error.code} ${link.error.message}`);
      const posted = await postFile(link.link.upload, pdf, fileName);
      expect(posted.status).toBe(204);

      const view = await decided(pipeline, token, link.link.submissionId);

      expect(view).toMatchObject({ state: "REJECTED", pageCount: 4 });
      expect(codes(view.findings)).toEqual(["COVER_CATEGORY_MISMATCH", "BODY_FONT_NOT_FANGSONG"]);
      expect(view.findings[0]).toMatchObject({ severity: "error", expected: "装备制造大类" });
      const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
      const text = receipts[0]?.body.text ?? "";
      expect(text).toContain("申报专业大类“电子与信息大类”与申报专业不符");
      expect(text).toContain("仿宋_GB2312");
    });
  },
);
