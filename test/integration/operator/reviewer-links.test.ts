/**
 * Issue 16: reviewers' links that live. On the embedded stack: an accepted upload → each reviewer's notice (read from
 * the SES emulator's mailbox) links to /r/{id} on the API → the route redirects to a presigned GET of the checked
 * version (s3rver) whose bytes are the upload's; `shenbao links list/revoke` as an operator runs them; a revoked, an
 * expired (the route's clock moved on) and a tampered link each get their Chinese page.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReviewerLinkHandler } from "../../../functions/reviewer-link/create-handler.ts";
import { createLocalServer, type LocalServer } from "../../../infra/local/http-router.ts";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { ROUTES } from "../../../shared/api/routes.ts";
import { s3VersionIdOf } from "../../../shared/processing/uploaded-object.ts";
import { hashLinkId, linkRef } from "../../../shared/reviewer-links/link-id.ts";
import { college, type OperatorStack, officialName, startOperatorStack, submit } from "./harness.ts";

const REVIEWERS = ["expert-a@review.henan.gov.cn", "expert-b@review.henan.gov.cn"];
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let stack: OperatorStack;
let pdf: Uint8Array;
let fileName: string;
let submissionId: string;
let receiptNumber: string;
let checkedVersion: string | undefined;
/** Each reviewer's link, as their notice carries it. */
const links = new Map<string, string>();

beforeAll(async () => {
  stack = await startOperatorStack({ reviewers: REVIEWERS });
  const { school, token } = await stack.registerSchool(college(31));
  pdf = await samplePdf({ pages: 4 });
  fileName = officialName(school.name, "数控技术");
  submissionId = await submit(stack, token, fileName, pdf);
  await stack.idle();
  const submission = await stack.dependencies.submissions.getSubmission(school.schoolId, submissionId);
  expect(submission?.state).toBe("ACCEPTED");
  receiptNumber = submission?.verdict?.receiptNumber ?? "";
  checkedVersion = s3VersionIdOf(submission?.objectVersion);
  const mail = await stack.emails();
  for (const reviewer of REVIEWERS) {
    const notices = mail.filter((m) => m.destination.to.includes(reviewer));
    expect(notices, reviewer).toHaveLength(1);
    const url = /下载链接（.*?前有效）：(\S+)/.exec(notices[0]?.body.text ?? "")?.[1];
    // The id names the submission (`{schoolId}.{submissionId}.{secret}`): the link lives on its item.
    expect(url, notices[0]?.body.text).toMatch(
      new RegExp(`^${stack.baseUrl}/r/${school.schoolId}\\.${submissionId}\\.[A-Za-z0-9_-]{43}$`),
    );
    links.set(reviewer, url ?? "");
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const linkOf = (reviewer: string) => links.get(reviewer) ?? "";
const idOf = (url: string) => url.split("/r/")[1] ?? "";

// Each `shenbao` run is a child process: seconds apiece on a loaded machine.
describe("a reviewer's link on the embedded stack", { timeout: 120_000 }, () => {
  it("redirects to a short-lived presigned GET of the checked version, which downloads the upload's bytes", async () => {
    const first = await fetch(linkOf(REVIEWERS[0] ?? ""), { redirect: "manual" });
    expect(first.status).toBe(302);
    const location = new URL(first.headers.get("location") ?? "");
    expect(location.origin).toBe(new URL(stack.stack.endpoints.s3).origin);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    // Pinned to the version the pipeline checked: s3rver keeps no versions, so locally the claim has no S3 version
    // id (shared/processing/uploaded-object.ts) and none is pinned; on AWS there is one, and the link carries it.
    expect(location.searchParams.get("versionId")).toBe(checkedVersion ?? null);
    expect(decodeURIComponent(location.pathname)).toContain(`/${submissionId}/${fileName}`);

    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(pdf));
    const disposition = file.headers.get("content-disposition") ?? "";
    expect(decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(disposition)?.[1] ?? "")).toBe(fileName);

    // Followed as a browser does, in one go.
    const followed = await fetch(linkOf(REVIEWERS[0] ?? ""));
    expect(sha256(new Uint8Array(await followed.arrayBuffer()))).toBe(sha256(pdf));
  });

  it("is listed for the operator with its reference, reviewer, status and download count", async () => {
    const listed = await stack.cli(["links", "list", receiptNumber]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(
      `提交 ${submissionId}（回执编号 ${receiptNumber}）的评审下载链接，共 2 条`,
    );
    const refA = linkRef(hashLinkId(idOf(linkOf(REVIEWERS[0] ?? ""))));
    const rowA = listed.stdout.split("\n").find((l) => l.startsWith(refA)) ?? "";
    expect(rowA).toContain(REVIEWERS[0]);
    expect(rowA).toMatch(/有效\s+2\s+\d{4}年/);
    // The id, the credential, is printed nowhere.
    expect(listed.stdout).not.toContain(idOf(linkOf(REVIEWERS[0] ?? "")));

    const asJson = await stack.cli(["links", "list", submissionId, "--json"]);
    const parsed = JSON.parse(asJson.stdout) as { links: Array<{ reviewer: string; downloads: number }> };
    // In the order they were issued, reviewer by reviewer as the notices went out.
    expect(parsed.links.map((l) => [l.reviewer, l.downloads])).toEqual([
      [REVIEWERS[0], 2],
      [REVIEWERS[1], 0],
    ]);
  });

  it("once revoked by `shenbao links revoke LINK`, answers 410 with a Chinese page; the other link still works", async () => {
    const revoked = await stack.cli(["links", "revoke", linkOf(REVIEWERS[0] ?? "")]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`（评审专家 ${REVIEWERS[0]}）`);

    const page = await fetch(linkOf(REVIEWERS[0] ?? ""), { redirect: "manual" });
    expect(page.status).toBe(410);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("下载链接已被撤销");
    expect((await fetch(linkOf(REVIEWERS[1] ?? ""), { redirect: "manual" })).status).toBe(302);

    // The bare id (it may start with "-": after "--" it is never an option).
    const again = await stack.cli(["links", "revoke", "--", idOf(linkOf(REVIEWERS[0] ?? ""))]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("此前已被撤销");
  });

  it("answers a tampered id 404 with the Chinese 'invalid link' page", async () => {
    const url = linkOf(REVIEWERS[1] ?? "");
    const tampered = `${url.slice(0, -1)}${url.endsWith("A") ? "B" : "A"}`;
    const response = await fetch(tampered, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("下载链接无效");
    expect((await stack.cli(["links", "revoke", tampered])).code).toBe(2);
  });

  it("answers 410 once its stated life is over (the route's clock moved past the expiry)", async () => {
    const route = ROUTES.find((r) => r.function === "reviewer-link");
    if (!route) throw new Error("no reviewer-link route in the table");
    const later = new Date(Date.now() + 24 * 3_600_000 + 1000);
    let server: LocalServer | undefined;
    try {
      server = await createLocalServer({
        routes: [
          {
            ...route,
            handler: createReviewerLinkHandler({ ...stack.dependencies, clock: () => later }),
          },
        ],
      });
      const response = await fetch(`${server.url}/r/${idOf(linkOf(REVIEWERS[1] ?? ""))}`, {
        redirect: "manual",
      });
      expect(response.status).toBe(410);
      expect(await response.text()).toContain("下载链接已过期");
    } finally {
      await server?.close();
    }
  });

  it("`links revoke --submission` revokes every live link of the submission", async () => {
    const result = await stack.cli(["links", "revoke", "--submission", receiptNumber]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`已撤销提交 ${submissionId} 的 1 条有效链接。`);
    expect((await fetch(linkOf(REVIEWERS[1] ?? ""), { redirect: "manual" })).status).toBe(410);
    const listed = await stack.cli(["links", "list", submissionId, "--json"]);
    const parsed = JSON.parse(listed.stdout) as { links: Array<{ status: string }> };
    expect(parsed.links.map((l) => l.status)).toEqual(["revoked", "revoked"]);
  });

  it("refuses to guess: an unknown submission, both a link and --submission, neither", async () => {
    expect((await stack.cli(["links", "list", "SB20991231-XXXXXXXXXX"])).code).toBe(2);
    const both = await stack.cli([
      "links",
      "revoke",
      linkOf(REVIEWERS[1] ?? ""),
      "--submission",
      submissionId,
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("不要同时使用");
    expect((await stack.cli(["links", "revoke"])).code).toBe(2);
    expect((await stack.cli(["links", "revoke", "not-a-link"])).stderr).toContain("无法识别");
  });
});
