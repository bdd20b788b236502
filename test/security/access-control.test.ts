/**
 * Who may do what, over real HTTP against the embedded stack: the school API refuses every credential but a current
 * school token and shows a school only its own submissions; the presigned POST admits exactly the file it was signed
 * for, until it expires; and no token is ever written to a log, the table, the bucket or a mailbox. Each actor sends
 * from its own loopback address, because the API limits failed token presentations per client address.
 *
 * Covered elsewhere, and checked here to still be there: a second upload through a used link
 * (test/integration/pipeline/access.test.ts), the deadline at link time and for a late upload
 * (test/integration/pipeline/late-upload.test.ts), the failed-attempt limit itself
 * (test/integration/api/attempt-limit.test.ts).
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../infra/local/sample-pdf.ts";
import { postFile, sentEmails, type UploadLink, waitForReceipt } from "../../infra/local/school-client.ts";
import { LOCAL_BUCKET, LOCAL_TABLE } from "../../infra/local/shenbao-local.ts";
import { MAX_FAILED_ATTEMPTS } from "../../shared/api/attempt-limit.ts";
import { DynamoMailLog } from "../../shared/aws/dynamodb-mail-log.ts";
import { S3ObjectStore } from "../../shared/aws/s3-object-store.ts";
import { SesMailer } from "../../shared/aws/ses-mailer.ts";
import { inviteSchool } from "../../shared/schools/invite-school.ts";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { generateSchoolToken, hashToken } from "../../shared/submissions/tokens.ts";
import { setVariable } from "../helpers/environment-variable.ts";
import { captureOutput, type OutputCapture } from "./output-capture.ts";
import { resultsRecorder } from "./results.ts";
import {
  expectApiError,
  officialName,
  type SecurityStack,
  schoolIdentity,
  send,
  startSecurityStack,
  submissionCount,
} from "./stack.ts";

const results = resultsRecorder("access-control", { source: "test/security/access-control.test.ts" });
/** A credit code no test registers: well-formed tokens naming it are never issued. */
const UNREGISTERED_SCHOOL = "12410000000000000X";
const REVIEWER = "expert@review.henan.gov.cn";
/** The literal `${filename}` that S3 replaces in a POSTed key with the uploaded file's own name. */
const FILENAME_VARIABLE = ["$", "{filename}"].join("");

interface School {
  school: SchoolRecord;
  token: string;
}

let output: OutputCapture;
let restoreLogEvent: () => void;
let stack: SecurityStack;
let s3: S3Client;
let a: School;
let b: School;
let revoked: School;
/** A's submission, decided and receipted: what the others try to reach. */
let decided: { submissionId: string };
/** Every token this file presents, valid or not: none may be found at rest or in the output. */
const presentedTokens = new Set<string>();

beforeAll(async () => {
  output = captureOutput();
  // Everything the functions can log is logged: DEBUG, passed to the stack, and event logging, which Powertools
  // reads from this variable when a logger is made.
  restoreLogEvent = setVariable("POWERTOOLS_LOGGER_LOG_EVENT", "true");
  stack = await startSecurityStack({ reviewers: [REVIEWER], logLevel: "DEBUG" });
  s3 = stack.stack.clients.s3;
  a = await stack.registerSchool(schoolIdentity(11, "河南甲安全职业技术学院"));
  b = await stack.registerSchool(schoolIdentity(12, "河南乙安全职业技术学院"));
  revoked = await stack.registerSchool(schoolIdentity(13, "河南丙安全职业技术学院"));
  for (const { token } of [a, b, revoked]) presentedTokens.add(token);
  await stack.repositories.schools.revokeSchool(revoked.school.schoolId);

  const pdf = await samplePdf({ pages: 3 });
  const link = await issueLink(a, pdf.byteLength);
  expect((await postFile(link.upload, pdf, officialName(a.school.name))).status).toBe(204);
  await waitForReceipt(stack.baseUrl, a.token, link.submissionId);
  decided = { submissionId: link.submissionId };
});

// biome-ignore lint/correctness/noEmptyPattern: vitest passes a hook its suite only after a destructured context.
afterAll(async ({}, file) => {
  await stack?.stop();
  restoreLogEvent?.();
  output?.restore();
  await results.finish(file);
});

function api(path: string, init: { method?: string; authorization?: string; body?: unknown; from: string }) {
  return send(`${stack.baseUrl}${path}`, {
    method: init.method ?? "GET",
    from: init.from,
    headers: {
      "content-type": "application/json",
      ...(init.authorization === undefined ? {} : { authorization: init.authorization }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function issueLink(school: School, size: number): Promise<UploadLink> {
  const response = await api("/api/upload-links", {
    method: "POST",
    authorization: `Bearer ${school.token}`,
    body: { fileName: officialName(school.school.name), size },
    from: "127.0.0.1",
  });
  expect(response.status, response.text).toBe(201);
  return response.json as UploadLink;
}

async function objectExists(key: string): Promise<boolean> {
  return s3.send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET, Key: key })).then(
    () => true,
    () => false,
  );
}

describe("the school API", () => {
  const endpoints = () => [
    {
      name: "POST /api/upload-links",
      method: "POST",
      path: "/api/upload-links",
      body: { fileName: officialName(a.school.name), size: 1000 },
    },
    { name: "GET /api/submissions/{id}", method: "GET", path: `/api/submissions/${decided.submissionId}` },
    { name: "GET /api/me", method: "GET", path: "/api/me" },
  ];
  const nearMiss = (token: string) => token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  // One client address per kind of credential: each stays under the failed-attempt limit.
  const credentials: Array<{
    kind: string;
    from: string;
    authorization: () => string | undefined;
    code: string;
  }> = [
    {
      kind: "no Authorization header",
      from: "127.0.0.2",
      authorization: () => undefined,
      code: "UNAUTHORIZED",
    },
    { kind: "an empty Bearer", from: "127.0.0.3", authorization: () => "Bearer ", code: "UNAUTHORIZED" },
    {
      kind: "a malformed token",
      from: "127.0.0.3",
      authorization: () => "Bearer not-a-token",
      code: "UNAUTHORIZED",
    },
    {
      kind: "another scheme (Basic)",
      from: "127.0.0.3",
      authorization: () => `Basic ${Buffer.from(`x:${a.token}`).toString("base64")}`,
      code: "UNAUTHORIZED",
    },
    {
      kind: "the token's stored SHA-256 instead of the token",
      from: "127.0.0.4",
      authorization: () => `Bearer ${a.school.tokenHash}`,
      code: "UNAUTHORIZED",
    },
    {
      kind: "a well-formed token never issued",
      from: "127.0.0.4",
      authorization: () => `Bearer ${generateSchoolToken(UNREGISTERED_SCHOOL)}`,
      code: "TOKEN_REJECTED",
    },
    {
      kind: "school A's id with a secret never issued",
      from: "127.0.0.12",
      authorization: () => `Bearer ${generateSchoolToken(a.school.schoolId)}`,
      code: "TOKEN_REJECTED",
    },
    {
      kind: "a token in the format issued before tokens named their school, never issued",
      from: "127.0.0.13",
      authorization: () => `Bearer sbt_${randomBytes(32).toString("base64url")}`,
      code: "TOKEN_REJECTED",
    },
    {
      kind: "school A's token with its last character changed",
      from: "127.0.0.5",
      authorization: () => `Bearer ${nearMiss(a.token)}`,
      code: "TOKEN_REJECTED",
    },
    {
      kind: "a revoked school's token",
      from: "127.0.0.6",
      authorization: () => `Bearer ${revoked.token}`,
      code: "TOKEN_REJECTED",
    },
  ];

  it("refuses every credential but a current school token, on every endpoint, with 401 and a Bearer challenge", async () => {
    const before = await submissionCount(stack, a.school.schoolId);
    let cases = 0;
    for (const credential of credentials) {
      for (const endpoint of endpoints()) {
        const authorization = credential.authorization();
        if (authorization?.startsWith("Bearer sbt_")) presentedTokens.add(authorization.slice(7));
        const response = await api(endpoint.path, { ...endpoint, authorization, from: credential.from });
        expectApiError(response, 401, credential.code);
        expect(response.headers["www-authenticate"]).toBe('Bearer realm="shenbao"');
        expect(response.text, `${credential.kind} on ${endpoint.name}`).not.toContain(a.school.name);
        cases += 1;
      }
    }
    // The token in the query string or a cookie is not a credential either.
    for (const endpoint of endpoints()) {
      const response = await send(
        `${stack.baseUrl}${endpoint.path}?token=${a.token}&access_token=${a.token}`,
        {
          method: endpoint.method,
          from: "127.0.0.2",
          headers: { cookie: `token=${a.token}`, "content-type": "application/json" },
          ...(endpoint.body ? { body: JSON.stringify(endpoint.body) } : {}),
        },
      );
      expectApiError(response, 401, "UNAUTHORIZED");
      cases += 1;
    }
    expect(await submissionCount(stack, a.school.schoolId)).toBe(before);
    results.record({
      id: "access.credentials",
      area: "Access control",
      tried:
        "no token, empty, malformed, Basic, the stored hash, a token never issued, school A's id with a secret never issued, an old-format (indexed) token never issued, a one-character near miss, a " +
        "revoked school's token, the token in the query string or a cookie — on all three endpoints",
      cases,
      outcome: `${cases}× 401 with a Bearer challenge; nothing recorded, nothing of the school disclosed`,
      lost: 0,
    });
  });

  it("shows another school nothing of A: 404 as for a missing id, its own profile only, no filing in A's name", async () => {
    const from = "127.0.0.7";
    const bAuth = `Bearer ${b.token}`;
    const foreign = await api(`/api/submissions/${decided.submissionId}`, { authorization: bAuth, from });
    const missing = await api("/api/submissions/01M8J3NZ8V4P777PTPXD8NYMN9", { authorization: bAuth, from });
    expectApiError(foreign, 404, "NOT_FOUND");
    expect(foreign.json).toEqual(missing.json);

    const me = await api("/api/me", { authorization: bAuth, from });
    expect(me.status).toBe(200);
    expect(me.text).toContain(b.school.name);
    expect(me.text).not.toContain(a.school.name);
    expect(me.text).not.toContain(decided.submissionId);

    const beforeA = await submissionCount(stack, a.school.schoolId);
    const inAsName = await api("/api/upload-links", {
      method: "POST",
      authorization: bAuth,
      body: { fileName: officialName(a.school.name), size: 1000 },
      from,
    });
    expectApiError(inAsName, 422, "CHECKS_FAILED");
    expect(
      (inAsName.json as { error: { findings: Array<{ code: string }> } }).error.findings.map((f) => f.code),
    ).toContain("NAME_SCHOOL_MISMATCH");
    expect(await submissionCount(stack, a.school.schoolId)).toBe(beforeA);
    expect(await submissionCount(stack, b.school.schoolId)).toBe(0);

    const own = await api(`/api/submissions/${decided.submissionId}`, {
      authorization: `Bearer ${a.token}`,
      from,
    });
    expect(own.status).toBe(200);
    results.record({
      id: "access.other-school",
      area: "Access control",
      tried: "school B's valid token on A's submission, on /api/me, and for a link in A's name",
      cases: 4,
      outcome:
        "404 identical to a missing id; B's profile shows nothing of A; 422 NAME_SCHOOL_MISMATCH, nothing recorded",
      lost: 0,
    });
  });

  it("limits failed tokens per client address: a flood refuses that address's further guesses, never a valid token", async () => {
    const flood = "127.0.0.9";
    // The limit counts per calendar minute: start the flood well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_100 - intoMinute));
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      const token = generateSchoolToken(UNREGISTERED_SCHOOL);
      presentedTokens.add(token);
      statuses.push((await api("/api/me", { authorization: `Bearer ${token}`, from: flood })).status);
    }
    const guess = generateSchoolToken(UNREGISTERED_SCHOOL);
    presentedTokens.add(guess);
    const blocked = await api("/api/me", { authorization: `Bearer ${guess}`, from: flood });
    // Before issue 16 the valid token from the flooded address got 429 too: a NAT locked out. Now it is served.
    const valid = await api("/api/me", { authorization: `Bearer ${b.token}`, from: flood });
    const elsewhere = await api("/api/me", { authorization: `Bearer ${b.token}`, from: "127.0.0.10" });
    expect(statuses).toEqual(Array.from({ length: MAX_FAILED_ATTEMPTS }, () => 401));
    expectApiError(blocked, 429, "TOO_MANY_ATTEMPTS");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(valid.status).toBe(200);
    expect(elsewhere.status).toBe(200);
    results.record({
      id: "access.rate-limit",
      area: "Access control",
      tried: `${MAX_FAILED_ATTEMPTS} unknown tokens a minute from one address, then another unknown one, then a valid token from it and from another`,
      cases: MAX_FAILED_ATTEMPTS + 3,
      outcome: `${MAX_FAILED_ATTEMPTS}× 401, then 429 TOO_MANY_ATTEMPTS with Retry-After for the next guess; the valid token 200 from both addresses`,
      lost: 0,
    });
  });
});

describe("the presigned POST", () => {
  let pdf: Uint8Array;
  let link: UploadLink;
  let other: UploadLink;

  beforeAll(async () => {
    pdf = await samplePdf({ pages: 5 });
    link = await issueLink(a, pdf.byteLength);
    other = await issueLink(a, pdf.byteLength);
  });

  it("is signed for exactly one key, one size, application/pdf, for at most 15 minutes", () => {
    const fields = link.upload.fields;
    const policy = JSON.parse(Buffer.from(fields.Policy ?? "", "base64").toString("utf8")) as {
      expiration: string;
      conditions: unknown[];
    };
    const key = fields.key ?? "";
    expect(key).toBe(`uploads/${a.school.schoolId}/${link.submissionId}/${officialName(a.school.name)}`);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key },
        { bucket: LOCAL_BUCKET },
        ["content-length-range", pdf.byteLength, pdf.byteLength],
        ["eq", "$Content-Type", "application/pdf"],
      ]),
    );
    // Nothing is left open: no prefix match and no condition without a fixed value.
    expect(JSON.stringify(policy.conditions)).not.toContain("starts-with");
    const lifetime = Date.parse(policy.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    results.record({
      id: "access.policy-conditions",
      area: "Access control",
      tried: "the signed POST policy itself (what S3 enforces in AWS)",
      cases: 1,
      outcome:
        "exact key under the school's prefix, exact declared size, Content-Type application/pdf, no starts-with, expiry ≤ 15 min",
      lost: 0,
    });
  });

  it("refuses every tampered form with 403 and stores nothing", async () => {
    const fileName = officialName(a.school.name);
    const fields = link.upload.fields;
    const ownKey = fields.key ?? "";
    const tamper = (changes: Record<string, string | undefined>) => {
      const changed: Record<string, string> = {};
      for (const [name, value] of Object.entries({ ...fields, ...changes }))
        if (value !== undefined) changed[name] = value;
      return { url: link.upload.url, fields: changed };
    };
    const flip = (hex: string) => (hex.startsWith("0") ? "1" : "0") + hex.slice(1);
    const attempts: Array<[string, { url: string; fields: Record<string, string> }, string?]> = [
      [
        "key under another school's prefix",
        tamper({ key: `uploads/${b.school.schoolId}/${link.submissionId}/${officialName(b.school.name)}` }),
      ],
      ["key of another submission of the same school", tamper({ key: other.upload.fields.key })],
      [
        "key climbing out with ../",
        tamper({ key: `uploads/${a.school.schoolId}/${link.submissionId}/../../${b.school.schoolId}/x.pdf` }),
      ],
      ["key outside uploads/", tamper({ key: "public/index.html" })],
      [
        "key with S3's filename variable",
        tamper({ key: `uploads/${a.school.schoolId}/${link.submissionId}/${FILENAME_VARIABLE}` }),
      ],
      ["Content-Type text/html", tamper({ "Content-Type": "text/html" })],
      ["another link's policy with this link's signature", tamper({ Policy: other.upload.fields.Policy })],
      [
        "signature with one digit changed",
        tamper({ "X-Amz-Signature": flip(fields["X-Amz-Signature"] ?? "") }),
      ],
      [
        "another access key in the credential",
        tamper({ "X-Amz-Credential": (fields["X-Amz-Credential"] ?? "").replace(/^[^/]+/, "AKIAOTHERKEY") }),
      ],
      ["an extra acl=public-read field", tamper({ acl: "public-read" })],
      [
        "an extra success_action_redirect field",
        tamper({ success_action_redirect: "https://evil.example/" }),
      ],
      ["no policy at all (anonymous POST)", tamper({ Policy: undefined, "X-Amz-Signature": undefined })],
    ];
    const outcomes: string[] = [];
    for (const [name, form] of attempts) {
      const posted = await postFile(form, pdf, fileName);
      const code = /<Code>([^<]+)<\/Code>/.exec(posted.body)?.[1] ?? "";
      outcomes.push(code);
      expect(posted.status, `${name}: ${posted.body.slice(0, 200)}`).toBe(403);
      expect(["AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId"], name).toContain(code);
    }
    await stack.stack.eventDelivery.whenIdle();
    for (const key of [
      ownKey,
      other.upload.fields.key ?? "",
      `uploads/${b.school.schoolId}/${link.submissionId}/${officialName(b.school.name)}`,
      "public/index.html",
    ]) {
      expect(await objectExists(key), key).toBe(false);
    }
    expect(
      (await stack.repositories.submissions.getSubmission(a.school.schoolId, link.submissionId))?.state,
    ).toBe("PENDING");
    expect(await submissionCount(stack, b.school.schoolId)).toBe(0);
    const tally = outcomes.reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>());
    results.record({
      id: "access.policy-tampering",
      area: "Access control",
      tried:
        "the presigned form altered: key (other school, other submission, ../, outside uploads/, S3's filename variable), " +
        "Content-Type, policy swapped, signature, access key, extra acl / redirect fields, no policy",
      cases: attempts.length,
      outcome: `${[...tally].map(([c, n]) => `${n}× 403 ${c}`).join(", ")}; no object stored, nothing processed`,
      lost: 0,
    });
  });

  it("refuses an expired policy with 403 and the submission stays PENDING", async () => {
    const fresh = await issueLink(a, pdf.byteLength);
    const key = fresh.upload.fields.key ?? "";
    // SHENBAO_LINK_SECONDS cannot go below 60: the store signs a one-second policy for the same key instead.
    const shortLived = await new S3ObjectStore(stack.stack.clients.s3, LOCAL_BUCKET).presignUpload(
      key,
      pdf.byteLength,
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const posted = await postFile(shortLived, pdf, officialName(a.school.name));
    await stack.stack.eventDelivery.whenIdle();
    expect(posted.status).toBe(403);
    expect(posted.body).toContain("Policy expired");
    expect(await objectExists(key)).toBe(false);
    expect(
      (await stack.repositories.submissions.getSubmission(a.school.schoolId, fresh.submissionId))?.state,
    ).toBe("PENDING");
    results.record({
      id: "access.expired-policy",
      area: "Access control",
      tried: "a POST policy for a real PENDING submission's key, signed for 1 s and used after 1.5 s",
      cases: 1,
      outcome: "403 AccessDenied (Policy expired); no object, submission still PENDING",
      lost: 0,
    });
  });
});

describe("refusals proven by other suites", () => {
  const covered = [
    {
      id: "access.reused-policy",
      tried: "a second, different file through a used link",
      file: "test/integration/pipeline/access.test.ts",
      title:
        "ignores a second, different file posted through a used link: the first verdict stands, one receipt",
      outcome: "ignored: first verdict stands, one receipt",
    },
    {
      id: "access.deadline-link",
      tried: "a link requested after the deadline",
      file: "test/integration/pipeline/late-upload.test.ts",
      title: "refuses a link requested after the deadline with 403 DEADLINE_PASSED and records nothing",
      outcome: "403 DEADLINE_PASSED, nothing recorded",
    },
    {
      id: "access.late-upload",
      tried: "an upload through a valid link completed after the deadline",
      file: "test/integration/pipeline/late-upload.test.ts",
      title: "records the late upload as LATE with DEADLINE_PASSED, not as a version of the application",
      outcome: "LATE with DEADLINE_PASSED; the earlier application stands",
    },
    {
      id: "access.attempt-limit",
      tried: "repeated bad tokens from one address",
      file: "test/integration/api/attempt-limit.test.ts",
      title:
        "are refused with 401 until the limit, then further bad tokens from that address get 429 for the minute",
      outcome: `401 × ${MAX_FAILED_ATTEMPTS}, then 429 for further bad tokens that minute; the right token 200`,
    },
  ];

  it.each(covered)("$id is still tested in $file", async ({ id, tried, file, title, outcome }) => {
    const source = await readFile(new URL(`../../${file}`, import.meta.url), "utf8");
    expect(source).toContain(title);
    results.record({
      id,
      area: "Access control",
      tried,
      cases: 1,
      outcome,
      lost: 0,
      coveredBy: `${file} › ${title}`,
    });
  });
});

describe("tokens at rest and in the logs", () => {
  it("appear in no log line, DynamoDB item, S3 key or metadata, e-mail, dead letter or data file", async () => {
    // An operator's invitation is the one way a token leaves the system: by e-mail, to the school's own address.
    const invited = await stack.registerSchool(schoolIdentity(14, "河南丁安全职业技术学院"));
    presentedTokens.add(invited.token);
    const invitation = await inviteSchool(invited.school, {
      call: stack.dependencies.ctx.call,
      schools: stack.repositories.schools,
      mailer: new SesMailer(stack.stack.clients.ses, "noreply@shenbao.local", "申报系统"),
      mailLog: new DynamoMailLog(stack.stack.clients.document, LOCAL_TABLE),
      publicUrl: stack.baseUrl,
      now: new Date(),
    });
    expect(invitation.kind).toBe("sent");
    const invitationMail = (await sentEmails(stack.mailStoreUrl)).filter((m) =>
      m.destination.to.includes(invited.school.email),
    );
    const invitedToken =
      /#token=(sbt_[0-9A-Z]{18}\.[A-Za-z0-9_-]{43})/.exec(invitationMail[0]?.body.text ?? "")?.[1] ?? "";
    expect(invitationMail).toHaveLength(1);
    expect(invitedToken).toMatch(/^sbt_/);
    presentedTokens.add(invitedToken);

    // One more accepted request with each live token after the flows above, so the last log lines are in too.
    for (const token of [a.token, invitedToken]) {
      const me = await api("/api/me", { authorization: `Bearer ${token}`, from: "127.0.0.1" });
      expect(me.status).toBe(200);
      expect(me.text).not.toContain(token);
    }
    await stack.stack.eventDelivery.whenIdle();

    const tokens = [...presentedTokens];
    const found: string[] = [];
    const scan = (where: string, text: string) => {
      for (const token of tokens) {
        // The 43 random characters alone too: a log that stripped the sbt_ prefix (or the school's id) still leaks it.
        const secret = token.slice(token.lastIndexOf(".") + 1).replace(/^sbt_/, "");
        if (text.includes(token) || text.includes(token.slice(4)) || text.includes(secret))
          found.push(`${where}: ${token.slice(0, 8)}…`);
      }
    };

    const logText = output.chunks.join("");
    scan("process output", logText);
    // The functions log nothing at DEBUG today; at the default WARN these INFO lines would not be written at all.
    const infoLines = output.chunks.filter((c) => /"level":"(DEBUG|INFO)"/.test(c)).length;
    const logLines = logText.split("\n").filter((line) => line.trim() !== "").length;

    const items = await scanTable();
    for (const item of items) scan(`item ${String(item.pk)} ${String(item.sk)}`, JSON.stringify(item));

    const objects = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_BUCKET }));
    const keys = (objects.Contents ?? []).map((o) => o.Key ?? "");
    for (const key of keys) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }));
      scan(`S3 ${key}`, `${key} ${JSON.stringify(head.Metadata ?? {})} ${head.ContentType ?? ""}`);
    }

    const emails = await sentEmails(stack.mailStoreUrl);
    // Except the invitation, to its school only, carrying only that school's new token.
    const invitationId = invitationMail[0]?.messageId;
    for (const email of emails) {
      const text = JSON.stringify(email);
      if (email.messageId !== invitationId) scan(`e-mail ${email.subject}`, text);
      else scan("the invitation", text.replaceAll(invitedToken, "").replaceAll(invitedToken.slice(4), ""));
    }
    scan("dead letters", JSON.stringify(stack.stack.eventDelivery.listDeadLetters()));

    const files = await filesUnder(stack.dataDir);
    for (const file of files) scan(`file ${file}`, (await readFile(file)).toString("latin1"));

    expect(found).toEqual([]);
    // The scan looked at real data: the school items hold the hashes, the flows logged, mail was sent.
    expect(items.some((item) => item.tokenHash === hashToken(a.token))).toBe(true);
    expect(infoLines).toBeGreaterThan(0);
    for (const message of ["upload link issued", "verdict recorded", "upload processed"]) {
      expect(logText).toContain(`"message":"${message}"`);
    }
    expect(emails.length).toBeGreaterThanOrEqual(2);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    results.record({
      id: "access.tokens-at-rest",
      area: "Access control",
      tried:
        `every token presented in this suite (valid, revoked, near misses, never issued, one mailed by an ` +
        "operator's invitation), searched in all output at POWERTOOLS_LOG_LEVEL=DEBUG with event logging on, every " +
        "DynamoDB item (mail log included), S3 key and metadata, e-mail, dead letter and file of the data directory",
      cases: tokens.length,
      outcome:
        `found only in the invitation to its own school; 0 times in ${logLines} output lines (${infoLines} at INFO or DEBUG), ${items.length} items, ${keys.length} ` +
        `objects, ${emails.length} e-mails, ${files.length} files; only SHA-256 hashes are stored`,
      lost: found.length,
    });
  });
});

async function scanTable(): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.stack.clients.document.send(
      new ScanCommand({ TableName: LOCAL_TABLE, ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
