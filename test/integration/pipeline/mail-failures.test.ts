import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { type FaultProxy, type ProxiedRequest, startFaultProxy } from "./fault-proxy.ts";
import {
  decided,
  eventually,
  mailTo,
  officialName,
  type Pipeline,
  receiptsFor,
  recordsOf,
  registerSchool,
  routeThrough,
  startPipeline,
  submit,
} from "./harness.ts";

const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];
const MAX_RECEIVES = 4;

/** A SendEmail call to this address (SES v1 form parameters, decoded). */
const sendingTo = (address: string) => (request: ProxiedRequest) =>
  request.text.includes(`Destination.ToAddresses.member.1=${address}&`);

/**
 * SES between the function and the mailbox is a real endpoint that can refuse calls (503 ServiceUnavailable, on
 * every SDK attempt) or hold one. The verdict is recorded before the receipt is sent, so each failure here is the
 * crash "after recording, before e-mailing": the message comes back, and the receipt goes out once.
 */
describe("SES failing: receipts are retried, never duplicated, and the verdict stands", () => {
  let pipeline: Pipeline;
  let ses: FaultProxy;
  let undoRouting: () => void;

  beforeAll(async () => {
    pipeline = await startPipeline({
      reviewers: REVIEWERS,
      maxReceiveCount: MAX_RECEIVES,
      retryDelayMs: 100,
    });
    ses = await startFaultProxy(pipeline.stack.endpoints.ses);
    undoRouting = routeThrough(pipeline, "SES", ses.url);
  });

  afterAll(async () => {
    undoRouting?.();
    await ses?.close();
    await pipeline?.stop();
  });

  it("sends the receipt once when the mailer failed once after the verdict was recorded", async () => {
    const { school, token } = await registerSchool(pipeline, 41, "河南邮件重试职业学院");
    ses.failCalls(1, sendingTo(school.email));
    const retry = ses.holdNext(sendingTo(school.email));

    const { submissionId } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 5 }),
    );
    await retry.arrived;
    const [beforeRetry] = await recordsOf(pipeline, school.schoolId);
    retry.release();
    const view = await decided(pipeline, token, submissionId);

    expect(ses.refusedCalls).toBe(1);
    expect(beforeRetry).toMatchObject({ submissionId, state: "ACCEPTED", verdict: { state: "ACCEPTED" } });
    expect(beforeRetry?.receiptSentAt).toBeUndefined();
    const [after] = await recordsOf(pipeline, school.schoolId);
    // The retry notifies the reviewers with links of its own (the first delivery's ids died with it), added to the
    // links the verdict's write stored, which stay as they were.
    const added = Object.entries(after?.reviewerLinks ?? {}).filter(
      ([hash]) => beforeRetry?.reviewerLinks?.[hash] === undefined,
    );
    expect(added.map(([, link]) => link.reviewer)).toEqual(REVIEWERS);
    expect(after).toEqual({
      ...beforeRetry,
      receiptSentAt: expect.any(String),
      reviewersNotified: REVIEWERS,
      reviewersNotifiedAt: expect.any(String),
      reviewerLinks: { ...beforeRetry?.reviewerLinks, ...Object.fromEntries(added) },
    });
    expect(await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "")).toHaveLength(1);
    expect(await mailTo(pipeline, school.email)).toHaveLength(1);
  });

  it("sends the receipt once SES recovers from an outage that outlasted several deliveries", async () => {
    const { school, token } = await registerSchool(pipeline, 42, "河南邮件故障职业学院");
    ses.outage();
    const refusedBefore = ses.refusedCalls;

    const { submissionId } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 6 }),
    );
    // Two deliveries have failed on the receipt: the verdict is recorded, the receipt is not sent.
    await eventually(
      "two refused receipt deliveries",
      async () => ses.refusedCalls - refusedBefore,
      (n) => n >= 2,
    );
    const [duringOutage] = await recordsOf(pipeline, school.schoolId);
    ses.restore();
    const view = await decided(pipeline, token, submissionId);

    expect(duringOutage?.verdict).toBeDefined();
    expect(duringOutage?.receiptSentAt).toBeUndefined();
    const records = await recordsOf(pipeline, school.schoolId);
    expect(records).toHaveLength(1);
    expect(records[0]?.verdict).toEqual(duringOutage?.verdict);
    expect(await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "")).toHaveLength(1);
    expect(pipeline.stack.eventDelivery.listDeadLetters()).toEqual([]);
  });

  it("sends each reviewer one notice when SES fails between two reviewers' notices", async () => {
    const { school, token } = await registerSchool(pipeline, 43, "河南评审通知职业学院");
    const noticesBefore = await Promise.all(REVIEWERS.map((r) => mailTo(pipeline, r)));
    ses.failCalls(1, sendingTo(REVIEWERS[1] ?? ""));

    const { submissionId } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 7 }),
    );
    const view = await decided(pipeline, token, submissionId);

    const receiptNumber = view.receipt?.receiptNumber ?? "";
    expect(await receiptsFor(pipeline, school, receiptNumber)).toHaveLength(1);
    for (const [i, reviewer] of REVIEWERS.entries()) {
      const notices = (await mailTo(pipeline, reviewer)).slice(noticesBefore[i]?.length);
      expect(notices.map((m) => m.subject)).toEqual([
        `【待评审】河南评审通知职业学院（数控技术专业） 佐证材料 ${receiptNumber}`,
      ]);
    }
  });

  it("dead-letters the message when SES stays down, and a replay after recovery sends the receipt once", async () => {
    const { school, token } = await registerSchool(pipeline, 44, "河南死信重放职业学院");
    ses.outage();

    const { submissionId } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 4 }),
    );
    await pipeline.idle();
    const letters = pipeline.stack.eventDelivery.listDeadLetters();
    const [outageRecord] = await recordsOf(pipeline, school.schoolId);
    ses.restore();
    await pipeline.stack.eventDelivery.replayDeadLetters();
    await pipeline.stack.eventDelivery.replayDeadLetters(); // a second replay finds nothing to re-drive
    const view = await decided(pipeline, token, submissionId);

    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ receiveCount: MAX_RECEIVES });
    expect(letters[0]?.body).toContain(submissionId);
    expect(outageRecord?.state).toBe("ACCEPTED");
    expect(outageRecord?.receiptSentAt).toBeUndefined();
    expect(pipeline.stack.eventDelivery.listDeadLetters()).toEqual([]);
    const records = await recordsOf(pipeline, school.schoolId);
    expect(records.map((r) => r.verdict)).toEqual([outageRecord?.verdict]);
    expect(await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "")).toHaveLength(1);
    expect(await mailTo(pipeline, school.email)).toHaveLength(1);
  });
});
