import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { postFile, requestUploadLink, type UploadLink } from "../../../infra/local/school-client.ts";
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
  type SubmissionView,
  sleep,
  startPipeline,
  submit,
} from "./harness.ts";

const REVIEWER = "expert@review.henan.gov.cn";
/** Time for the stack to start and a school to get its links before the call closes. */
const DEADLINE_AHEAD_MS = 5_000;

/**
 * The call closes a few seconds after the stack starts. A link obtained in time does not make an upload completed
 * after the deadline timely: S3's event time is what counts. An upload completed in time counts even if it is
 * examined after the deadline.
 */
describe("the deadline passes between the link and the upload", () => {
  let pipeline: Pipeline;
  let school: SchoolRecord;
  let token: string;
  let deadline: Date;
  let onTime: { submissionId: string; view: SubmissionView };
  let late: { submissionId: string; view: SubmissionView };
  let lateUploadedAt: number;

  beforeAll(async () => {
    deadline = new Date(Date.now() + DEADLINE_AHEAD_MS);
    pipeline = await startPipeline({ deadline: deadline.toISOString(), reviewers: [REVIEWER] });
    ({ school, token } = await registerSchool(pipeline, 6, "河南截止测试职业学院"));
    const pdf = await samplePdf({ pages: 10 });
    const fileName = officialName(school.name);
    const first = await submit(pipeline, token, fileName, pdf);
    const link = await requestUploadLink(pipeline.baseUrl, token, { fileName, size: pdf.byteLength });
    if (!link.ok) throw new Error(`the stack started too slowly for the deadline: ${link.error.code}`);
    if (Date.now() >= deadline.getTime()) throw new Error("the stack started too slowly for the deadline");

    await sleep(deadline.getTime() - Date.now() + 200);
    lateUploadedAt = Date.now();
    const posted = await postFile((link.link as UploadLink).upload, pdf, fileName);
    if (posted.status !== 204) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);

    onTime = { submissionId: first.submissionId, view: await decided(pipeline, token, first.submissionId) };
    late = {
      submissionId: link.link.submissionId,
      view: await decided(pipeline, token, link.link.submissionId),
    };
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it("records the late upload as LATE with DEADLINE_PASSED, not as a version of the application", () => {
    expect(late.view).toMatchObject({ state: "LATE", pageCount: 10, supersededBy: null });
    expect(Date.parse(late.view.uploadedAt ?? "")).toBeGreaterThan(deadline.getTime());
    expect(Date.parse(late.view.uploadedAt ?? "")).toBeGreaterThanOrEqual(lateUploadedAt - 1000);
    expect(codes(late.view.findings)).toEqual(["DEADLINE_PASSED"]);
    expect(late.view.findings[0]?.severity).toBe("error");
    expect(late.view.receipt).toMatchObject({ version: null, replaces: null });
  });

  it("tells the school in the receipt that the upload was late (逾期) and the earlier one stands", async () => {
    const receipts = await receiptsFor(pipeline, school, late.view.receipt?.receiptNumber ?? "");

    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.subject).toBe(
      `【申报回执】${late.view.receipt?.receiptNumber} 河南截止测试职业学院 佐证材料逾期提交，不予受理`,
    );
    const text = receipts[0]?.body.text ?? "";
    expect(text).toContain("检查结论：逾期提交，不予受理");
    expect(text).toContain("已超过截止时间");
    expect(text).toContain("此前已受理的提交（如有）仍然有效");
  });

  it("keeps the upload completed before the deadline as the application, and tells reviewers of it only", async () => {
    expect(onTime.view).toMatchObject({ state: "ACCEPTED", findings: [], receipt: { version: 1 } });
    expect(Date.parse(onTime.view.uploadedAt ?? "")).toBeLessThan(deadline.getTime());
    expect((await applicationOf(pipeline, school.schoolId))?.currentSubmissionId).toBe(onTime.submissionId);
    const notices = await mailTo(pipeline, REVIEWER);
    expect(notices.map((m) => m.subject)).toEqual([
      `【待评审】河南截止测试职业学院（数控技术专业） 佐证材料 ${onTime.view.receipt?.receiptNumber}`,
    ]);
    expect(await mailTo(pipeline, school.email)).toHaveLength(2);
  });

  it("refuses a link requested after the deadline with 403 DEADLINE_PASSED and records nothing", async () => {
    const answer = await requestUploadLink(pipeline.baseUrl, token, {
      fileName: officialName(school.name),
      size: 1000,
    });

    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({ status: 403, code: "DEADLINE_PASSED" });
    expect(answer.error.message).toContain("截止");
    expect((await recordsOf(pipeline, school.schoolId)).map((r) => r.submissionId)).toEqual([
      onTime.submissionId,
      late.submissionId,
    ]);
  });
});
