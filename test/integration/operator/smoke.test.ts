/**
 * `shenbao smoke` against the embedded stack, as an operator runs it: one submission through the API with a test
 * school, the verdict and the receipt, then no trace left: the table and the bucket list exactly as before.
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../../infra/local/index.ts";
import { LOCAL_BUCKET, LOCAL_TABLE } from "../../../infra/local/shenbao-local.ts";
import { type AwsClients, createAwsClients, uniformConnection } from "../../../shared/aws/clients.ts";
import { SMOKE_TEXT } from "../../../shared/messages/doctor.ts";
import { isSmokeSchool, SMOKE_SCHOOL_NAME } from "../../../shared/operator/smoke-school.ts";
import { type OperatorStack, startOperatorStack } from "./harness.ts";

let stack: OperatorStack;
let clients: AwsClients;

beforeAll(async () => {
  stack = await startOperatorStack();
  clients = createAwsClients(
    uniformConnection(
      { region: stack.stack.region, credentials: { ...LOCAL_CREDENTIALS } },
      stack.stack.endpoints,
    ),
  );
  // Something of a real school's beside the test school's, which the clean-up must leave alone.
  await stack.registerSchool({
    name: "河南演示职业技术学院",
    level: "专科",
    creditCode: "12410000MB1234567L",
    contactName: "王晓明",
    email: "office@demo-college.edu.cn",
    phone: "0371-69691995",
  });
});

afterAll(async () => {
  clients?.destroy();
  await stack?.stop();
});

/** Every item key in the table and every object key in the bucket. */
async function snapshot(): Promise<{ items: string[]; objects: string[] }> {
  const scan = await clients.document.send(new ScanCommand({ TableName: LOCAL_TABLE }));
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: LOCAL_BUCKET }));
  return {
    items: (scan.Items ?? []).map((i) => `${i.pk} ${i.sk}`).sort(),
    objects: (listed.Contents ?? []).map((o) => o.Key ?? "").sort(),
  };
}

describe("shenbao smoke", () => {
  it("runs one submission to its verdict and receipt, then leaves the table and the bucket as it found them", async () => {
    const before = await snapshot();
    expect(before.items.length).toBeGreaterThan(0);

    const run = await stack.cli(["smoke", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ passed: true, state: "ACCEPTED", kept: false });
    expect(isSmokeSchool(report.schoolId)).toBe(true);
    expect(report.receiptNumber).toMatch(/\S/);
    // What it removed: the school, its token, the submission and the application pointer; the uploaded file and the
    // page texts process-upload keeps for an accepted 佐证材料 (evidence-text/, read by the pre-screen).
    const removedItems = report.removed.items.map((k: { pk: string; sk: string }) => `${k.pk} ${k.sk}`);
    expect(removedItems).toEqual(
      expect.arrayContaining([
        `SCHOOL#${report.schoolId} PROFILE`,
        `SCHOOL#${report.schoolId} SUB#${report.submissionId}`,
        `SCHOOL#${report.schoolId} APP#evidence`,
      ]),
    );
    // The token names its school: registration writes no token index item (docs/data-model.md, "Token index").
    expect(removedItems.some((k: string) => k.startsWith("TOKEN#"))).toBe(false);
    expect(report.removed.objects.map((o: { key: string }) => o.key).sort()).toEqual([
      `evidence-text/${report.schoolId}/${report.submissionId}.json`,
      expect.stringMatching(new RegExp(`^uploads/${report.schoolId}/${report.submissionId}/`)),
    ]);

    // The receipt really went out, to the test school's address (the stack's sender by default).
    await stack.idle();
    const receipt = (await stack.emails()).find((m) => m.body.text?.includes(report.receiptNumber));
    expect(receipt?.body.text).toContain(SMOKE_SCHOOL_NAME);

    expect(await snapshot()).toEqual(before);
  }, 180_000);

  it("prints each step in Chinese and, with --keep, leaves the test school and its file", async () => {
    const run = await stack.cli(["smoke", "--keep"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(SMOKE_TEXT.passed);
    const schoolId = /（(12999999\w{10})）/.exec(run.stdout)?.[1] as string;
    expect(run.stdout).toContain(SMOKE_TEXT.kept(schoolId));
    const after = await snapshot();
    expect(after.items).toContain(`SCHOOL#${schoolId} PROFILE`);
    expect(after.objects.some((k) => k.startsWith(`uploads/${schoolId}/`))).toBe(true);
  }, 180_000);
});
