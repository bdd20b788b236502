/**
 * The process killed between any two steps: processing one upload makes a fixed sequence of calls to the store,
 * the bucket and the mail service. For every position k in that sequence, a delivery dies at call k (the call
 * throws, as a killed process or a failing DynamoDB/S3/SES would leave it), then the same message is redelivered.
 * The final state must be the same as without the crash: one verdict, one receipt, one notice per reviewer —
 * except where the crash falls between SES accepting a message and our record of it, the one window SES gives no
 * way to close (no idempotency key): there the message goes out twice, and this test pins exactly that.
 */
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { postFile, sentEmails } from "../../../infra/local/school-client.ts";
import { createInspector, type Inspector } from "../../../shared/pdf/inspector.ts";
import { type ProcessDeps, processUpload } from "../../../shared/processing/process-upload.ts";
import {
  objectVersionOf,
  type UploadedObject,
  uploadedObjectsFromBody,
} from "../../../shared/processing/uploaded-object.ts";
import { createReviewerLinkIssuer } from "../../../shared/reviewer-links/issue-link.ts";
import { passingInput } from "../../unit/prescreen/fixtures.ts";
import { officialName, type Pipeline, registerSchool, startPipeline, submit } from "./harness.ts";

const REVIEWERS = ["crash-reviewer1@review.henan.gov.cn", "crash-reviewer2@review.henan.gov.cn"];
/** Calls after which the e-mail is already out: a crash there means it is sent again. */
const AFTER_SEND = new Set(["markReceiptSent", "markReviewerNotified"]);

let pipeline: Pipeline;
let inspector: Inspector;
const held: S3Event[] = [];

beforeAll(async () => {
  pipeline = await startPipeline({ reviewers: REVIEWERS });
  // Hold S3's notifications: this test delivers each one itself, crash first.
  pipeline.stack.eventDelivery.publishS3Event = (event) => {
    held.push(event);
  };
  inspector = createInspector();
});

afterAll(async () => {
  await inspector?.close();
  await pipeline?.stop();
});

interface Counter {
  calls: string[];
  crashAt: number;
}

/** The port with every method counted; the call numbered `crashAt` throws instead of running. */
function crashing<T extends object>(port: T, counter: Counter): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        counter.calls.push(String(property));
        if (counter.calls.length === counter.crashAt) throw new Error(`killed at call ${counter.crashAt}`);
        return value.apply(target, args);
      };
    },
  });
}

function processDeps(counter: Counter | undefined, messageId: string): ProcessDeps {
  const deps = pipeline.dependencies;
  const wrap = <T extends object>(port: T) => (counter ? crashing(port, counter) : port);
  return {
    ctx: deps.ctx,
    schools: wrap(deps.schools),
    submissions: wrap(deps.submissions),
    objects: wrap(deps.objects),
    mailer: wrap(deps.mailer),
    inspector,
    reviewers: REVIEWERS,
    reviewerLinks: createReviewerLinkIssuer({
      store: wrap(deps.reviewerLinks),
      apiUrl: pipeline.baseUrl,
      lifetimeSeconds: 3600,
      clock: () => new Date(),
    }),
    delivery: { id: messageId, until: new Date(Date.now() + 60_000) },
    // The uploads are 佐证材料 of schools with a saved form: the text is kept and the pre-screen recomputed.
    prescreen: { forms: wrap(deps.forms), evidenceText: wrap(deps.evidenceText) },
    clock: () => new Date(),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}

async function uploadAndHold(n: number) {
  const { school, token } = await registerSchool(pipeline, 500 + n, `河南断点${n}职业学院`);
  const saved = await fetch(`${pipeline.baseUrl}/api/me/application-form`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ form: passingInput() }),
  });
  if (saved.status !== 200) throw new Error(`form refused: ${saved.status} ${await saved.text()}`);
  const fileName = officialName(school.name);
  const pdf = await samplePdf({ pages: 3 });
  const first = await heldEvent(() => submit(pipeline, token, fileName, pdf));
  /** The same file posted again through the same link: another object version, with its own notification. */
  const postAgain = async () =>
    (
      await heldEvent(async () => {
        const posted = await postFile(first.result.link.upload, pdf, fileName);
        if (posted.status !== 204) throw new Error(`S3 answered ${posted.status}: ${posted.body}`);
      })
    ).object;
  return { school, submissionId: first.result.submissionId, object: first.object, postAgain };
}

/** Runs `post` and returns, with its result, the uploaded object named by the S3 notification it caused. */
async function heldEvent<T>(post: () => Promise<T>): Promise<{ result: T; object: UploadedObject }> {
  const before = held.length;
  const result = await post();
  for (let i = 0; i < 200 && held.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
  const event = held.at(-1);
  if (held.length === before || !event) throw new Error("S3 sent no notification");
  const [object] = uploadedObjectsFromBody(JSON.stringify(event));
  return { result, object: object as UploadedObject };
}

async function mailCounts(email: string, receiptNumber: string) {
  const mail = await sentEmails(pipeline.mailStoreUrl);
  const about = (to: string) =>
    mail.filter((m) => m.destination.to.includes(to) && (m.body.text ?? "").includes(receiptNumber)).length;
  return { receipts: about(email), notices: REVIEWERS.map(about) };
}

/** What the reviewer-link route answers for the link in the latest notice to `to` about this receipt. */
async function latestLinkAnswers(to: string, receiptNumber: string): Promise<number> {
  const notices = (await sentEmails(pipeline.mailStoreUrl)).filter(
    (m) => m.destination.to.includes(to) && (m.body.text ?? "").includes(receiptNumber),
  );
  const url = /(https?:\/\/\S+\/r\/\S+)\n/.exec(notices.at(-1)?.body.text ?? "")?.[1];
  if (!url) return 0;
  return (await fetch(url, { redirect: "manual" })).status;
}

describe("a delivery killed between any two steps, then redelivered", () => {
  it("ends as if nothing had happened, at every crash point", async () => {
    // A clean run first: how many calls processing makes, and in what order.
    const clean: Counter = { calls: [], crashAt: 0 };
    const first = await uploadAndHold(0);
    await processUpload(first.object, processDeps(clean, "message-0"));
    console.info(`crash points: ${clean.calls.length}: ${clean.calls.join(", ")}`);
    // The whole sequence of a first accepted 佐证材料 with two reviewers and a saved form: one Query of the school's
    // submissions gives this upload's record (with the school the link request recorded) and the accepted history;
    // the size comes with the event (no HEAD); the verdict's write fences the version and takes the lease (the
    // claim: there is no claim call of its own), and stores both reviewers' links; this upload creates the pointer,
    // so the list is not read again; the last mark also records every reviewer notified and releases the lease;
    // then the text, read from the bytes this delivery holds, is kept, and the pre-screen reads the form and the
    // pointer in one call (not the submission or the text). A crash before the verdict leaves the submission
    // PENDING and unleased: the redelivery starts over from the Query. A crash after it leaves the lease with this
    // message, which the redelivery (same message id) takes back.
    expect(clean.calls).toEqual([
      "listSchoolSubmissions",
      "read",
      "recordVerdict",
      "placeApplication",
      "send",
      "markReceiptSent",
      "send",
      "markReviewerNotified",
      "send",
      "markReviewerNotified",
      "writeEvidenceText",
      "getFormAndApplication",
      "savePrescreen",
    ]);
    const cleanRecord = await pipeline.repositories.submissions.getSubmission(
      first.school.schoolId,
      first.submissionId,
    );
    expect(cleanRecord?.reviewersNotifiedAt).toBeDefined();

    const outcomes: string[] = [];
    for (let k = 1; k <= clean.calls.length; k += 1) {
      const { school, submissionId, object } = await uploadAndHold(k);
      const messageId = `message-${k}`;
      const counter: Counter = { calls: [], crashAt: k };
      await expect(processUpload(object, processDeps(counter, messageId))).rejects.toThrow(
        `killed at call ${k}`,
      );
      const killedAt = counter.calls[k - 1] ?? "";
      // The same SQS message comes back (same id, so the same lease owner).
      const again: Counter = { calls: [], crashAt: 0 };
      const outcome = await processUpload(object, processDeps(again, messageId));
      expect(outcome, `crash at ${k} (${killedAt})`).toMatchObject({ kind: "decided", state: "ACCEPTED" });

      const record = await pipeline.repositories.submissions.getSubmission(school.schoolId, submissionId);
      expect(record?.state, killedAt).toBe("ACCEPTED");
      expect(record?.receiptSentAt, killedAt).toBeDefined();
      expect([...(record?.reviewersNotified ?? [])].sort(), killedAt).toEqual([...REVIEWERS].sort());
      const counts = await mailCounts(school.email, record?.verdict?.receiptNumber ?? "?");
      const receiptTwice = killedAt === "markReceiptSent";
      const noticeTwice = REVIEWERS.map(
        (_, i) =>
          killedAt === "markReviewerNotified" &&
          counter.calls.filter((c) => c === "markReviewerNotified").length === i + 1,
      );
      expect(counts, `crash at ${k} (${killedAt})`).toEqual({
        receipts: receiptTwice ? 2 : 1,
        notices: noticeTwice.map((twice) => (twice ? 2 : 1)),
      });
      expect(record?.reviewersNotifiedAt, killedAt).toBeDefined();
      // Each reviewer's notice (the last one, where it went out twice) carries a link that downloads the file.
      for (const reviewer of REVIEWERS) {
        expect(await latestLinkAnswers(reviewer, record?.verdict?.receiptNumber ?? "?"), killedAt).toBe(302);
      }
      // A redelivery that finds the upload decided reads the object again only if the text was not kept yet; one
      // that decides it (the crash came before the verdict) reads it once, for both the verdict and the text.
      const textKeptBefore = k > clean.calls.indexOf("writeEvidenceText") + 1;
      const count = (name: string) => again.calls.filter((c) => c === name).length;
      expect({ read: count("read"), writeEvidenceText: count("writeEvidenceText") }, killedAt).toEqual(
        textKeptBefore ? { read: 0, writeEvidenceText: 0 } : { read: 1, writeEvidenceText: 1 },
      );
      // The text kept and the pre-screen recomputed against this upload, whatever call the crash hit.
      expect(
        await pipeline.dependencies.evidenceText.readEvidenceText(school.schoolId, submissionId),
        killedAt,
      ).toMatchObject({ pageCount: 3 });
      const form = await pipeline.dependencies.forms.getForm(school.schoolId);
      expect(form?.prescreenAt, killedAt).toBeDefined();
      expect(form?.prescreen?.evidence.length, killedAt).toBeGreaterThan(0);
      // The lease ended with the work: a duplicate delivery (another message) resumes, sending nothing more.
      const late: Counter = { calls: [], crashAt: 0 };
      const duplicate = await processUpload(object, processDeps(late, `duplicate-${k}`));
      expect(duplicate, `duplicate after crash at ${k} (${killedAt})`).toMatchObject({
        kind: "decided",
        resumed: true,
      });
      expect(await mailCounts(school.email, record?.verdict?.receiptNumber ?? "?"), killedAt).toEqual(counts);
      expect(
        late.calls.filter((c) => ["send", "read", "writeEvidenceText"].includes(c)),
        killedAt,
      ).toEqual([]);
      outcomes.push(`${k}:${killedAt}${AFTER_SEND.has(killedAt) ? "(sent twice)" : ""}`);
    }
    expect(outcomes).toHaveLength(clean.calls.length);
  }, 180_000);
});

describe("two deliveries racing for one submission", () => {
  /**
   * Each delivery's ports counted; its object read waits until every delivery has got that far, so all of them
   * read the submission before any records a verdict: the race the verdict's conditional write must settle.
   */
  function racing(ids: [string, string]) {
    const counters: [Counter, Counter] = [
      { calls: [], crashAt: 0 },
      { calls: [], crashAt: 0 },
    ];
    let arrived = 0;
    let allArrived: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    const gated = (counter: Counter, id: string): ProcessDeps => {
      const base = processDeps(counter, id);
      const objects = new Proxy(base.objects, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== "read") return value;
          return async (...args: Parameters<typeof target.read>) => {
            arrived += 1;
            if (arrived === ids.length) allArrived();
            await gate;
            return value.apply(target, args);
          };
        },
      });
      return { ...base, objects };
    };
    const deps: [ProcessDeps, ProcessDeps] = [gated(counters[0], ids[0]), gated(counters[1], ids[1])];
    return { counters, deps };
  }

  it("of one upload delivered twice at once: both examine it, exactly one records the verdict and mails (3 rounds)", async () => {
    for (let round = 0; round < 3; round += 1) {
      const { school, submissionId, object } = await uploadAndHold(100 + round);
      const { counters, deps } = racing([`twin-a-${round}`, `twin-b-${round}`]);

      const outcomes = await Promise.all(deps.map((d) => processUpload(object, d)));

      const kinds = outcomes.map((o) => (o.kind === "ignored" ? o.reason : o.kind)).sort();
      expect(kinds).toEqual(["decided", "in-progress"]);
      const loser = outcomes.findIndex((o) => o.kind === "ignored");
      // The loser read and examined the file, lost the verdict's write, and stopped there: no mail, no mark.
      expect(counters[loser]?.calls).toEqual(["listSchoolSubmissions", "read", "recordVerdict"]);
      const record = await pipeline.repositories.submissions.getSubmission(school.schoolId, submissionId);
      expect(record?.state).toBe("ACCEPTED");
      expect(await mailCounts(school.email, record?.verdict?.receiptNumber ?? "?")).toEqual({
        receipts: 1,
        notices: [1, 1],
      });
    }
  }, 60_000);

  it("of two uploads through one link at once: one is decided, the other ignored as a reused link", async () => {
    const { school, submissionId, object, postAgain } = await uploadAndHold(110);
    const second = await postAgain();
    expect(objectVersionOf(second)).not.toBe(objectVersionOf(object));
    const { counters, deps } = racing(["version-1", "version-2"]);

    const outcomes = await Promise.all([processUpload(object, deps[0]), processUpload(second, deps[1])]);

    const kinds = outcomes.map((o) => (o.kind === "ignored" ? o.reason : o.kind)).sort();
    expect(kinds).toEqual(["decided", "reused-link"]);
    const winner = outcomes.findIndex((o) => o.kind === "decided");
    const record = await pipeline.repositories.submissions.getSubmission(school.schoolId, submissionId);
    expect(record?.objectVersion).toBe(objectVersionOf(winner === 0 ? object : second));
    expect(counters[1 - winner]?.calls).toEqual(["listSchoolSubmissions", "read", "recordVerdict"]);
    expect(await mailCounts(school.email, record?.verdict?.receiptNumber ?? "?")).toEqual({
      receipts: 1,
      notices: [1, 1],
    });
    // A later delivery of the losing version is told so at once, from the Query alone.
    const late: Counter = { calls: [], crashAt: 0 };
    expect(await processUpload(winner === 0 ? second : object, processDeps(late, "late"))).toEqual({
      kind: "ignored",
      reason: "reused-link",
    });
    expect(late.calls).toEqual(["listSchoolSubmissions"]);
  }, 60_000);
});
