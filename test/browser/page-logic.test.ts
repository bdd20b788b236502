/**
 * The page's logic without a browser: what it checks before upload (against the server's own rules and texts),
 * how it reads S3's errors, the token in the link, the status polling, and what goes into the bundle.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { checkSubmission } from "../../shared/checks/index.ts";
import { WEB_TEXT } from "../../shared/messages/web.ts";
import { buildWeb } from "../../web/build.ts";
import { ApiError } from "../../web/src/api.ts";
import type { SubmissionView } from "../../web/src/api-types.ts";
import { pollSubmission } from "../../web/src/poll.ts";
import { precheckFile } from "../../web/src/precheck.ts";
import { isExpiredPolicy, isSizeMismatch, parseS3Error } from "../../web/src/s3-error.ts";
import { takeTokenFromFragment } from "../../web/src/token.ts";
import { docxLikeZip, makePdf } from "../fixtures/pdf/make-fixtures.ts";
import { GOOD_NAME, henanContext, SCHOOL } from "../helpers/call.ts";

/** Bytes as a File accepts them (pdf-lib's array may view a shared buffer). */
const pdfBytes = (bytes: Uint8Array) => new Uint8Array(bytes);

const ctx = henanContext({ deadline: "2030-01-01T00:00:00+08:00" });
const facts = { documentType: "evidence", school: SCHOOL, submittedAt: new Date("2029-12-01T00:00:00Z") };

describe("precheckFile: the server's rules on what the browser knows before upload", () => {
  it("passes a well-named PDF", async () => {
    const file = new File([pdfBytes(await makePdf({ pages: 1 }))], GOOD_NAME);

    expect(await precheckFile(file, facts, ctx)).toEqual([]);
  });

  it("gives a misnamed file exactly the findings the upload-link function would", async () => {
    const file = new File([pdfBytes(await makePdf({ pages: 1 }))], "申报材料.pdf");

    const findings = await precheckFile(file, facts, ctx);

    expect(findings.map((f) => f.code)).toEqual(["NAME_TEMPLATE_MISMATCH"]);
    expect(findings).toEqual(checkSubmission({ ...facts, fileName: file.name, size: file.size }, ctx));
  });

  it("reports a Word document named .pdf as FILE_NOT_PDF, with the inspection failure's own text", async () => {
    const file = new File([pdfBytes(docxLikeZip())], GOOD_NAME);

    const findings = await precheckFile(file, facts, ctx);

    expect(findings).toEqual(
      checkSubmission(
        {
          ...facts,
          fileName: GOOD_NAME,
          size: file.size,
          inspection: { ok: false, failure: { kind: "not-pdf", detected: "docx" } },
        },
        ctx,
      ),
    );
    expect(findings[0]?.message).toContain("Word 文档（.docx）");
  });

  it("reports an empty file as FILE_EMPTY and an oversized one as FILE_TOO_LARGE", async () => {
    const empty = new File([], GOOD_NAME);
    const huge = { name: GOOD_NAME, size: ctx.call.maxFileBytes + 1, slice: () => new Blob(["%PDF-1.7\n"]) };

    expect((await precheckFile(empty, facts, ctx)).map((f) => f.code)).toEqual(["FILE_EMPTY"]);
    expect((await precheckFile(huge as unknown as File, facts, ctx)).map((f) => f.code)).toEqual([
      "FILE_TOO_LARGE",
    ]);
  });

  it("refuses after the deadline by the server's clock", async () => {
    const file = new File([pdfBytes(await makePdf({ pages: 1 }))], GOOD_NAME);

    const findings = await precheckFile(
      file,
      { ...facts, submittedAt: new Date("2030-01-02T00:00:00Z") },
      ctx,
    );

    expect(findings.map((f) => f.code)).toEqual(["DEADLINE_PASSED"]);
  });
});

describe("parseS3Error", () => {
  it("reads an expired policy", () => {
    const error = parseS3Error(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message><RequestId>X</RequestId></Error>',
    );

    expect(error).toEqual({ code: "AccessDenied", message: "Invalid according to Policy: Policy expired." });
    expect(error && isExpiredPolicy(error)).toBe(true);
  });

  it("tells a size mismatch from other refusals and decodes entities", () => {
    const tooLarge = parseS3Error(
      "<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>",
    );
    const denied = parseS3Error(
      "<Error><Code>AccessDenied</Code><Message>Invalid &#39;x&#39; &amp; y</Message></Error>",
    );

    expect(tooLarge && isSizeMismatch(tooLarge)).toBe(true);
    expect(denied).toEqual({ code: "AccessDenied", message: "Invalid 'x' & y" });
    expect(denied && isExpiredPolicy(denied)).toBe(false);
    expect(parseS3Error("<html>502 Bad Gateway</html>")).toBeUndefined();
  });
});

describe("takeTokenFromFragment", () => {
  const storage = new Map<string, string>();
  vi.stubGlobal("sessionStorage", {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => storage.set(k, v),
    removeItem: (k: string) => storage.delete(k),
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  function at(hash: string) {
    const replaced: string[] = [];
    const loc = { hash, pathname: "/", search: "" } as Location;
    const hist = {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        replaced.push(url);
      },
    } as unknown as History;
    return { route: takeTokenFromFragment(loc, hist), replaced };
  }
  const token = `sbt_${"a".repeat(43)}`;
  const id = "01M8J3GPC6GF3ZB94P0A4YKQK5";

  it("keeps the token for this tab and takes it out of the address bar", () => {
    storage.clear();
    const { route, replaced } = at(`#token=${token}`);

    expect(route).toEqual({});
    expect(storage.get("shenbao.token")).toBe(token);
    expect(replaced).toEqual(["/"]);
  });

  it("reads the submission an e-mail links to, with or without a token", () => {
    storage.clear();
    expect(at(`#/submissions/${id}`)).toEqual({ route: { submissionId: id }, replaced: [] });
    expect(at(`#/submissions/${id}?token=${token}`)).toEqual({
      route: { submissionId: id },
      replaced: [`/#/submissions/${id}`],
    });
    expect(storage.get("shenbao.token")).toBe(token);
  });
});

describe("pollSubmission", () => {
  const view = (state: SubmissionView["state"]) => ({ state }) as SubmissionView;

  it("follows the states until a verdict, backing off on errors", async () => {
    const answers: Array<SubmissionView | Error> = [
      view("PENDING"),
      new TypeError("network"),
      view("PROCESSING"),
      view("ACCEPTED"),
    ];
    const seen: string[] = [];

    const outcome = await pollSubmission(
      async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next ?? view("ACCEPTED");
      },
      { intervalMs: 1, onUpdate: (v) => seen.push(v.state), onRetry: () => seen.push("retry") },
    );

    expect(outcome).toEqual({ kind: "verdict", view: view("ACCEPTED") });
    expect(seen).toEqual(["PENDING", "retry", "PROCESSING", "ACCEPTED"]);
  });

  it("stops at an answer that will not change (401, 404)", async () => {
    const refused = new ApiError(404, "NOT_FOUND", "未找到");

    const outcome = await pollSubmission(() => Promise.reject(refused), {
      intervalMs: 1,
      onUpdate: () => {},
      onRetry: () => {},
    });

    expect(outcome).toEqual({ kind: "failed", error: refused });
  });

  it("gives up after its time without a verdict, keeping the last state", async () => {
    const outcome = await pollSubmission(async () => view("PROCESSING"), {
      intervalMs: 5,
      timeoutMs: 20,
      onUpdate: () => {},
      onRetry: () => {},
    });

    expect(outcome).toEqual({ kind: "timeout", last: view("PROCESSING") });
  });
});

describe("buildWeb", () => {
  let outDir = "";
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it("bundles the shared rules and nothing that needs Node", async () => {
    outDir = await mkdtemp(join(tmpdir(), "shenbao-web-build-"));

    const built = await buildWeb({ outDir, apiBase: "https://api.example.cn" });

    expect(built.inputs).toEqual(
      expect.arrayContaining([
        "shared/checks/upload-rules.ts",
        "shared/call/schema.ts",
        "shared/call/major-catalog.ts",
        "shared/pdf/sniff.ts",
        "shared/messages/web.ts",
      ]),
    );
    expect(built.inputs.filter((i) => /load-call|shared\/aws\/|^node:|pdfjs|@aws-sdk/.test(i))).toEqual([]);
    const html = await readFile(join(outDir, "index.html"), "utf8");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta name="shenbao-api" content="https://api.example.cn">');
    expect(html).toContain(WEB_TEXT.page.noscript);
    expect(JSON.parse(await readFile(join(outDir, "config.json"), "utf8"))).toEqual({
      apiBase: "https://api.example.cn",
    });
  });
});
