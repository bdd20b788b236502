import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { postFile, requestUploadLink, type UploadLink } from "../../../infra/local/school-client.ts";
import { LOCAL_BUCKET } from "../../../infra/local/shenbao-local.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import {
  decided,
  mailTo,
  officialName,
  type Pipeline,
  receiptsFor,
  recordsOf,
  registerSchool,
  sameSizeVariant,
  sha256,
  startPipeline,
  status,
  submit,
} from "./harness.ts";

/** A well-formed token that was never issued. */
const UNKNOWN_TOKEN = `sbt_${"A".repeat(43)}`;

describe("who may see and upload what", () => {
  let pipeline: Pipeline;
  let s3: S3Client;
  let a: { school: SchoolRecord; token: string };
  let b: { school: SchoolRecord; token: string };
  let accepted: { submissionId: string; sha: string };

  beforeAll(async () => {
    pipeline = await startPipeline();
    s3 = pipeline.stack.clients.s3;
    a = await registerSchool(pipeline, 81, "河南甲职业技术学院");
    b = await registerSchool(pipeline, 82, "河南乙职业技术学院");
    const pdf = await samplePdf({ pages: 3 });
    const { submissionId } = await submit(pipeline, a.token, officialName(a.school.name), pdf);
    await decided(pipeline, a.token, submissionId);
    accepted = { submissionId, sha: sha256(pdf) };
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  async function api(path: string, init: RequestInit & { token?: string; authorization?: string } = {}) {
    const authorization = init.authorization ?? (init.token ? `Bearer ${init.token}` : undefined);
    const response = await fetch(`${pipeline.baseUrl}${path}`, {
      ...init,
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    });
    const body = (await response.json()) as { error?: { code: string; message: string } };
    return { status: response.status, body, challenge: response.headers.get("www-authenticate") };
  }

  async function objectExists(key: string): Promise<boolean> {
    return s3.send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET, Key: key })).then(
      () => true,
      () => false,
    );
  }

  describe("the status API", () => {
    it("answers another school's token with 404, exactly as for a submission that does not exist", async () => {
      const foreign = await api(`/api/submissions/${accepted.submissionId}`, { token: b.token });
      const missing = await api("/api/submissions/01M8J3NZ8V4P777PTPXD8NYMN9", { token: b.token });

      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      expect(foreign.body.error?.code).toBe("NOT_FOUND");
      expect(JSON.stringify(foreign.body)).not.toContain(a.school.name);
      expect((await api(`/api/submissions/${accepted.submissionId}`, { token: a.token })).status).toBe(200);
    });

    it.each([
      ["no Authorization header", undefined, "UNAUTHORIZED"],
      ["a malformed token", "Bearer not-a-token", "UNAUTHORIZED"],
      ["another scheme", `Basic ${Buffer.from("a:b").toString("base64")}`, "UNAUTHORIZED"],
      ["a token never issued", `Bearer ${UNKNOWN_TOKEN}`, "TOKEN_REJECTED"],
    ])("answers %s with 401 and a Bearer challenge", async (_, authorization, code) => {
      const get = await api(
        `/api/submissions/${accepted.submissionId}`,
        authorization ? { authorization } : {},
      );
      const post = await api("/api/upload-links", {
        method: "POST",
        ...(authorization ? { authorization } : {}),
        body: JSON.stringify({ fileName: officialName(a.school.name), size: 1000 }),
      });

      for (const answer of [get, post]) {
        expect(answer.status).toBe(401);
        expect(answer.body.error?.code).toBe(code);
        expect(answer.challenge).toBe('Bearer realm="shenbao"');
      }
    });

    it("refuses a revoked school's token with 401, for links and for status alike", async () => {
      const c = await registerSchool(pipeline, 83, "河南丙职业技术学院");
      const pdf = await samplePdf({ pages: 2 });
      const { submissionId } = await submit(pipeline, c.token, officialName(c.school.name), pdf);
      await decided(pipeline, c.token, submissionId);
      const pendingBefore = (await recordsOf(pipeline, c.school.schoolId)).length;

      await pipeline.repositories.schools.revokeSchool(c.school.schoolId);

      expect((await api(`/api/submissions/${submissionId}`, { token: c.token })).status).toBe(401);
      const link = await requestUploadLink(pipeline.baseUrl, c.token, {
        fileName: officialName(c.school.name),
        size: 1000,
      });
      expect(link.ok ? 201 : link.error.status).toBe(401);
      expect(link.ok ? "" : link.error.code).toBe("TOKEN_REJECTED");
      expect(await recordsOf(pipeline, c.school.schoolId)).toHaveLength(pendingBefore);
    });
  });

  describe("the upload policy", () => {
    let link: UploadLink;
    let pdf: Uint8Array;

    beforeAll(async () => {
      pdf = await samplePdf({ pages: 4 });
      const answer = await requestUploadLink(pipeline.baseUrl, a.token, {
        fileName: officialName(a.school.name),
        size: pdf.byteLength,
      });
      if (!answer.ok) throw new Error(answer.error.code);
      link = answer.link;
    });

    it("pins the key to the school's own prefix: another key is refused with 403 AccessDenied", async () => {
      const key = `uploads/${b.school.schoolId}/${link.submissionId}/${officialName(b.school.name)}`;
      const tampered = { ...link.upload, fields: { ...link.upload.fields, key } };

      const posted = await postFile(tampered, pdf, officialName(b.school.name));
      await pipeline.idle();

      expect(posted.status).toBe(403);
      expect(posted.body).toContain("<Code>AccessDenied</Code>");
      expect(posted.body).toContain("Invalid according to Policy");
      expect(await objectExists(key)).toBe(false);
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: `uploads/${b.school.schoolId}/` }),
      );
      expect(listed.KeyCount ?? 0).toBe(0);
      expect(await recordsOf(pipeline, b.school.schoolId)).toEqual([]);
    });

    it("refuses more bytes than declared with EntityTooLarge, and nothing moves past PENDING", async () => {
      const bigger = new Uint8Array(pdf.byteLength + 1024);
      bigger.set(pdf);

      const posted = await postFile(link.upload, bigger, officialName(a.school.name));
      await pipeline.idle();

      expect(posted.status).toBe(400);
      expect(posted.body).toContain("<Code>EntityTooLarge</Code>");
      expect(await objectExists(link.upload.fields.key ?? "")).toBe(false);
      const { body } = await status(pipeline, a.token, link.submissionId);
      expect(body).toMatchObject({ state: "PENDING", uploadedAt: null, receipt: null, findings: [] });
    });

    it("refuses fewer bytes than declared with EntityTooSmall", async () => {
      const posted = await postFile(
        link.upload,
        pdf.slice(0, pdf.byteLength - 1),
        officialName(a.school.name),
      );

      expect(posted.status).toBe(400);
      expect(posted.body).toContain("<Code>EntityTooSmall</Code>");
      expect((await status(pipeline, a.token, link.submissionId)).body.state).toBe("PENDING");
    });

    it("ignores a second, different file posted through a used link: the first verdict stands, one receipt", async () => {
      const first = await postFile(link.upload, pdf, officialName(a.school.name));
      const view = await decided(pipeline, a.token, link.submissionId);
      const recorded = await recordsOf(pipeline, a.school.schoolId);
      const other = sameSizeVariant(pdf);

      const second = await postFile(link.upload, other, officialName(a.school.name));
      await pipeline.idle();

      expect([first.status, second.status]).toEqual([204, 204]);
      expect(sha256(other)).not.toBe(sha256(pdf));
      expect(view).toMatchObject({ state: "ACCEPTED", sha256: sha256(pdf) });
      expect((await status(pipeline, a.token, link.submissionId)).body).toEqual(view);
      expect(await recordsOf(pipeline, a.school.schoolId)).toEqual(recorded);
      expect(await receiptsFor(pipeline, a.school, view.receipt?.receiptNumber ?? "")).toHaveLength(1);
      expect(await mailTo(pipeline, a.school.email)).toHaveLength(2);
    });
  });
});
