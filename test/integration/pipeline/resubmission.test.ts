import { GetObjectTaggingCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { LOCAL_BUCKET } from "../../../infra/local/shenbao-local.ts";
import { DISPOSAL_TAG } from "../../../shared/aws/s3-object-store.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import {
  applicationOf,
  decided,
  mailTo,
  officialName,
  type Pipeline,
  receiptsFor,
  recordsOf,
  registerSchool,
  type SubmissionView,
  sha256,
  startPipeline,
  status,
  submit,
} from "./harness.ts";

const REVIEWER = "expert@review.henan.gov.cn";

/** One application per school: a newer accepted upload replaces the current one; every version stays on record. */
describe("resubmission before the deadline", () => {
  let pipeline: Pipeline;
  let school: SchoolRecord;
  let token: string;
  let first: { id: string; view: SubmissionView };
  let second: { id: string; view: SubmissionView; sha: string };

  beforeAll(async () => {
    pipeline = await startPipeline({ reviewers: [REVIEWER] });
    ({ school, token } = await registerSchool(pipeline, 7, "河南重新提交职业学院"));
    const fileName = officialName(school.name);
    const a = await submit(pipeline, token, fileName, await samplePdf({ pages: 12 }));
    first = { id: a.submissionId, view: await decided(pipeline, token, a.submissionId) };
    const pdf = await samplePdf({ pages: 14 });
    const b = await submit(pipeline, token, fileName, pdf);
    second = { id: b.submissionId, view: await decided(pipeline, token, b.submissionId), sha: sha256(pdf) };
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it("supersedes the first accepted upload by the second", async () => {
    const { body } = await status(pipeline, token, first.id);

    expect(body).toMatchObject({ state: "SUPERSEDED", supersededBy: second.id, pageCount: 12 });
    expect(body.receipt).toMatchObject({
      version: 1,
      replaces: null,
      receiptNumber: first.view.receipt?.receiptNumber,
    });
  });

  it("makes the second upload version 2, the school's application, replacing the first", async () => {
    expect(second.view).toMatchObject({
      state: "ACCEPTED",
      pageCount: 14,
      sha256: second.sha,
      supersededBy: null,
      receipt: { version: 2, replaces: first.id },
    });
    expect((await applicationOf(pipeline, school.schoolId))?.currentSubmissionId).toBe(second.id);
  });

  it("says in the second receipt that it is the 2nd valid submission and which receipt it replaces", async () => {
    const [receipt, ...more] = await receiptsFor(pipeline, school, second.view.receipt?.receiptNumber ?? "");

    expect(more).toEqual([]);
    const text = receipt?.body.text ?? "";
    expect(text).toContain(
      `版本：第 2 次有效提交，替代回执编号 ${first.view.receipt?.receiptNumber}（提交于 `,
    );
    expect(text).toContain("页数：14 页");
    expect(text).toContain(`SHA-256：${second.sha}`);
  });

  it("leaves the second upload current when a third one is rejected", async () => {
    const third = await submit(pipeline, token, officialName(school.name), await samplePdf({ pages: 60 }));
    const view = await decided(pipeline, token, third.submissionId);

    expect(view).toMatchObject({ state: "REJECTED", receipt: { version: null, replaces: null } });
    expect((await status(pipeline, token, second.id)).body).toMatchObject({
      state: "ACCEPTED",
      supersededBy: null,
    });
    expect((await applicationOf(pipeline, school.schoolId))?.currentSubmissionId).toBe(second.id);
    const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
    expect(receipts[0]?.body.text).toContain("此前已受理的提交（如有）仍然有效");
  });

  it("keeps every version on record with its verdict, and sent one receipt each and reviewers two notices", async () => {
    const records = await recordsOf(pipeline, school.schoolId);

    expect(records.map((r) => [r.state, r.verdict?.state, r.verdict?.version])).toEqual([
      ["SUPERSEDED", "ACCEPTED", 1],
      ["ACCEPTED", "ACCEPTED", 2],
      ["REJECTED", "REJECTED", undefined],
    ]);
    expect(await mailTo(pipeline, school.email)).toHaveLength(3);
    expect((await mailTo(pipeline, REVIEWER)).map((m) => m.body.text?.match(/版本：(.*)/)?.[1])).toEqual([
      "第 1 次有效提交",
      "第 2 次有效提交",
    ]);
  });

  it("tags the superseded and the rejected uploads for the bucket's expiry rule, and not the current one", async () => {
    const records = await recordsOf(pipeline, school.schoolId);
    const tags = await Promise.all(
      records.map(async (r) => {
        const { TagSet } = await pipeline.stack.clients.s3.send(
          new GetObjectTaggingCommand({ Bucket: LOCAL_BUCKET, Key: r.objectKey }),
        );
        return [r.state, TagSet?.find((t) => t.Key === DISPOSAL_TAG.key)?.Value ?? null];
      }),
    );

    expect(tags).toEqual([
      ["SUPERSEDED", "expire"],
      ["ACCEPTED", null],
      ["REJECTED", "expire"],
    ]);
  });
});
