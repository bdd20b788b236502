/**
 * Malformed and hostile requests to the school API, over real HTTP against the embedded stack, from a school with a
 * valid token (so that each request reaches the validation it is aimed at). Every refusal is a 4xx with the API's
 * one error shape and a Chinese message, never a 5xx, and records nothing; what is accepted lands under the
 * school's own key prefix with exactly the name given. Requests no HTTP client would send are written to the socket.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { resultsRecorder } from "./results.ts";
import {
  API_RESPONSE_HEADERS,
  expectApiError,
  officialName,
  type RawResponse,
  type SecurityStack,
  schoolIdentity,
  send,
  sendRaw,
  startSecurityStack,
  submissionCount,
} from "./stack.ts";

const MB = 1024 * 1024;
const BODY_RUNS = 400;
const NAME_RUNS = 300;

const results = resultsRecorder("api-input", { source: "test/security/api-input.test.ts" });

let stack: SecurityStack;
let school: SchoolRecord;
let token: string;
let good: string;

beforeAll(async () => {
  stack = await startSecurityStack();
  ({ school, token } = await stack.registerSchool(schoolIdentity(1, "河南安全测试职业技术学院")));
  good = officialName(school.name);
});

// biome-ignore lint/correctness/noEmptyPattern: vitest passes a hook its suite only after a destructured context.
afterAll(async ({}, file) => {
  await stack?.stop();
  await results.finish(file);
});

function postLink(body: string | Uint8Array, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(`${stack.baseUrl}/api/upload-links`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body,
  });
}

const json = (value: unknown) => JSON.stringify(value);

interface Case {
  name: string;
  body: () => string | Uint8Array;
  headers?: Record<string, string>;
  /** Status and error code refused with; or 201 for a name the call accepts with a NAME_NOT_CANONICAL warning. */
  expect: [status: number, code?: string] | "accepted with a warning";
}

/** Every case's answer: never a 5xx, only known headers, none echoing the request; and what it left in the table. */
async function check(c: Case): Promise<string> {
  const before = await submissionCount(stack, school.schoolId);
  const response = await postLink(c.body(), c.headers);
  const after = await submissionCount(stack, school.schoolId);
  expect(response.status, c.name).toBeLessThan(500);
  for (const [name, value] of Object.entries(response.headers)) {
    expect(API_RESPONSE_HEADERS, `${c.name}: header ${name}`).toContain(name);
    expect(String(value), `${c.name}: header ${name}`).not.toMatch(/Injected|evil|\.\.\//i);
  }
  if (c.expect === "accepted with a warning") {
    const body = response.json as {
      submissionId: string;
      upload: { fields: Record<string, string> };
      findings: Array<{ code: string; severity: string; expected?: string }>;
    };
    expect(response.status, `${c.name}: ${response.text.slice(0, 200)}`).toBe(201);
    expect(body.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["warning NAME_NOT_CANONICAL"]);
    expect(body.findings[0]?.expected).toBe(good);
    expect(after).toBe(before + 1);
    await expectOwnKey(body.submissionId, body.upload.fields.key);
    return "201 + NAME_NOT_CANONICAL";
  }
  const [status, code] = c.expect;
  expectApiError(response, status, code);
  expect(after, `${c.name} recorded a submission`).toBe(before);
  return `${response.status} ${(response.json as { error: { code: string } }).error.code}`;
}

/** The link issued is for exactly the recorded submission's key, under this school's prefix, with the name given. */
async function expectOwnKey(submissionId: string, key: string | undefined): Promise<void> {
  const record = await stack.repositories.submissions.getSubmission(school.schoolId, submissionId);
  expect(record?.state).toBe("PENDING");
  expect(key).toBe(`uploads/${school.schoolId}/${submissionId}/${record?.fileName}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must not pass.
  expect(record?.fileName).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
}

function groupOf(id: string, area: string, tried: string, cases: Case[]) {
  describe(tried, () => {
    const outcomes = new Map<string, number>();
    for (const c of cases) {
      it(c.name, async () => {
        const outcome = await check(c);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      });
    }
    afterAll(() => {
      const summary = [...outcomes].map(([o, n]) => `${n}× ${o}`).join(", ");
      const answered = [...outcomes.values()].reduce((a, b) => a + b, 0);
      results.record({
        id,
        area,
        tried,
        cases: cases.length,
        outcome: summary || "not run",
        lost: cases.length - answered,
      });
    });
  });
}

const valid = () => ({ fileName: good, size: 1000 });

groupOf(
  "api.wrong-types",
  "API input",
  "wrong JSON types for fileName, size, documentType and the body itself",
  [
    ...([123, null, true, [], {}, ""] as unknown[]).map((fileName) => ({
      name: `fileName ${json(fileName)}`,
      body: () => json({ ...valid(), fileName }),
      expect: [400, "INVALID_REQUEST"] as Case["expect"],
    })),
    ...(["1000", "１０００", -1, 0, 1.5, 2 ** 53, true, null, [1000], { value: 1000 }] as unknown[]).map(
      (size) => ({
        name: `size ${json(size)}`,
        body: () => json({ ...valid(), size }),
        expect: [400, "INVALID_REQUEST"] as Case["expect"],
      }),
    ),
    {
      name: "size 1e999 (Infinity once parsed)",
      body: () => `{"fileName":${json(good)},"size":1e999}`,
      expect: [400, "INVALID_REQUEST"],
    },
    ...([1, "", "x".repeat(33), ["evidence"]] as unknown[]).map((documentType) => ({
      name: `documentType ${json(documentType)}`,
      body: () => json({ ...valid(), documentType }),
      expect: [400, "INVALID_REQUEST"] as Case["expect"],
    })),
    ...(["[]", '"text"', "123", "null", "true"] as const).map((body) => ({
      name: `body ${body}`,
      body: () => body,
      expect: [400, "INVALID_REQUEST"] as Case["expect"],
    })),
  ],
);

groupOf("api.missing-fields", "API input", "missing required fields", [
  { name: "{}", body: () => "{}", expect: [400, "INVALID_REQUEST"] },
  { name: "fileName only", body: () => json({ fileName: good }), expect: [400, "INVALID_REQUEST"] },
  { name: "size only", body: () => json({ size: 1000 }), expect: [400, "INVALID_REQUEST"] },
  {
    name: "documentType only",
    body: () => json({ documentType: "evidence" }),
    expect: [400, "INVALID_REQUEST"],
  },
]);

groupOf("api.invalid-json", "API input", "bodies that are not JSON", [
  { name: "empty body", body: () => "", expect: [400, "INVALID_JSON"] },
  { name: "unterminated object", body: () => "{", expect: [400, "INVALID_JSON"] },
  { name: "missing value", body: () => '{"fileName":}', expect: [400, "INVALID_JSON"] },
  { name: "NaN", body: () => `{"fileName":${json(good)},"size":NaN}`, expect: [400, "INVALID_JSON"] },
  { name: "single quotes", body: () => "{'fileName':'a.pdf','size':1}", expect: [400, "INVALID_JSON"] },
  {
    name: "trailing comma",
    body: () => `{"fileName":${json(good)},"size":1000,}`,
    expect: [400, "INVALID_JSON"],
  },
  { name: "comment", body: () => `/* hi */${json(valid())}`, expect: [400, "INVALID_JSON"] },
  { name: "two documents", body: () => `${json(valid())}${json(valid())}`, expect: [400, "INVALID_JSON"] },
  { name: "byte-order mark first", body: () => `\uFEFF${json(valid())}`, expect: [400, "INVALID_JSON"] },
  {
    name: "bytes that are not UTF-8",
    body: () => new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0xc3]),
    expect: [400, "INVALID_JSON"],
  },
  { name: "arrays nested 15,000 deep", body: () => "[".repeat(15_000), expect: [400, "INVALID_JSON"] },
  {
    name: "valid nesting 5,000 deep",
    body: () => `${"[".repeat(5000)}${"]".repeat(5000)}`,
    expect: [400, "INVALID_REQUEST"],
  },
]);

groupOf(
  "api.huge-bodies",
  "API input",
  "bodies and values over the limits (16 KiB JSON body, 200-character name, the call's 100 MB)",
  [
    {
      name: "16 KiB + 1 byte",
      body: () => json({ ...valid(), pad: "x".repeat(16 * 1024 - 30) }).padEnd(16 * 1024 + 1, " "),
      expect: [413, "BODY_TOO_LARGE"],
    },
    { name: "1 MiB", body: () => json({ ...valid(), pad: "x".repeat(MB) }), expect: [413, "BODY_TOO_LARGE"] },
    {
      name: "9 MiB of one string",
      body: () => json({ ...valid(), fileName: "河".repeat(3 * MB) }),
      expect: [413, "BODY_TOO_LARGE"],
    },
    {
      name: "a 201-character name",
      body: () => json({ ...valid(), fileName: `${"河".repeat(197)}.pdf` }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "a declared size over 100 MB",
      body: () => json({ ...valid(), size: 100 * MB + 1 }),
      expect: [422, "CHECKS_FAILED"],
    },
    {
      name: "a declared size of 2^53 − 1",
      body: () => json({ ...valid(), size: Number.MAX_SAFE_INTEGER }),
      expect: [422, "CHECKS_FAILED"],
    },
  ],
);

groupOf(
  "api.path-traversal",
  "API input",
  "path traversal and foreign prefixes in fileName (../, ..\\, %2e%2e%2f, absolute paths, uploads/other-school/…) and documentType",
  [
    ...[
      "../{good}",
      "..\\{good}",
      "../../../../etc/passwd.pdf",
      "/etc/passwd.pdf",
      "C:\\Windows\\System32\\{good}",
      "\\\\fileserver\\share\\{good}",
      "uploads/91410000MA00000000/01M8J3NZ8V4P777PTPXD8NYMN9/{good}",
      "file:///etc/{good}",
      "{good}/../../x.pdf",
      "..",
      ".",
      "....pdf",
      "..%c0%af{good}",
    ].map((name) => ({
      name: `fileName ${name.replace("{good}", "<official name>")}`,
      body: () => json({ ...valid(), fileName: name.replace("{good}", good) }),
      expect: [400, "INVALID_REQUEST"] as Case["expect"],
    })),
    ...["%2e%2e%2f{good}", "%2e%2e%5c{good}", "%2F..%2F{good}", "{good}%00.exe"].map((name) => ({
      name: `fileName ${name.replace("{good}", "<official name>")}`,
      body: () => json({ ...valid(), fileName: name.replace("{good}", good) }),
      expect: [422, "CHECKS_FAILED"] as Case["expect"],
    })),
    ...["../evidence", "evidence/../application", "__proto__", "constructor"].map((documentType) => ({
      name: `documentType ${documentType}`,
      body: () => json({ ...valid(), documentType }),
      expect: [422, "CHECKS_FAILED"] as Case["expect"],
    })),
  ],
);

groupOf(
  "api.odd-unicode",
  "API input",
  "odd Unicode in fileName: NUL, CR/LF, U+2028, lone surrogates, emoji, RTL override, zero-width and bidi marks, NFD, full-width letters and digits",
  [
    {
      name: "NUL inside",
      body: () => json({ ...valid(), fileName: good.replace("河南", "河\u0000南") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "CR LF inside",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\r\n.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "DEL inside",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\u007f.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "lone high surrogate",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\ud800.pdf") }),
      expect: [422, "CHECKS_FAILED"],
    },
    {
      name: "lone low surrogate in the major",
      body: () => json({ ...valid(), fileName: good.replace("数控", "数\udc00控") }),
      expect: [422, "CHECKS_FAILED"],
    },
    {
      name: "emoji",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "😀.pdf") }),
      expect: [422, "CHECKS_FAILED"],
    },
    {
      name: "RTL override spoofing the extension",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\u202Efdp.exe.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "U+2028 line separator",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\u2028.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "RTL override before the name",
      body: () => json({ ...valid(), fileName: `\u202E${good}` }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "left-to-right isolate before .pdf",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\u2066.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "zero-width space in the major",
      body: () => json({ ...valid(), fileName: good.replace("数控", "数\u200B控") }),
      expect: [400, "INVALID_REQUEST"],
    },
    // U+F9BE is a CJK compatibility ideograph whose canonical (NFD/NFC) form is 料, the character in 申报材料.
    {
      name: "a compatibility ideograph that normalizes to 料",
      body: () => json({ ...valid(), fileName: good.replace("材料", "材\uF9BE") }),
      expect: "accepted with a warning",
    },
    {
      name: "full-width .ＰＤＦ",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", ".ＰＤＦ") }),
      expect: "accepted with a warning",
    },
    {
      name: "full-width digits in a copy suffix",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "(１).pdf") }),
      expect: "accepted with a warning",
    },
    {
      name: "full-width digits for the size",
      body: () => json({ ...valid(), size: "１０００" }),
      expect: [400, "INVALID_REQUEST"],
    },
  ],
);

groupOf(
  "api.header-injection",
  "API input",
  "CR/LF and quote injection aimed at headers (the file name travels to S3 keys and download headers)",
  [
    {
      name: "CRLF and a header in the name",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\r\nX-Injected: 1\r\n.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "LF alone in the name",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", "\nX-Injected: 1.pdf") }),
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "escaped CRLF in JSON",
      body: () => `{"fileName":${json(good).replace(".pdf", "\\r\\nX-Injected: 1.pdf")},"size":1000}`,
      expect: [400, "INVALID_REQUEST"],
    },
    {
      name: "a quoted Content-Disposition parameter in the name",
      body: () => json({ ...valid(), fileName: good.replace(".pdf", '"; filename="evil.exe.pdf') }),
      expect: [422, "CHECKS_FAILED"],
    },
    {
      name: "RFC 2047 encoded word in the name",
      body: () =>
        json({ ...valid(), fileName: `=?UTF-8?B?${Buffer.from("evil").toString("base64")}?=${good}` }),
      expect: [422, "CHECKS_FAILED"],
    },
  ],
);

describe("fields the API does not know", () => {
  it("are ignored: a school cannot choose another school, key, id or state, nor pollute prototypes", async () => {
    const foreign = {
      schoolId: "91410000MA00000000",
      objectKey: "uploads/91410000MA00000000/01M8J3NZ8V4P777PTPXD8NYMN9/x.pdf",
      key: "uploads/other/x.pdf",
      submissionId: "01M8J3NZ8V4P777PTPXD8NYMN9",
      state: "ACCEPTED",
      verdict: { state: "ACCEPTED" },
    };
    const bodies = [
      json({ ...valid(), ...foreign }),
      `{"fileName":${json(good)},"size":1000,"__proto__":{"polluted":"yes","state":"ACCEPTED"}}`,
      `{"fileName":${json(good)},"size":1000,"constructor":{"prototype":{"polluted":"yes"}}}`,
    ];
    for (const body of bodies) {
      const before = await submissionCount(stack, school.schoolId);
      const response = await postLink(body);
      const issued = response.json as { submissionId: string; upload: { fields: Record<string, string> } };
      expect(response.status).toBe(201);
      expect(issued.submissionId).not.toBe(foreign.submissionId);
      expect(await submissionCount(stack, school.schoolId)).toBe(before + 1);
      await expectOwnKey(issued.submissionId, issued.upload.fields.key);
      const record = await stack.repositories.submissions.getSubmission(school.schoolId, issued.submissionId);
      expect(record).toMatchObject({ schoolId: school.schoolId, state: "PENDING", fileName: good });
      expect(record).not.toHaveProperty("verdict");
    }
    // The handlers run in this process: a polluted prototype would show here.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await stack.repositories.schools.getSchool(foreign.schoolId)).toBeUndefined();
    results.record({
      id: "api.extra-fields",
      area: "API input",
      tried:
        "extra fields naming another school, key, submission id, state or verdict; __proto__ and constructor.prototype",
      cases: bodies.length,
      outcome:
        "201 for the authenticated school only: own prefix, new id, PENDING; extras ignored, no prototype polluted",
      lost: 0,
    });
  });
});

describe("the submission id in the path", () => {
  it("answers 404 NOT_FOUND to traversal, encodings and junk, never 5xx", async () => {
    const ids = [
      "..%2F..%2Fme",
      "%2e%2e%2f%2e%2e%2fupload-links",
      "%00",
      "x".repeat(3000),
      "01M8J3NZ8V4P777PTPXD8NYMN9%23SUB",
      "%E0%A4%A",
      "%F0%9F%98%80",
      "'%20OR%201=1",
      "SCHOOL%23PROFILE",
    ];
    for (const id of ids) {
      const response = await send(`${stack.baseUrl}/api/submissions/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expectApiError(response, 404, "NOT_FOUND");
    }
    results.record({
      id: "api.path-parameter",
      area: "API input",
      tried:
        "submission ids with ../, %2F, NUL, 3,000 characters, a key separator (#), broken percent-encoding, SQL",
      cases: ids.length,
      outcome: `${ids.length}× 404 NOT_FOUND`,
      lost: 0,
    });
  });
});

describe("requests refused before any function runs", () => {
  it("gets a clean 4xx from the HTTP layer (API Gateway's own answer in AWS) and records nothing", async () => {
    const before = await submissionCount(stack, school.schoolId);
    const path = "/api/upload-links";
    const auth = `Authorization: Bearer ${token}\r\n`;
    const raw = (headers: string, body = json(valid())) =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const answers = [
      await sendRaw(stack.baseUrl, raw(`${auth}X-Evil: a\rInjected: 1\r\n`)),
      await sendRaw(stack.baseUrl, raw(`${auth}X-Evil: a\r\n Injected: 1\r\n`)),
      await sendRaw(
        stack.baseUrl,
        raw(`Authorization: Bearer ${token}\nInjected: 1\r\n`.replace("\n", "\u0000")),
      ),
      await sendRaw(
        stack.baseUrl,
        `POST ${path} HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}`,
      ),
      await sendRaw(
        stack.baseUrl,
        `POST ${path} HTTP/1.1\r\nHost: x\r\n${auth}Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`,
      ),
    ];
    // Through the socket: the server answers 413 from the Content-Length and closes while the body is still being
    // written, which an HTTP client may report as EPIPE instead of the answer.
    const big = await sendRaw(stack.baseUrl, raw(auth, json({ ...valid(), pad: "x".repeat(10 * MB) })));
    const statuses = [...answers.map((a) => a.status), big.status];
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(400);
    for (const status of statuses) expect(status).toBeLessThan(500);
    expect(big.status).toBe(413);
    expect(await submissionCount(stack, school.schoolId)).toBe(before);
    results.record({
      id: "api.transport",
      area: "API input",
      tried:
        "bare CR and NUL in a header, obsolete line folding, two Content-Lengths, chunked plus Content-Length " +
        "(request smuggling), a 10 MiB body",
      cases: statuses.length,
      outcome: `${statuses.join(", ")} from the HTTP layer, before any function; nothing recorded`,
      lost: 0,
    });
  });
});

const ODD = [
  "\u0000",
  "\r",
  "\n",
  "\u202E",
  "\u2066",
  "\u200B",
  "\uFEFF",
  "\u3000",
  "\u00A0",
  "\ud800",
  "\udfff",
  "😀",
  "/",
  "\\",
  "..",
  "%2e%2e%2f",
  "%00",
  "～",
  "１",
  "Ａ",
  "\u0301",
  '"',
  "'",
  "<",
  ">",
  "|",
  "*",
  "?",
  ":",
  "$",
  "{",
  "}",
];

/** `base` with one to three odd strings inserted anywhere. */
const oddNameOf = (base: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ODD)), { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce((name, [at, text]) => {
      const i = at % (name.length + 1);
      return name.slice(0, i) + text + name.slice(i);
    }, base),
  );
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 260,
});

describe("fast-check: arbitrary bodies and names", () => {
  it(`answers ${BODY_RUNS} arbitrary JSON bodies with 201 or a clean 4xx, recording only what it issues`, async () => {
    const tally = new Map<number, number>();
    const value = fc.oneof(fc.jsonValue(), anyText, fc.double(), fc.integer());
    // Weighted towards bodies that get past JSON and shape checks, so the later checks are reached too.
    const body = fc.oneof(
      { arbitrary: fc.json(), weight: 1 },
      { arbitrary: anyText, weight: 1 },
      {
        arbitrary: fc
          .record(
            {
              fileName: fc.oneof(
                { arbitrary: fc.constant(good), weight: 3 },
                oddNameOf(good),
                anyText,
                value,
              ),
              size: fc.oneof(
                { arbitrary: fc.integer({ min: 1, max: 110 * MB }), weight: 3 },
                fc.double(),
                fc.constantFrom(0, -1, 2 ** 53, 1e308),
                value,
              ),
              documentType: fc.oneof(
                fc.constantFrom("evidence", "application", "plan", "__proto__", "../evidence"),
                anyText,
                value,
              ),
              extra: value,
            },
            { requiredKeys: [] },
          )
          .map((record) => JSON.stringify(record)),
        weight: 4,
      },
    );
    const details = await fc.check(
      fc.asyncProperty(body, async (text) => {
        const outcome = await answer(text);
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }),
      { seed: 7, numRuns: BODY_RUNS },
    );
    results.record({
      id: "api.fuzz-bodies",
      area: "API input",
      tried:
        "fast-check arbitrary JSON values, arbitrary UTF-16 text, and objects mixing the three fields with any values",
      cases: details.numRuns,
      outcome: describeTally(tally),
      lost: details.failed ? 1 : 0,
    });
    expect(details.failed, details.failed ? fc.defaultReportMessage(details) : "").toBe(false);
  }, 120_000);

  it(`answers ${NAME_RUNS} official names with 1–3 odd insertions with 201 under the own prefix or a clean 4xx`, async () => {
    const tally = new Map<number, number>();
    const details = await fc.check(
      fc.asyncProperty(oddNameOf(good), async (fileName) => {
        const outcome = await answer(json({ fileName, size: 1000 }));
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }),
      { seed: 11, numRuns: NAME_RUNS },
    );
    results.record({
      id: "api.fuzz-names",
      area: "API input",
      tried: `fast-check: the official name with 1–3 insertions of ${ODD.length} odd characters (controls, bidi, surrogates, separators, traversal, full-width)`,
      cases: details.numRuns,
      outcome: describeTally(tally),
      lost: details.failed ? 1 : 0,
    });
    expect(details.failed, details.failed ? fc.defaultReportMessage(details) : "").toBe(false);
  }, 120_000);
});

/** One arbitrary request: a 4xx in the API's shape that records nothing, or a 201 for the own prefix that records one. */
async function answer(body: string): Promise<number> {
  const before = await submissionCount(stack, school.schoolId);
  const response = await postLink(body);
  const after = await submissionCount(stack, school.schoolId);
  if (response.status === 201) {
    const issued = response.json as { submissionId: string; upload: { fields: Record<string, string> } };
    if (after !== before + 1) throw new Error(`201 recorded ${after - before} submissions`);
    await expectOwnKey(issued.submissionId, issued.upload.fields.key);
  } else {
    expectApiError(response, [400, 403, 413, 422]);
    if (after !== before) throw new Error(`${response.status} recorded ${after - before} submissions`);
  }
  return response.status;
}

function describeTally(tally: Map<number, number>): string {
  return [...tally]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${n}× ${status}`)
    .join(", ");
}
