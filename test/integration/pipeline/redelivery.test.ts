import { DeleteObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { postFile, requestUploadLink, sentEmails } from "../../../infra/local/school-client.ts";
import { LOCAL_BUCKET } from "../../../infra/local/shenbao-local.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.ts";
import {
  codes,
  decided,
  mailTo,
  officialName,
  type Pipeline,
  receiptsFor,
  recordsOf,
  registerSchool,
  routeThrough,
  sleep,
  startPipeline,
  status,
  submit,
} from "./harness.ts";

const REVIEWER = "expert@review.henan.gov.cn";
const MAX_RECEIVES = 3;

/**
 * S3 and SQS deliver at least once, late, out of order and side by side; objects can vanish before they are read;
 * a queue can carry junk. None of it may produce a second verdict or a second e-mail, or lose a receipt.
 */
let pipeline: Pipeline;
/** Between the functions and S3, to hold a request while the test acts. */
let s3Proxy: FaultProxy;
let undoRouting: () => void;
/** Straight to the S3 emulator, past the proxy. */
let s3: S3Client;
/** Every school registered here, for checks that nothing changed anywhere. */
const schools: SchoolRecord[] = [];

beforeAll(async () => {
  pipeline = await startPipeline({ reviewers: [REVIEWER], maxReceiveCount: MAX_RECEIVES, retryDelayMs: 50 });
  s3 = pipeline.stack.clients.s3;
  s3Proxy = await startFaultProxy(pipeline.stack.endpoints.s3);
  undoRouting = routeThrough(pipeline, "S3", s3Proxy.url);
});

afterAll(async () => {
  undoRouting?.();
  await s3Proxy?.close();
  await pipeline?.stop();
});

/** The S3 notification that announced this submission's upload, exactly as S3 sent it. */
function eventBody(submissionId: string): string {
  const event = pipeline.s3Events.find((e) => e.Records[0]?.s3.object.key.includes(`/${submissionId}/`));
  if (!event) throw new Error(`no S3 event for ${submissionId}`);
  return JSON.stringify(event);
}

describe("duplicate and out-of-order S3 events", () => {
  let school: SchoolRecord;
  let token: string;
  let firstEvent: string;

  beforeAll(async () => {
    ({ school, token } = await registerSchool(pipeline, 3, "河南重复投递职业学院"));
    schools.push(school);
  });

  it("records one verdict and sends one receipt when S3 announces an upload four times at once", async () => {
    const { submissionId } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 8 }),
    );
    // The first notification is queued by now; three copies join it in one batch, which is handled in parallel.
    firstEvent = eventBody(submissionId);
    pipeline.stack.eventDelivery.deliverRawRecords([firstEvent, firstEvent, firstEvent]);

    const view = await decided(pipeline, token, submissionId);

    expect(view.state).toBe("ACCEPTED");
    expect(await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "")).toHaveLength(1);
    expect(await mailTo(pipeline, REVIEWER)).toHaveLength(1);
    expect((await recordsOf(pipeline, school.schoolId)).map((r) => r.state)).toEqual(["ACCEPTED"]);
  });

  it("changes nothing when old events come again later, duplicated and out of order", async () => {
    const { submissionId } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 9 }),
    );
    await decided(pipeline, token, submissionId);
    const secondEvent = eventBody(submissionId);
    const settled = await recordsOf(pipeline, school.schoolId);
    const mailbox = await mailTo(pipeline, school.email);
    const notices = await mailTo(pipeline, REVIEWER);

    // The newer upload's event first, then the older one's, then a burst of both together.
    pipeline.stack.eventDelivery.deliverRawRecords([secondEvent]);
    await pipeline.idle();
    pipeline.stack.eventDelivery.deliverRawRecords([firstEvent]);
    await pipeline.idle();
    pipeline.stack.eventDelivery.deliverRawRecords([
      secondEvent,
      firstEvent,
      secondEvent,
      firstEvent,
      firstEvent,
    ]);
    await pipeline.idle();

    expect(settled.map((r) => [r.state, r.verdict?.version])).toEqual([
      ["SUPERSEDED", 1],
      ["ACCEPTED", 2],
    ]);
    expect(await recordsOf(pipeline, school.schoolId)).toEqual(settled);
    expect(await mailTo(pipeline, school.email)).toEqual(mailbox);
    expect(mailbox).toHaveLength(2);
    expect(await mailTo(pipeline, REVIEWER)).toEqual(notices);
    expect(notices).toHaveLength(2);
    expect(pipeline.stack.eventDelivery.listDeadLetters()).toEqual([]);
  });
});

describe("an object deleted between the upload and its processing", () => {
  it("is rejected with FILE_MISSING, with one receipt and no reviewer notice", async () => {
    const { school, token } = await registerSchool(pipeline, 10, "河南缺失文件职业学院");
    schools.push(school);
    const notices = await mailTo(pipeline, REVIEWER);
    // The function's first look at the object (its GET: the size comes with the event) waits at the proxy while
    // the object is deleted.
    const look = s3Proxy.holdNext((r) => r.method === "GET" && r.url.startsWith(`/${LOCAL_BUCKET}/uploads/`));

    const { submissionId, link } = await submit(
      pipeline,
      token,
      officialName(school.name),
      await samplePdf({ pages: 5 }),
    );
    const held = await look.arrived;
    const key = link.upload.fields.key ?? "";
    await s3.send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET, Key: key })); // it was there
    await s3.send(new DeleteObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }));
    look.release();
    const view = await decided(pipeline, token, submissionId);

    expect(held.url).toContain(`/${submissionId}/`);
    expect(view).toMatchObject({ state: "REJECTED", pageCount: null, sha256: null, size: 0 });
    expect(codes(view.findings)).toEqual(["FILE_MISSING"]);
    const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.body.text).toContain("[错误] 上传的文件在检查前已不存在（可能已被删除），无法检查。");
    expect(receipts[0]?.body.text).toContain("处理办法：请重新申请上传链接并再次上传文件。");
    expect(await mailTo(pipeline, school.email)).toHaveLength(1);
    expect(await mailTo(pipeline, REVIEWER)).toEqual(notices);
    expect(pipeline.stack.eventDelivery.listDeadLetters()).toEqual([]);
  });
});

describe("a delivery that died while working on a submission", () => {
  it("holds it only until its invocation would have ended; then a redelivery finishes the work once", async () => {
    const { school, token } = await registerSchool(pipeline, 11, "河南中断处理职业学院");
    schools.push(school);
    const pdf = await samplePdf({ pages: 3 });
    const fileName = officialName(school.name);
    const link = await requestUploadLink(pipeline.baseUrl, token, { fileName, size: pdf.byteLength });
    if (!link.ok) throw new Error(link.error.code);
    const { submissionId } = link.link;
    // What a delivery leaves when its Lambda dies mid-work: a lease running to the end of its invocation.
    const lapsesAt = Date.now() + 1500;
    const lease = await pipeline.repositories.submissions.acquireLease(school.schoolId, submissionId, {
      owner: "a-delivery-that-died",
      now: new Date().toISOString(),
      until: new Date(lapsesAt).toISOString(),
    });

    expect((await postFile(link.link.upload, pdf, fileName)).status).toBe(204);
    await pipeline.idle();
    const meanwhile = await status(pipeline, token, submissionId);
    await sleep(lapsesAt - Date.now() + 50);
    pipeline.stack.eventDelivery.deliverRawRecords([eventBody(submissionId)]);
    const view = await decided(pipeline, token, submissionId);

    expect(lease).toBe("acquired");
    // The upload's own delivery found the lease held and left the work to its holder.
    expect(meanwhile.body).toMatchObject({ state: "PENDING", receipt: null });
    expect(view).toMatchObject({ state: "ACCEPTED", pageCount: 3 });
    expect(await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "")).toHaveLength(1);
    expect(await mailTo(pipeline, school.email)).toHaveLength(1);
  });
});

describe("messages that are not S3 events", () => {
  const poison = ["this is not JSON", JSON.stringify({ Records: [{ eventName: "ObjectCreated:Put" }] })];
  let ids: string[];

  /** Everything a stray message could touch: every record and every e-mail. */
  async function everything() {
    return {
      records: await Promise.all(schools.map((school) => recordsOf(pipeline, school.schoolId))),
      mail: await sentEmails(pipeline.mailStoreUrl),
    };
  }

  it("dead-letters them after maxReceiveCount receives, touching nothing", async () => {
    const before = await everything();

    ids = pipeline.stack.eventDelivery.deliverRawRecords(poison);
    await pipeline.idle();

    expect(
      pipeline.stack.eventDelivery.listDeadLetters().map((l) => [l.messageId, l.body, l.receiveCount]),
    ).toEqual([
      [ids[0], poison[0], MAX_RECEIVES],
      [ids[1], poison[1], MAX_RECEIVES],
    ]);
    expect(await everything()).toEqual(before);
  });

  it("re-drives them on replay, alongside a redelivered real event, without duplicating anything", async () => {
    const before = await everything();
    const realEvent = JSON.stringify(pipeline.s3Events.at(-1));

    const replayed = await pipeline.stack.eventDelivery.replayDeadLetters();
    pipeline.stack.eventDelivery.deliverRawRecords([realEvent]);
    await pipeline.idle();

    expect([...replayed].sort()).toEqual([...ids].sort());
    // Back in the dead-letter queue once each, after another maxReceiveCount receives.
    const letters = pipeline.stack.eventDelivery.listDeadLetters();
    expect(letters.map((l) => [l.messageId, l.receiveCount]).sort()).toEqual(
      ids.map((id) => [id, MAX_RECEIVES]).sort(),
    );
    expect(await everything()).toEqual(before);
  });
});
