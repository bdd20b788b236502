import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { sentEmails } from "../../../infra/local/school-client.ts";
import {
  decided,
  officialName,
  type Pipeline,
  registerSchool,
  startPipeline,
  submit,
} from "../pipeline/harness.ts";

const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];

/** shenbao as `npm start` runs it: the emulators in a process of their own, two inspection workers. */
describe("shenbao with its emulators in a child process and a pool of inspectors", () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ reviewers: REVIEWERS, emulatorProcess: true, inspectors: 2 });
  }, 60_000);

  afterAll(async () => {
    await pipeline?.stop();
  });

  it("takes four schools' uploads at once to one verdict, one receipt and one notice per reviewer each", async () => {
    const pdf = await samplePdf({ pages: 12 });
    const schools = await Promise.all(
      [1, 2, 3, 4].map((n) => registerSchool(pipeline, 40 + n, `河南第${"一二三四"[n - 1]}职业技术学院`)),
    );
    const submitted = await Promise.all(
      schools.map(({ school, token }) => submit(pipeline, token, officialName(school.name), pdf)),
    );
    const views = await Promise.all(
      submitted.map(({ submissionId }, i) => decided(pipeline, schools[i]?.token ?? "", submissionId)),
    );

    expect(views.map((v) => v.state)).toEqual(["ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"]);
    const mail = await sentEmails(pipeline.mailStoreUrl);
    for (const [i, { school }] of schools.entries()) {
      const receipts = mail.filter(
        (m) => m.destination.to.includes(school.email) && m.subject.startsWith("【申报回执】"),
      );
      expect(receipts).toHaveLength(1);
      expect(receipts[0]?.body.text).toContain(submitted[i]?.submissionId);
    }
    for (const reviewer of REVIEWERS) {
      expect(mail.filter((m) => m.destination.to.includes(reviewer))).toHaveLength(4);
    }
    expect(pipeline.stack.eventDelivery.listDeadLetters()).toEqual([]);
  }, 60_000);
});
