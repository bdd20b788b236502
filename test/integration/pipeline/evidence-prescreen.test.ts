/**
 * The pre-screen follows the 佐证材料 on the embedded stack: a school saves its 申报书 form citing evidence pages, then
 * uploads evidence; process-upload keeps the accepted file's page texts (S3, evidence-text/…) and recomputes the
 * pre-screen, which GET /api/me/application-form shows: a company name found or missing on its cited page, and a
 * scanned cited page marked for people.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplicationFormView } from "../../../shared/api/application-form-view.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import { evidencePdf } from "../../fixtures/pdf/evidence-pdf.ts";
import { bodyLines } from "../../fixtures/pdf/text-documents.ts";
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

describe("the pre-screen recomputed when a 佐证材料 is accepted", () => {
  let pipeline: Pipeline;
  let school: SchoolRecord;
  let token: string;

  beforeAll(async () => {
    pipeline = await startPipeline();
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
});
