import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { postFile, requestUploadLink } from "../../../infra/local/school-client.ts";
import { LOCAL_BUCKET } from "../../../infra/local/shenbao-local.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import {
  codes,
  decided,
  downloadLinkIn,
  mailTo,
  officialName,
  type Pipeline,
  receiptsFor,
  recordsOf,
  registerSchool,
  rfc5987FileName,
  type SubmissionView,
  sha256,
  startPipeline,
  submit,
} from "./harness.ts";

const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];

let pipeline: Pipeline;

beforeAll(async () => {
  pipeline = await startPipeline({ reviewers: REVIEWERS });
});

afterAll(async () => {
  await pipeline?.stop();
});

/** GETs a reviewer's download link: status, headers that matter, and the bytes. */
async function download(url: string) {
  const response = await fetch(url);
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    disposition: response.headers.get("content-disposition") ?? "",
    sha256: sha256(new Uint8Array(await response.arrayBuffer())),
  };
}

describe("an accepted submission: link, upload, verdict, receipt, reviewers' download", () => {
  let school: SchoolRecord;
  let token: string;
  let pdf: Uint8Array;
  let fileName: string;
  let submissionId: string;
  let view: SubmissionView;

  beforeAll(async () => {
    ({ school, token } = await registerSchool(pipeline, 1, "河南示范职业技术学院"));
    pdf = await samplePdf({ pages: 20 });
    fileName = officialName(school.name);
    ({ submissionId } = await submit(pipeline, token, fileName, pdf));
    view = await decided(pipeline, token, submissionId);
  });

  it("records the verdict ACCEPTED with the file's size, pages and SHA-256, as version 1", () => {
    expect(view).toMatchObject({
      submissionId,
      state: "ACCEPTED",
      fileName,
      size: pdf.byteLength,
      pageCount: 20,
      sha256: sha256(pdf),
      findings: [],
      receipt: { version: 1, replaces: null },
      supersededBy: null,
    });
    expect(view.receipt?.receiptNumber).toMatch(/^SB\d{8}-[0-9A-Z]{10}$/);
    expect(view.receipt?.emailedAt).not.toBeNull();
  });

  it("keeps exactly one record for the school, under the school's own key", async () => {
    const records = await recordsOf(pipeline, school.schoolId);

    expect(records.map((r) => [r.submissionId, r.state])).toEqual([[submissionId, "ACCEPTED"]]);
    expect(records[0]?.objectKey).toBe(`uploads/${school.schoolId}/${submissionId}/${fileName}`);
  });

  it("e-mails the school one receipt with the receipt number, pages and the file's SHA-256", async () => {
    const receiptNumber = view.receipt?.receiptNumber ?? "";

    const [receipt, ...more] = await receiptsFor(pipeline, school, receiptNumber);

    expect(more).toEqual([]);
    expect(await mailTo(pipeline, school.email)).toHaveLength(1);
    expect(receipt?.subject).toBe(`【申报回执】${receiptNumber} 河南示范职业技术学院 佐证材料已受理`);
    const text = receipt?.body.text ?? "";
    expect(text).toContain(`回执编号：${receiptNumber}\n`);
    expect(text).toContain(`文件名：${fileName}\n`);
    expect(text).toContain("检查结论：已受理\n");
    expect(text).toContain("页数：20 页\n");
    expect(text).toContain(`SHA-256：${sha256(pdf)}\n`);
    expect(text).toContain("版本：第 1 次有效提交\n");
    expect(text).toContain(`提交编号：${submissionId}\n`);
    expect(text).toContain("未发现问题。");
    expect(receipt?.body.html).toContain(sha256(pdf));
  });

  it("notifies each reviewer once, with a link that downloads the very bytes under the Chinese name", async () => {
    const receiptNumber = view.receipt?.receiptNumber ?? "";

    for (const reviewer of REVIEWERS) {
      const notices = await mailTo(pipeline, reviewer);
      expect(notices.map((m) => m.subject)).toEqual([
        `【待评审】河南示范职业技术学院（数控技术专业） 佐证材料 ${receiptNumber}`,
      ]);
      expect(notices[0]?.body.text).toContain(`SHA-256：${sha256(pdf)}`);

      const file = await download(downloadLinkIn(notices[0]?.body.text));
      expect(file).toMatchObject({ status: 200, contentType: "application/pdf", sha256: sha256(pdf) });
      // ASCII only (a raw Chinese header breaks S3's signature), the real name in RFC 5987 form.
      expect(file.disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[\w%.~-]+$/);
      expect(rfc5987FileName(file.disposition)).toBe(fileName);
    }
  });

  it("sends nothing else and leaves no dead letter", async () => {
    const mail = await Promise.all([school.email, ...REVIEWERS].map((a) => mailTo(pipeline, a)));

    expect(mail.map((m) => m.length)).toEqual([1, 1, 1]);
    expect(pipeline.stack.eventDelivery.listDeadLetters()).toEqual([]);
  });
});

/**
 * A file name travels as typed: JSON to the API, a key in the POST policy, the S3 key, the form-URL-encoded key in
 * the S3 event, the decoded key in processing, the record, the receipt, and an RFC 5987 download name.
 */
describe("a Chinese file name through the whole path", () => {
  let s3: S3Client;
  const ZHENGZHOU = "河南交通职业技术学院（郑州校区）";
  const LUOYANG = "河南交通职业技术学院（洛阳校区）";

  beforeAll(() => {
    // The stack's own client (it closes it on stop).
    s3 = pipeline.stack.clients.s3;
  });

  it.each([
    // The school's own name carries full-width brackets, as official names do ("中国石油大学（华东）").
    ["full-width brackets", 91, ZHENGZHOU, officialName(ZHENGZHOU), []],
    // Spaces and a '+' in an extra bracket group: recognised (a warning), and the hardest key for S3 events.
    [
      "spaces and a '+'",
      92,
      LUOYANG,
      `${LUOYANG}职业教育高水平专业化产教融合实训中心申报材料（智能制造 + 数控 专业）（数控技术专业）.pdf`,
      ["NAME_NOT_CANONICAL"],
    ],
  ])(
    "keeps a name with %s byte for byte, from the link to the receipt and the download",
    async (_, n, schoolName, fileName, warnings) => {
      const { school, token } = await registerSchool(pipeline, n, schoolName);
      const bytes = await samplePdf({ pages: 6 });
      const link = await requestUploadLink(pipeline.baseUrl, token, { fileName, size: bytes.byteLength });
      if (!link.ok) throw new Error(`${link.error.code}: ${JSON.stringify(link.error.body)}`);
      const { submissionId, upload } = link.link;
      const key = `uploads/${school.schoolId}/${submissionId}/${fileName}`;

      // The link: the exact key; the checks before upload found at most a warning.
      expect(upload.fields.key).toBe(key);
      expect(codes((link.link as unknown as { findings: Array<{ code: string }> }).findings)).toEqual(
        warnings,
      );

      // S3: the object under the key as typed.
      expect((await postFile(upload, bytes, fileName)).status).toBe(204);
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: `uploads/${school.schoolId}/` }),
      );
      expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);

      // The event: the key form-URL-encoded as S3 sends it (space as '+', '+' as %2B), decoding back to the key.
      const view = await decided(pipeline, token, submissionId);
      const eventKeys = pipeline.s3Events
        .map((e) => e.Records[0]?.s3.object.key ?? "")
        .filter((k) => k.includes(`/${submissionId}/`));
      expect(eventKeys).toHaveLength(1);
      const [eventKey = ""] = eventKeys;
      expect(eventKey).not.toMatch(/[ （）]/u);
      expect(eventKey).toContain("%EF%BC%88"); // （ in UTF-8, percent-encoded
      expect(eventKey).toContain("%EF%BC%89"); // ）
      if (fileName.includes("+")) expect(eventKey).toContain("+%2B+");
      expect(decodeURIComponent(eventKey.replace(/\+/g, " "))).toBe(key);

      // The verdict and the status.
      expect(view).toMatchObject({ state: "ACCEPTED", fileName, pageCount: 6, sha256: sha256(bytes) });
      expect(codes(view.findings)).toEqual(warnings);

      // The receipt.
      const receipts = await receiptsFor(pipeline, school, view.receipt?.receiptNumber ?? "");
      expect(receipts.map((m) => m.subject)).toEqual([
        `【申报回执】${view.receipt?.receiptNumber} ${schoolName} 佐证材料已受理`,
      ]);
      const text = receipts[0]?.body.text ?? "";
      expect(text).toContain(`文件名：${fileName}\n`);
      if (warnings.length > 0) expect(text).toContain("1. [提示] ");

      // The reviewer's download: the RFC 5987 name and the very bytes.
      const notices = (await mailTo(pipeline, REVIEWERS[0] ?? "")).filter((m) =>
        m.subject.endsWith(` ${view.receipt?.receiptNumber}`),
      );
      expect(notices).toHaveLength(1);
      const file = await download(downloadLinkIn(notices[0]?.body.text));
      expect(file).toMatchObject({ status: 200, sha256: sha256(bytes) });
      expect(file.disposition).not.toMatch(/[^\x20-\x7e]/);
      expect(rfc5987FileName(file.disposition)).toBe(fileName);
    },
  );
});
