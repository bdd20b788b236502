import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { SendEmailCommand } from "@aws-sdk/client-ses";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { S3Event, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../../infra/local/index.ts";
import type { AwsClients } from "../../../shared/aws/clients.ts";
import { networkHandles, PDF_BYTES, postForm, presignPdfUpload, settle } from "./helpers.ts";

const key = "uploads/school-7/河南职业技术学院申报材料（计算机应用技术 专业）+附件.pdf";
/** What S3 puts into the event for that key. */
const encodedKey =
  "uploads/school-7/%E6%B2%B3%E5%8D%97%E8%81%8C%E4%B8%9A%E6%8A%80%E6%9C%AF%E5%AD%A6%E9%99%A2%E7%94%B3%E6%8A%A5" +
  "%E6%9D%90%E6%96%99%EF%BC%88%E8%AE%A1%E7%AE%97%E6%9C%BA%E5%BA%94%E7%94%A8%E6%8A%80%E6%9C%AF+%E4%B8%93%E4%B8%9A" +
  "%EF%BC%89%2B%E9%99%84%E4%BB%B6.pdf";

/** What the miniature handler is given, as a Lambda entry gives a handler its dependencies. */
interface HandlerDeps {
  clients: AwsClients;
  bucket: string;
  table: string;
}

/**
 * A miniature process-upload, written as a Lambda handler is: SDK clients from shared/aws and names given to it
 * (here: the stack's own, once it runs), no local branches. It decodes the key, reads the object, records it once,
 * mails a receipt.
 */
function createHandler(seen: { events: SQSEvent[] }, deps: () => HandlerDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    seen.events.push(event);
    for (const record of event.Records) {
      const body = JSON.parse(record.body) as S3Event | { Event: string };
      if ("Event" in body) continue; // s3:TestEvent
      for (const s3Record of body.Records) {
        const objectKey = decodeURIComponent(s3Record.s3.object.key.replace(/\+/g, " "));
        const { clients, bucket, table } = deps();
        const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
        const size = (await object.Body?.transformToByteArray())?.length;
        try {
          await clients.document.send(
            new PutCommand({
              TableName: table,
              Item: { pk: "SUBMISSION#S1", sk: "FILE", key: objectKey, size },
              ConditionExpression: "attribute_not_exists(pk)",
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) continue; // a duplicate event: already recorded
          throw error;
        }
        await clients.ses.send(
          new SendEmailCommand({
            Source: "noreply@shenbao.example",
            Destination: { ToAddresses: ["school-7@example.edu.cn"] },
            Message: {
              Subject: { Data: "申报材料回执（计算机应用技术）", Charset: "UTF-8" },
              Body: { Text: { Data: objectKey, Charset: "UTF-8" } },
            },
          }),
        );
      }
    }
    return { batchItemFailures: [] };
  };
}

describe("startLocalStack: upload to receipt with unchanged handler code", () => {
  let stack: LocalStack;
  const seen = { events: [] as SQSEvent[] };
  const environmentBefore = process.env.AWS_ENDPOINT_URL_S3;
  const handlesBefore = networkHandles();
  const names = { bucket: "shenbao-local-uploads", table: "shenbao-local" };
  const deps = () => ({ clients: stack.clients, ...names });

  beforeAll(async () => {
    stack = await startLocalStack({
      ...names,
      queue: { handler: createHandler(seen, deps), retryDelayMs: 10 },
      routes: [
        {
          method: "GET",
          path: "/api/submissions/{submissionId}",
          handler: async (event) => {
            const { Item } = await stack.clients.document.send(
              new GetCommand({
                TableName: names.table,
                Key: { pk: `SUBMISSION#${event.pathParameters?.submissionId}`, sk: "FILE" },
              }),
            );
            return Item ? { statusCode: 200, body: JSON.stringify(Item) } : { statusCode: 404, body: "{}" };
          },
        },
      ],
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("delivers S3's test event first", async () => {
    await stack.eventDelivery.whenIdle();

    expect(JSON.parse(seen.events[0]?.Records[0]?.body ?? "{}")).toMatchObject({
      Event: "s3:TestEvent",
      Bucket: "shenbao-local-uploads",
    });
  });

  it("takes a browser upload through the policy check to the handler, the table and a receipt", async () => {
    const post = await presignPdfUpload(stack.clients.s3, "shenbao-local-uploads", key);
    expect(post.url).toBe(stack.uploadUrlBase);

    const upload = await postForm(post.url, post.fields, PDF_BYTES, { fileName: "申报材料.pdf" });
    await stack.eventDelivery.whenIdle();

    expect(upload.status).toBe(204);
    const delivered = JSON.parse(seen.events.at(-1)?.Records[0]?.body ?? "{}") as S3Event;
    expect(delivered.Records[0]).toMatchObject({
      eventName: "ObjectCreated:Post",
      s3: { bucket: { name: "shenbao-local-uploads" }, object: { key: encodedKey, size: PDF_BYTES.length } },
    });
    expect(decodeURIComponent(encodedKey.replace(/\+/g, " "))).toBe(key);
    const status = await fetch(`${stack.apiUrl}/api/submissions/S1`);
    expect(await status.json()).toEqual({ pk: "SUBMISSION#S1", sk: "FILE", key, size: PDF_BYTES.length });
    const mail = (await (await fetch(stack.mailStoreUrl)).json()) as { emails: Array<{ subject: string }> };
    expect(mail.emails.map((m) => m.subject)).toEqual(["申报材料回执（计算机应用技术）"]);
  });

  it("survives a duplicate of the same notification without a second receipt", async () => {
    const duplicate = seen.events.at(-1)?.Records[0]?.body ?? "";

    stack.eventDelivery.deliverRawRecords([duplicate]);
    await stack.eventDelivery.whenIdle();

    const mail = (await (await fetch(stack.mailStoreUrl)).json()) as { emails: unknown[] };
    expect(mail.emails).toHaveLength(1);
    expect(stack.eventDelivery.listDeadLetters()).toEqual([]);
  });

  it("stops everything, leaves the environment as it was and no handles", async () => {
    await stack.stop();
    await settle();

    expect(process.env.AWS_ENDPOINT_URL_S3).toBe(environmentBefore);
    expect(process.env.SHENBAO_BUCKET).toBeUndefined();
    expect(networkHandles()).toBeLessThanOrEqual(handlesBefore);
  });
});
