/**
 * The local stack is configured by what it is given, never by the process's environment: starting and stopping it
 * leaves `process.env` exactly as it was, and two stacks in one process each talk to their own emulators, through
 * the clients the test holds and through the handlers each stack runs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SCHOOL, demoFileName } from "../../../infra/local/demo-school.ts";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import {
  postFile,
  requestUploadLink,
  sentEmails,
  waitForReceipt,
} from "../../../infra/local/school-client.ts";
import { LOCAL_BUCKET, type ShenbaoLocal, startShenbao } from "../../../infra/local/shenbao-local.ts";

const DAY_MS = 86_400_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shenbao-isolation-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function start(): Promise<ShenbaoLocal> {
  return startShenbao({
    staticDir: dir,
    deadline: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    logLevel: "WARN",
  });
}

function environment(): Record<string, string | undefined> {
  return { ...process.env };
}

describe("the local stack and the process's environment", () => {
  it("leaves process.env exactly as it was while it runs, serves, and after it stops", async () => {
    const before = environment();

    const shenbao = await start();
    try {
      expect(environment()).toEqual(before);
      // The handlers are built and run (school-profile reads the table) without the environment changing.
      const { token } = await shenbao.registerSchool(DEMO_SCHOOL);
      const me = await fetch(`${shenbao.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(environment()).toEqual(before);
    } finally {
      await shenbao.stop();
    }

    expect(environment()).toEqual(before);
  });
});

describe("two local stacks in one process", () => {
  let a: ShenbaoLocal;
  let b: ShenbaoLocal;

  beforeAll(async () => {
    a = await start();
    b = await start();
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("run on emulators of their own", () => {
    for (const service of ["s3", "dynamodb", "ses"] as const) {
      expect(a.stack.endpoints[service]).not.toBe(b.stack.endpoints[service]);
      expect(a.stack.connection[service]?.endpoint).toBe(a.stack.endpoints[service]);
      expect(b.stack.connection[service]?.endpoint).toBe(b.stack.endpoints[service]);
    }
  });

  it("keep their objects apart: what A's clients write, B's do not see", async () => {
    const key = "isolation/只在甲.txt";
    await a.stack.clients.s3.send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: key, Body: "甲" }));

    const fromA = await a.stack.clients.s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }));
    expect(await fromA.Body?.transformToString()).toBe("甲");
    await expect(
      b.stack.clients.s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: key })),
    ).rejects.toBeInstanceOf(NoSuchKey);
  });

  it("keep their tables, APIs and mailboxes apart: A's handlers act on A's emulators only", async () => {
    const { school, token } = await a.registerSchool(DEMO_SCHOOL);

    expect(await a.repositories.schools.getSchool(school.schoolId)).toMatchObject({ name: school.name });
    expect(await b.repositories.schools.getSchool(school.schoolId)).toBeUndefined();
    const me = (shenbao: ShenbaoLocal) =>
      fetch(`${shenbao.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(a)).status).toBe(200);
    expect((await me(b)).status).toBe(401);

    // An upload through A's link reaches A's queue handler, which reads A's bucket, records in A's table and mails
    // through A's SES. (The SES emulators of one process share one mailbox, a module-level store in
    // aws-ses-v2-local, so the mailbox cannot tell the stacks apart; the handlers' SES client names A's endpoint.)
    const pdf = await samplePdf({ pages: 2 });
    const fileName = demoFileName(school.name);
    const link = await requestUploadLink(a.baseUrl, token, { fileName, size: pdf.byteLength });
    if (!link.ok) throw new Error(`${link.error.status} ${link.error.code}`);
    expect(link.link.upload.url).toBe(a.stack.uploadUrlBase);
    expect((await postFile(link.link.upload, pdf, fileName)).status).toBe(204);
    await waitForReceipt(a.baseUrl, token, link.link.submissionId, 60_000);
    await a.stack.eventDelivery.whenIdle();

    const [record] = await a.repositories.submissions.listSchoolSubmissions(school.schoolId);
    expect(record).toMatchObject({ submissionId: link.link.submissionId, state: "ACCEPTED" });
    expect(record?.receiptSentAt).toBeDefined();
    expect((await sentEmails(a.mailStoreUrl)).map((m) => m.destination.to)).toContainEqual([school.email]);
    const sesEndpoint = await a.dependencies.clients.ses.config.endpoint?.();
    expect(`http://${sesEndpoint?.hostname}:${sesEndpoint?.port}`).toBe(a.stack.endpoints.ses);
    expect(await b.repositories.submissions.listSchoolSubmissions(school.schoolId)).toEqual([]);
    const inB = await b.stack.clients.s3.send(
      new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: "uploads/" }),
    );
    expect(inB.Contents ?? []).toEqual([]);
    const inA = await a.stack.clients.s3.send(
      new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: "uploads/" }),
    );
    expect(inA.Contents?.map((o) => o.Key)).toEqual([record?.objectKey]);
  }, 90_000);
});
