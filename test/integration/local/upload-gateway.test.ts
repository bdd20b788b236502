import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulators, startEmulators } from "../../../infra/local/emulators.ts";
import { createLocalResources } from "../../../infra/local/resources.ts";
import { type AwsClients, createAwsClients } from "../../../shared/aws/clients.ts";
import { errorCode, PDF_BYTES, postForm, presignPdfUpload } from "./helpers.ts";

const bucket = "shenbao-test-uploads";

describe("upload gateway: S3 POST policy enforcement", () => {
  let emulators: Emulators;
  let clients: AwsClients;

  beforeAll(async () => {
    emulators = await startEmulators();
    clients = createAwsClients(emulators.connection);
    await createLocalResources({ bucket, table: "shenbao-test" }, clients);
  });

  afterAll(async () => {
    clients?.destroy();
    await emulators?.stop();
  });

  it("points presigned POSTs made by the SDK at the S3 endpoint, path-style", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/a.pdf");

    expect(post.url).toBe(`${emulators.endpoints.s3}/${bucket}`);
  });

  it("accepts a valid upload and stores it with the form's Content-Type", async () => {
    const key = "uploads/school-1/valid.pdf";
    const post = await presignPdfUpload(clients.s3, bucket, key);

    const response = await postForm(post.url, post.fields, PDF_BYTES, {
      fileType: "application/octet-stream",
    });

    expect(response.status).toBe(204);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get("location")).toBe(
      `${emulators.endpoints.s3}/${bucket}/uploads/school-1/valid.pdf`,
    );
    const head = await clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentType).toBe("application/pdf");
    expect(head.ContentLength).toBe(PDF_BYTES.length);
  });

  it("stores a Chinese key with full-width parentheses, spaces and '+' exactly", async () => {
    const key =
      "uploads/school-1/河南职业技术学院职业教育高水平专业化产教融合实训中心申报材料（计算机应用技术 专业）+附件.pdf";
    const post = await presignPdfUpload(clients.s3, bucket, key);

    const response = await postForm(post.url, post.fields, PDF_BYTES);

    expect(response.status).toBe(204);
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(
      new Uint8Array(await (object.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array()))),
    ).toEqual(PDF_BYTES);
  });

  it("answers 201 with S3's PostResponse XML when success_action_status asks for it", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/201.pdf", {
      Fields: { "Content-Type": "application/pdf", success_action_status: "201" },
    });

    const response = await postForm(post.url, post.fields, PDF_BYTES);

    expect(response.status).toBe(201);
    const xml = await response.text();
    expect(xml).toContain(`<Bucket>${bucket}</Bucket><Key>uploads/school-1/201.pdf</Key>`);
    expect(xml).toMatch(/<ETag>&#34;[0-9a-f]{32}&#34;<\/ETag>/);
  });

  it("refuses a file above the content-length-range maximum with EntityTooLarge", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/big.pdf");

    const response = await postForm(post.url, post.fields, new Uint8Array(1025));

    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(errorCode(xml)).toBe("EntityTooLarge");
    expect(xml).toContain("<MaxSizeAllowed>1024</MaxSizeAllowed>");
    await expect(
      clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "uploads/school-1/big.pdf" })),
    ).rejects.toThrow();
  });

  it("refuses a multi-megabyte body early, without reading it all", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/huge.pdf");

    const response = await postForm(post.url, post.fields, new Uint8Array(32 * 1024 * 1024));

    expect(response.status).toBe(400);
    expect(errorCode(await response.text())).toBe("EntityTooLarge");
  });

  it("refuses an empty file with EntityTooSmall", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/empty.pdf");

    const response = await postForm(post.url, post.fields, new Uint8Array(0));

    expect(response.status).toBe(400);
    expect(errorCode(await response.text())).toBe("EntityTooSmall");
  });

  it("refuses a key other than the signed one", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/a.pdf");

    const response = await postForm(post.url, { ...post.fields, key: "uploads/school-2/a.pdf" }, PDF_BYTES);

    expect(response.status).toBe(403);
    const xml = await response.text();
    expect(errorCode(xml)).toBe("AccessDenied");
    expect(xml).toContain(
      "Invalid according to Policy: Policy Condition failed: [&#34;eq&#34;, &#34;$key&#34;, &#34;uploads/school-1/a.pdf&#34;]",
    );
  });

  it("refuses a key outside a starts-with prefix", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, `uploads/school-1/${"$"}{filename}`);

    const outside = await postForm(post.url, { ...post.fields, key: "uploads/school-2/a.pdf" }, PDF_BYTES);
    const inside = await postForm(post.url, post.fields, PDF_BYTES, { fileName: "名单.pdf" });

    expect(outside.status).toBe(403);
    expect(errorCode(await outside.text())).toBe("AccessDenied");
    expect(inside.status).toBe(204);
    // S3 substitutes the file's own name for ${filename}.
    expect(inside.headers.get("location")).toBe(
      `${emulators.endpoints.s3}/${bucket}/uploads/school-1/${encodeURIComponent("名单.pdf")}`,
    );
  });

  it("refuses a Content-Type other than application/pdf, or none", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/type.pdf");
    const { "Content-Type": _, ...withoutType } = post.fields;

    const wrong = await postForm(post.url, { ...post.fields, "Content-Type": "text/html" }, PDF_BYTES);
    const missing = await postForm(post.url, withoutType, PDF_BYTES);

    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("Policy Condition failed: [&#34;eq&#34;, &#34;$Content-Type&#34;");
    expect(missing.status).toBe(403);
    expect(errorCode(await missing.text())).toBe("AccessDenied");
  });

  it("refuses form fields the policy does not cover, but not x-ignore- fields", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/extra.pdf");

    const extra = await postForm(post.url, { ...post.fields, "x-amz-meta-school": "1" }, PDF_BYTES);
    const ignored = await postForm(post.url, { ...post.fields, "x-ignore-note": "hi" }, PDF_BYTES);

    expect(extra.status).toBe(403);
    expect(await extra.text()).toContain(
      "Invalid according to Policy: Extra input fields: x-amz-meta-school",
    );
    expect(ignored.status).toBe(204);
  });

  it("refuses an expired policy", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/late.pdf", { Expires: -60 });

    const response = await postForm(post.url, post.fields, PDF_BYTES);

    expect(response.status).toBe(403);
    const xml = await response.text();
    expect(errorCode(xml)).toBe("AccessDenied");
    expect(xml).toContain("Invalid according to Policy: Policy expired.");
  });

  it("refuses a tampered policy with SignatureDoesNotMatch", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/tampered.pdf");
    const policy = JSON.parse(Buffer.from(post.fields.Policy ?? "", "base64").toString("utf8"));
    policy.conditions[0] = ["content-length-range", 1, 1_000_000_000];
    const tampered = Buffer.from(JSON.stringify(policy)).toString("base64");

    const response = await postForm(post.url, { ...post.fields, Policy: tampered }, new Uint8Array(2048));

    expect(response.status).toBe(403);
    expect(errorCode(await response.text())).toBe("SignatureDoesNotMatch");
  });

  it("refuses a policy signed with another secret", async () => {
    const stranger = new S3Client({
      endpoint: emulators.endpoints.s3,
      forcePathStyle: true,
      region: emulators.region,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "not-the-secret" },
    });
    const post = await presignPdfUpload(stranger, bucket, "uploads/school-1/stranger.pdf");
    stranger.destroy();

    const response = await postForm(post.url, post.fields, PDF_BYTES);

    expect(response.status).toBe(403);
    expect(errorCode(await response.text())).toBe("SignatureDoesNotMatch");
  });

  it("refuses a credential scoped to another region, or an unknown access key", async () => {
    const client = (region: string, accessKeyId: string) =>
      new S3Client({
        endpoint: emulators.endpoints.s3,
        forcePathStyle: true,
        region,
        credentials: { accessKeyId, secretAccessKey: "S3RVER" },
      });
    const otherRegion = client(emulators.region === "eu-west-1" ? "eu-west-2" : "eu-west-1", "S3RVER");
    const unknownKey = client(emulators.region, "AKIAUNKNOWN");
    const wrongRegionPost = await presignPdfUpload(otherRegion, bucket, "uploads/school-1/region.pdf");
    const unknownKeyPost = await presignPdfUpload(unknownKey, bucket, "uploads/school-1/unknown.pdf");
    otherRegion.destroy();
    unknownKey.destroy();

    const wrongRegion = await postForm(wrongRegionPost.url, wrongRegionPost.fields, PDF_BYTES);
    const unknown = await postForm(unknownKeyPost.url, unknownKeyPost.fields, PDF_BYTES);

    expect(wrongRegion.status).toBe(400);
    expect(errorCode(await wrongRegion.text())).toBe("AuthorizationQueryParametersError");
    expect(unknown.status).toBe(403);
    expect(errorCode(await unknown.text())).toBe("InvalidAccessKeyId");
  });

  it("accepts field names in any case and ignores fields after the file", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/lower.pdf");
    const lowered = Object.fromEntries(Object.entries(post.fields).map(([k, v]) => [k.toLowerCase(), v]));
    const form = new FormData();
    for (const [name, value] of Object.entries(lowered)) form.append(name, value);
    form.append("file", new Blob([PDF_BYTES]), "a.pdf");
    form.append("x-amz-meta-after", "ignored, as S3 ignores it");

    const response = await fetch(post.url, { method: "POST", body: form });

    expect(response.status).toBe(204);
  });

  it("says what is missing: the file, the key, a multipart body", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/missing.pdf");
    const noFile = new FormData();
    for (const [name, value] of Object.entries(post.fields)) noFile.append(name, value);
    const { key: _, ...withoutKey } = post.fields;

    const fileMissing = await fetch(post.url, { method: "POST", body: noFile });
    const keyMissing = await postForm(post.url, withoutKey, PDF_BYTES);
    const notMultipart = await fetch(post.url, {
      method: "POST",
      body: "key=a",
      headers: { "content-type": "text/plain" },
    });

    expect(fileMissing.status).toBe(400);
    expect(errorCode(await fileMissing.text())).toBe("InvalidArgument");
    expect(keyMissing.status).toBe(400);
    expect(await keyMissing.text()).toContain("Bucket POST must contain a field named &#39;key&#39;.");
    expect(notMultipart.status).toBe(412);
    expect(errorCode(await notMultipart.text())).toBe("PreconditionFailed");
  });

  it("adds the bucket's CORS headers for a loopback page, on success and on error", async () => {
    const post = await presignPdfUpload(clients.s3, bucket, "uploads/school-1/cors.pdf");
    const headers = { origin: "http://127.0.0.1:5173" };

    const ok = await postForm(post.url, post.fields, PDF_BYTES, { headers });
    const refused = await postForm(post.url, post.fields, new Uint8Array(0), { headers });
    const foreign = await postForm(post.url, post.fields, PDF_BYTES, {
      headers: { origin: "https://evil.example" },
    });

    expect(ok.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(ok.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(refused.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("leaves preflights and every other S3 request to s3rver", async () => {
    const preflight = await fetch(`${emulators.endpoints.s3}/${bucket}`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:8080", "access-control-request-method": "POST" },
    });

    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });
});
