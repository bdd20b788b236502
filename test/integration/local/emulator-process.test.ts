import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { SendEmailCommand } from "@aws-sdk/client-ses";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorProcess, startEmulatorProcess } from "../../../infra/local/emulator-process.ts";
import { createLocalResources } from "../../../infra/local/resources.ts";
import { sentEmails } from "../../../infra/local/school-client.ts";
import { type AwsClients, createAwsClients } from "../../../shared/aws/clients.ts";
import { PDF_BYTES, postForm, presignPdfUpload } from "./helpers.ts";

const names = { bucket: "shenbao-test-uploads", table: "shenbao-test" };
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe("the emulators in a process of their own", () => {
  let emulators: EmulatorProcess;
  let clients: AwsClients;
  const events: S3Event[] = [];

  beforeAll(async () => {
    emulators = await startEmulatorProcess();
    emulators.onS3Event((event) => events.push(event));
    clients = createAwsClients(emulators.connection);
    await createLocalResources(names, clients);
  }, 60_000);

  afterAll(async () => {
    clients?.destroy();
    await emulators?.stop();
  });

  it("runs in another process, on loopback ports, with the emulators' one key pair", () => {
    expect(emulators.pid).not.toBe(process.pid);
    expect(alive(emulators.pid)).toBe(true);
    for (const url of Object.values(emulators.endpoints)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulators.credentials).toEqual({ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
  });

  it("delivers an object's event before the PUT that caused it answers, its key encoded as S3 does", async () => {
    const key = "uploads/河南 职业（1）.pdf";
    const before = events.length;
    await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: key, Body: "pdf" }));

    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.Records[0]).toMatchObject({
      eventName: "ObjectCreated:Put",
      s3: { object: { key: "uploads/%E6%B2%B3%E5%8D%97+%E8%81%8C%E4%B8%9A%EF%BC%881%EF%BC%89.pdf" } },
    });
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: names.bucket, Key: key }));
    expect(await object.Body?.transformToString()).toBe("pdf");
  });

  it("enforces the POST policy and reports the upload as ObjectCreated:Post before the 204", async () => {
    const key = "uploads/school-1/posted.pdf";
    const post = await presignPdfUpload(clients.s3, names.bucket, key);
    const before = events.length;

    const refused = await postForm(post.url, { ...post.fields, key: "uploads/other.pdf" }, PDF_BYTES);
    const accepted = await postForm(post.url, post.fields, PDF_BYTES);

    expect(refused.status).toBe(403);
    expect(accepted.status).toBe(204);
    expect(events.slice(before).map((e) => [e.Records[0]?.eventName, e.Records[0]?.s3.object.key])).toEqual([
      ["ObjectCreated:Post", "uploads/school-1/posted.pdf"],
    ]);
  });

  it("keeps items and reads mail back through the SES emulator's HTTP API", async () => {
    const item = { pk: "SCHOOL#1", sk: "APPLICATION" };
    await clients.document.send(new PutCommand({ TableName: names.table, Item: item }));
    const subject = "申报材料回执：河南职业技术学院";
    await clients.ses.send(
      new SendEmailCommand({
        Source: "noreply@shenbao.example",
        Destination: { ToAddresses: ["school@example.edu.cn"] },
        Message: { Subject: { Data: subject, Charset: "UTF-8" }, Body: { Text: { Data: "已收到。" } } },
      }),
    );

    const read = await clients.document.send(new GetCommand({ TableName: names.table, Key: item }));
    expect(read.Item).toEqual(item);
    const mail = await sentEmails(`${emulators.endpoints.ses}/store`);
    expect(mail.at(-1)).toMatchObject({ subject, destination: { to: ["school@example.edu.cn"] } });
  });
});

describe("the emulator process's lifetime", () => {
  it("keeps objects and items across a restart with a data directory, and stop() ends the process", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "shenbao-local-"));
    const item = { pk: "SCHOOL#2", sk: "APPLICATION" };
    try {
      const first = await startEmulatorProcess({ dataDir });
      const firstClients = createAwsClients(first.connection);
      await createLocalResources(names, firstClients);
      await firstClients.s3.send(
        new PutObjectCommand({ Bucket: names.bucket, Key: "uploads/a.pdf", Body: "kept" }),
      );
      await firstClients.document.send(new PutCommand({ TableName: names.table, Item: item }));
      firstClients.destroy();
      await first.stop();
      expect(alive(first.pid)).toBe(false);

      const second = await startEmulatorProcess({ dataDir });
      const secondClients = createAwsClients(second.connection);
      try {
        const object = await secondClients.s3.send(
          new GetObjectCommand({ Bucket: names.bucket, Key: "uploads/a.pdf" }),
        );
        expect(await object.Body?.transformToString()).toBe("kept");
        const read = await secondClients.document.send(new GetCommand({ TableName: names.table, Key: item }));
        expect(read.Item).toEqual(item);
      } finally {
        secondClients.destroy();
        await second.stop();
      }
      expect(alive(second.pid)).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("ends by itself when the process that started it exits without stopping it", async () => {
    const script = [
      'import { startEmulatorProcess } from "./infra/local/emulator-process.ts";',
      "const emulators = await startEmulatorProcess();",
      'process.stdout.write(String(emulators.pid) + "\\n");',
      "process.exit(0);",
    ].join("\n");
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    parent.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const code = await new Promise<number | null>((resolve) => parent.on("exit", resolve));
    const pid = Number(output.trim());

    expect(code).toBe(0);
    expect(Number.isInteger(pid) && pid > 0).toBe(true);
    expect(await gone(pid, 15_000)).toBe(true);
  }, 60_000);
});
