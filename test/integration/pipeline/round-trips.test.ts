/**
 * The DynamoDB and S3 requests one accepted upload costs, counted at the SDK (what AWS bills and the school waits
 * for) for the link request and for processing, in the three shapes docs/data-model.md ("One accepted upload, call by
 * call") lists: a document other than 佐证材料, 佐证材料 of a school without a form, 佐证材料 of a school with one;
 * two reviewers. crash-points.test.ts pins the same sequence at the ports and kills a delivery at each call.
 */
import { randomBytes } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { postFile, requestUploadLink } from "../../../infra/local/school-client.ts";
import { LOCAL_TABLE } from "../../../infra/local/shenbao-local.ts";
import { tokenItem } from "../../../shared/aws/dynamodb-items.ts";
import type { SdkCall } from "../../../shared/aws/sdk-calls.ts";
import { hashToken } from "../../../shared/submissions/tokens.ts";
import { passingInput } from "../../unit/prescreen/fixtures.ts";
import { decided, officialName, type Pipeline, registerSchool, startPipeline } from "./harness.ts";

const REVIEWERS = ["trips-reviewer1@review.henan.gov.cn", "trips-reviewer2@review.henan.gov.cn"];

let pipeline: Pipeline;
const calls: Array<{ functionName: string; call: SdkCall }> = [];

beforeAll(async () => {
  pipeline = await startPipeline({
    reviewers: REVIEWERS,
    recordSdkCalls: (functionName, call) => calls.push({ functionName, call }),
  });
});

afterAll(async () => {
  await pipeline?.stop();
});

/** A function's DynamoDB and S3 requests, in order, as `Command` names without the suffix. */
function requestsOf(functionName: string): string[] {
  return calls
    .filter((c) => c.functionName === functionName && c.call.service !== "ses")
    .filter(
      (c) =>
        // Signing the upload's POST is local work that the signer reports as the PutObject it authorises.
        !(functionName === "upload-link" && c.call.command === "PutObjectCommand") &&
        // The registered schools' names: one listing per container every few minutes, not per upload.
        !(c.call.command === "QueryCommand" && c.call.index === "gsi1"),
    )
    .map((c) => c.call.command.replace(/Command$/, ""));
}

async function uploadOne(n: number, documentType: string, withForm: boolean) {
  const { school, token } = await registerSchool(pipeline, 700 + n, `河南往返${n}职业学院`);
  if (withForm) {
    const saved = await fetch(`${pipeline.baseUrl}/api/me/application-form`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ form: passingInput() }),
    });
    expect(saved.status).toBe(200);
  }
  await pipeline.idle();
  calls.length = 0;
  const fileName = officialName(school.name);
  const pdf = await samplePdf({ pages: 3 });
  const link = await requestUploadLink(pipeline.baseUrl, token, {
    fileName,
    size: pdf.byteLength,
    documentType,
  });
  if (!link.ok) throw new Error(`link refused: ${link.error.status} ${link.error.code}`);
  expect((await postFile(link.link.upload, pdf, fileName)).status).toBe(204);
  expect((await decided(pipeline, token, link.link.submissionId)).state).toBe("ACCEPTED");
  const counted = { link: requestsOf("upload-link"), processing: requestsOf("process-upload") };
  console.info(
    `${documentType}${withForm ? " with a form" : ""}: link ${counted.link.join(", ")}; processing ${counted.processing.join(", ")}`,
  );
  return counted;
}

describe("DynamoDB and S3 requests per accepted upload (two reviewers)", () => {
  /** The school item (the token names its school: no token index read), then the PENDING record. */
  const LINK = ["GetItem", "PutItem"];
  /**
   * The school's submissions (this upload's record with the school, and the accepted history), then the object. No
   * claim call: the verdict's UpdateItem fences the version and takes the lease.
   */
  const DECISION = ["Query", "GetObject"];
  /** The reviewers' links are stored by the verdict's UpdateItem: no request of their own. */
  const RECORDED = ["UpdateItem", "PutItem", "UpdateItem", "UpdateItem", "UpdateItem"];

  it("another document: 2 for the link (school, PENDING record), 7 for processing", async () => {
    const { link, processing } = await uploadOne(1, "plan", false);
    expect(link).toEqual(LINK);
    expect(processing).toEqual([...DECISION, ...RECORDED]);
    expect(processing).toHaveLength(7);
  });

  it("佐证材料, school without a form: the text kept, no pre-screen read (the link's snapshot says no form), 8", async () => {
    const { link, processing } = await uploadOne(2, "evidence", false);
    expect(link).toEqual(LINK);
    expect(processing).toEqual([...DECISION, ...RECORDED, "PutObject"]);
    expect(processing).toHaveLength(8);
  });

  it("佐证材料, school with a form: the pre-screen recorded too, 10", async () => {
    const { link, processing } = await uploadOne(3, "evidence", true);
    expect(link).toEqual(LINK);
    expect(processing).toEqual([...DECISION, ...RECORDED, "PutObject", "BatchGetItem", "UpdateItem"]);
    expect(processing).toHaveLength(10);
  });

  it("a token issued before tokens named their school still works, through the index: 3 for the link", async () => {
    const { school } = await registerSchool(pipeline, 704, "河南往返4职业学院");
    const token = `sbt_${randomBytes(32).toString("base64url")}`;
    const issuedAt = new Date().toISOString();
    await pipeline.repositories.schools.replaceToken(school.schoolId, hashToken(token), issuedAt);
    await pipeline.stack.clients.document.send(
      new PutCommand({
        TableName: LOCAL_TABLE,
        Item: tokenItem(hashToken(token), school.schoolId, issuedAt),
      }),
    );
    await pipeline.idle();
    calls.length = 0;

    const link = await requestUploadLink(pipeline.baseUrl, token, {
      fileName: officialName(school.name),
      size: 1000,
      documentType: "plan",
    });

    expect(link.ok).toBe(true);
    expect(requestsOf("upload-link")).toEqual(["GetItem", "GetItem", "PutItem"]);
  });
});
