import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { college, type OperatorStack, officialName, startOperatorStack, submit } from "./harness.ts";

let stack: OperatorStack;
const school = college(41, { name: "河南新乡职业技术学院" });
let submissionId: string;
const s3Events: S3Event[] = [];

/** Receipts for the school: the one e-mail a replay must not send twice. */
const receipts = async () =>
  (await stack.emails()).filter(
    (m) => m.destination.to[0] === school.email && m.subject.startsWith("【申报回执】"),
  );

beforeAll(async () => {
  // The failures below are the point: the functions' error logs would only bury the test report.
  stack = await startOperatorStack({ maxReceiveCount: 2, retryDelayMs: 20, logLevel: "SILENT" });
  const delivery = stack.stack.eventDelivery;
  const publish = delivery.publishS3Event.bind(delivery);
  delivery.publishS3Event = (event) => {
    s3Events.push(structuredClone(event));
    publish(event);
  };
  const { token } = await stack.registerSchool(school);
  // SES unreachable: the verdict is recorded, the receipt cannot go, the message fails twice and is dead-lettered.
  const restore = stack.routeThrough("ses", "http://127.0.0.1:9");
  try {
    submissionId = await submit(
      stack,
      token,
      officialName(school.name, "数控技术"),
      await samplePdf({ pages: 8 }),
    );
    delivery.deliverRawRecords(["this is not an S3 event"]);
    await stack.idle();
  } finally {
    restore();
  }
});

afterAll(async () => {
  await stack?.stop();
});

describe("shenbao dlq", () => {
  it("lists what failed, with the upload each message is about, and leaves it there", async () => {
    const result = await stack.cli(["dlq", "list", "--json"]);
    expect(result.code).toBe(0);
    const letters = JSON.parse(result.stdout).deadLetters as Array<{
      messageId: string;
      receiveCount: number;
      lastError: string;
      subject: { kind: string; uploads?: Array<{ submissionId: string; schoolId: string }> };
    }>;
    expect(letters.map((l) => l.subject.kind).sort()).toEqual(["unreadable", "uploads"]);
    const upload = letters.find((l) => l.subject.kind === "uploads");
    expect(upload?.subject.uploads).toEqual([
      expect.objectContaining({ submissionId, schoolId: school.creditCode }),
    ]);
    expect(upload?.receiveCount).toBe(2);
    expect(await receipts()).toHaveLength(0);

    const table = await stack.cli(["dlq", "list"]);
    expect(table.stdout).toContain(`提交 ${submissionId}（学校 ${school.creditCode}）`);
    expect(table.stdout).toContain("共 2 条。");
    // Listing consumed nothing.
    expect(JSON.parse((await stack.cli(["dlq", "list", "--json"])).stdout).deadLetters).toHaveLength(2);
  });

  it("replays once the fault is mended: the receipt goes out exactly once, however often the event comes", async () => {
    const letters = JSON.parse((await stack.cli(["dlq", "list", "--json"])).stdout).deadLetters as Array<{
      messageId: string;
      subject: { kind: string };
    }>;
    const id = letters.find((l) => l.subject.kind === "uploads")?.messageId as string;
    const replay = await stack.cli(["dlq", "replay", id]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(`已重新投递 1 条消息：${id}`);
    await stack.idle();
    expect(await receipts()).toHaveLength(1);

    // Again: it is no longer there.
    const again = await stack.cli(["dlq", "replay", id]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("不在死信队列中");
    // The same S3 event delivered twice more, as SQS may: nothing new is recorded or sent.
    stack.stack.eventDelivery.deliverRawRecords(
      s3Events.map((e) => JSON.stringify(e)).concat(JSON.stringify(s3Events[0])),
    );
    await stack.idle();
    expect(await receipts()).toHaveLength(1);

    const shown = JSON.parse((await stack.cli(["submissions", "show", submissionId, "--json"])).stdout);
    expect(shown.submission.state).toBe("ACCEPTED");
    expect(shown.history).toHaveLength(1);
    // The unreadable message stays for a person to read.
    const left = JSON.parse((await stack.cli(["dlq", "list", "--json"])).stdout).deadLetters;
    expect(left.map((l: { subject: { kind: string } }) => l.subject.kind)).toEqual(["unreadable"]);
  });

  it("answers loopback command-line callers only, never a web page", async () => {
    const fromPage = await fetch(`${stack.baseUrl}/_local/dead-letters`, {
      headers: { origin: stack.baseUrl },
    });
    expect(fromPage.status).toBe(403);
  });
});
