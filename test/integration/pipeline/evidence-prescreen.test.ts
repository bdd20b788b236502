/**
 * The pre-screen follows the 佐证材料 on the embedded stack: a school saves its 申报书 form citing evidence pages, then
 * uploads evidence; process-upload keeps the accepted file's page texts (S3, evidence-text/…) and recomputes the
 * pre-screen, which GET /api/me/application-form shows: a company name found or missing on its cited page, and a
 * scanned cited page marked for people. A school that had no form when its link was issued costs processing no
 * pre-screen read; if it saves its form before the evidence is processed (the race), the GET finds the stored
 * pre-screen judged no evidence and recomputes it, counted at the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postFile, requestUploadLink } from "../../../infra/local/school-client.ts";
import { LOCAL_TABLE } from "../../../infra/local/shenbao-local.ts";
import type { ApplicationFormView } from "../../../shared/api/application-form-view.ts";
import { DynamoApplicationFormStore } from "../../../shared/aws/dynamodb-application-forms.ts";
import type { SdkCall } from "../../../shared/aws/sdk-calls.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import { evidencePdf } from "../../fixtures/pdf/evidence-pdf.ts";
import { bodyLines } from "../../fixtures/pdf/text-documents.ts";
import { skipWithoutCjkFont } from "../../helpers/cjk-font.ts";
import { PARTNER1_CODE, passingInput, SCHOOL_CODE } from "../../unit/prescreen/fixtures.ts";
import { decided, officialName, type Pipeline, registerSchool, startPipeline, submit } from "./harness.ts";

/** What passingInput() claims and cites: the school on page 1, partner 1 on page 2, partner 2 on page 3. */
const SCHOOL_NAME = "郑州示例职业技术学院";
const PARTNER1 = "河南示例数智科技有限公司";

async function form(
  pipeline: Pipeline,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${pipeline.baseUrl}/api/me/application-form`, {
    method: body === undefined ? "GET" : "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** Four pages: the school's cover, page 2 as given, page 3 scanned, page 4 body text. */
function evidence(page2: string[]): Promise<Uint8Array> {
  return evidencePdf([
    { lines: [SCHOOL_NAME, `统一社会信用代码：${SCHOOL_CODE}`] },
    { lines: [...page2, ...bodyLines(3)] },
    { scanned: true },
    { lines: bodyLines(10) },
  ]);
}

describe.skipIf(skipWithoutCjkFont("evidence pre-screen"))(
  "the pre-screen recomputed when a 佐证材料 is accepted",
  () => {
    let pipeline: Pipeline;
    let school: SchoolRecord;
    let token: string;

    const calls: Array<{ functionName: string; call: SdkCall }> = [];

    beforeAll(async () => {
      pipeline = await startPipeline({
        recordSdkCalls: (functionName, call) => calls.push({ functionName, call }),
      });
      ({ school, token } = await registerSchool(pipeline, 12, "河南财经职业技术学院"));
    });

    afterAll(async () => {
      await pipeline?.stop();
    });

    const findings = async (section: string) => {
      const view = (await form(pipeline, token)).body as ApplicationFormView;
      return (view.prescreen?.evidence ?? []).filter((f) => f.section === section);
    };

    it("checks the cited pages against each accepted evidence file in turn", async () => {
      expect((await form(pipeline, token, { form: passingInput() })).status).toBe(200);
      // No evidence yet: the references are there, nothing can be checked on a page.
      expect(await findings("partners.1")).toEqual([]);

      const first = await submit(
        pipeline,
        token,
        officialName(school.name),
        await evidence([`合作企业：${PARTNER1}`, `统一社会信用代码：${PARTNER1_CODE}`]),
      );
      expect((await decided(pipeline, token, first.submissionId)).state).toBe("ACCEPTED");

      const view = (await form(pipeline, token)).body as ApplicationFormView;
      expect(view.evidence).toMatchObject({ submissionId: first.submissionId, pageCount: 4 });
      expect((await findings("partners.1")).map((f) => f.code)).toEqual([
        "EVIDENCE_CLAIM_FOUND",
        "EVIDENCE_CLAIM_FOUND",
      ]);
      expect((await findings("school")).map((f) => f.code)).toContain("EVIDENCE_CLAIM_FOUND");
      const scanned = await findings("partners.2");
      expect(scanned.map((f) => f.code)).toEqual(["EVIDENCE_PAGE_SCANNED"]);
      expect(scanned[0]).toMatchObject({ severity: "manual", pages: [3] });
      expect(scanned[0]?.message).toContain("扫描页，需人工核对");
      // Page references past the 4-page file are gaps the school must close.
      expect((await findings("conditions")).map((f) => f.code)).toContain("EVIDENCE_PAGE_OUT_OF_RANGE");

      // A new evidence file whose page 2 no longer names the company: the finding turns into a warning.
      const second = await submit(
        pipeline,
        token,
        officialName(school.name),
        await evidence(["校企合作协议（企业名称见附页）"]),
      );
      expect((await decided(pipeline, token, second.submissionId)).state).toBe("ACCEPTED");
      const missing = await findings("partners.1");
      expect(missing.map((f) => f.code)).toEqual(["EVIDENCE_CLAIM_NOT_FOUND", "EVIDENCE_CLAIM_NOT_FOUND"]);
      expect(missing.map((f) => f.severity)).toEqual(["warning", "warning"]);
      expect(missing[0]?.message).toContain(PARTNER1);
    });

    /** A function's DynamoDB and S3 requests since `calls` was emptied, as `Command` names without the suffix. */
    const requestsOf = (functionName: string) =>
      calls
        .filter((c) => c.functionName === functionName && c.call.service !== "ses")
        .filter((c) => !(c.call.command === "QueryCommand" && c.call.index === "gsi1"))
        .map((c) => c.call.command.replace(/Command$/, ""));

    it("a form saved after the link, before the evidence: processing skips, the page's read recomputes against it", async () => {
      const late = await registerSchool(pipeline, 13, "河南商贸职业技术学院");
      const fileName = officialName(late.school.name);
      const pdf = await evidence([`合作企业：${PARTNER1}`, `统一社会信用代码：${PARTNER1_CODE}`]);
      const link = await requestUploadLink(pipeline.baseUrl, late.token, {
        fileName,
        size: pdf.byteLength,
        documentType: "evidence",
      });
      if (!link.ok) throw new Error(`link refused: ${link.error.status} ${link.error.code}`);
      // The link was issued to a school without a form; the form is saved before the file arrives.
      expect((await form(pipeline, late.token, { form: passingInput() })).status).toBe(200);
      const forms = new DynamoApplicationFormStore(pipeline.stack.clients.document, LOCAL_TABLE);
      const saved = await forms.getForm(late.school.schoolId);
      expect(saved?.prescreenBasis).toMatchObject({ evidenceSubmissionId: null });
      expect((await pipeline.repositories.schools.getSchool(late.school.schoolId))?.formSavedAt).toBe(
        saved?.updatedAt,
      );
      await pipeline.idle();
      calls.length = 0;

      expect((await postFile(link.link.upload, pdf, fileName)).status).toBe(204);
      expect((await decided(pipeline, late.token, link.link.submissionId)).state).toBe("ACCEPTED");
      await pipeline.idle();

      // Processing kept the text and read no form; the stored pre-screen still judges no evidence.
      expect(requestsOf("process-upload")).toContain("PutObject");
      expect(requestsOf("process-upload")).not.toContain("BatchGetItem");
      expect(await forms.getForm(late.school.schoolId)).toStrictEqual(saved);

      calls.length = 0;
      const view = (await form(pipeline, late.token)).body as ApplicationFormView;
      expect(view.evidence).toStrictEqual({ submissionId: link.link.submissionId, pageCount: 4 });
      const found = (section: string) =>
        (view.prescreen?.evidence ?? []).filter((f) => f.section === section).map((f) => f.code);
      // The page texts are cross-checked: the company named on its cited page, the scanned page for people.
      expect(found("partners.1")).toEqual(["EVIDENCE_CLAIM_FOUND", "EVIDENCE_CLAIM_FOUND"]);
      expect(found("partners.2")).toEqual(["EVIDENCE_PAGE_SCANNED"]);
      expect(found("conditions")).toContain("EVIDENCE_PAGE_OUT_OF_RANGE");
      // The school's token, the form with the pointer, the evidence's verdict and text, the recomputed pre-screen.
      expect(requestsOf("application-form")).toEqual([
        "GetItem",
        "BatchGetItem",
        "GetItem",
        "GetObject",
        "UpdateItem",
      ]);
      const healed = await forms.getForm(late.school.schoolId);
      expect(healed?.prescreen).toStrictEqual(view.prescreen);
      expect(healed?.prescreenBasis).toStrictEqual({
        formUpdatedAt: saved?.updatedAt,
        evidenceSubmissionId: link.link.submissionId,
        evidencePageCount: 4,
        evidenceText: true,
      });

      // Now it stands: the page's read is the token's school and one read of the form with the pointer.
      calls.length = 0;
      expect((await form(pipeline, late.token)).body).toStrictEqual(view);
      expect(requestsOf("application-form")).toEqual(["GetItem", "BatchGetItem"]);
    });
  },
);
