import { createHash } from "node:crypto";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { FINDING_TEXT } from "../../shared/messages/findings.ts";
import { WEB_TEXT } from "../../shared/messages/web.ts";
import { docxLikeZip, makePdf, scannedPdf } from "../fixtures/pdf/make-fixtures.ts";
import {
  describeInBrowser,
  launchChromium,
  officialName,
  type PageStack,
  screenshot,
  startPageStack,
} from "./harness.ts";

const TEN_DAYS_MS = 10 * 86_400_000;
const GOOD_NAME = officialName("数控技术");
const WECHAT_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 " +
  "MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN";

describeInBrowser("the school's upload page, in Chromium against the embedded stack", () => {
  let stack: PageStack;
  let browser: Browser;
  let context: BrowserContext;
  let goodPdf: Uint8Array;

  beforeAll(async () => {
    [stack, browser, goodPdf] = await Promise.all([
      startPageStack({ deadline: new Date(Date.now() + TEN_DAYS_MS).toISOString() }),
      launchChromium(),
      makePdf({ pages: 3, outline: true }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(async () => {
    await context?.close();
  });

  /** A fresh tab (empty sessionStorage) opened with the school's link, recording every request it makes. */
  async function openPage(
    options: {
      viewport?: { width: number; height: number };
      mobile?: boolean;
      userAgent?: string;
      token?: string;
    } = {},
  ) {
    context = await browser.newContext({
      locale: "zh-CN",
      timezoneId: "America/Los_Angeles", // the page must show Beijing time whatever the computer's zone
      viewport: options.viewport ?? { width: 1100, height: 900 },
      ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    await page.goto(`${stack.shenbao.baseUrl}/#token=${options.token ?? stack.token}`);
    return { page, requests };
  }

  async function chooseFile(page: Page, name: string, bytes: Uint8Array) {
    await page.setInputFiles("#file", { name, mimeType: "application/pdf", buffer: Buffer.from(bytes) });
    await page.locator("#check-summary").waitFor();
  }

  async function waitForVerdict(page: Page) {
    await page.locator("#verdict-heading").waitFor({ timeout: 30_000 });
  }

  const linkRequests = (requests: Request[]) =>
    requests.filter((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/upload-links");
  const uploads = (requests: Request[]) =>
    requests.filter((r) => r.method() === "POST" && r.url().startsWith(stack.shenbao.stack.uploadUrlBase));

  it("takes the token out of the address bar and shows the call's requirements for this school", async () => {
    const { page, requests } = await openPage();

    await page.locator("h1", { hasText: "2024年河南省职业教育高水平专业化产教融合实训中心申报" }).waitFor();
    await screenshot(page, "01-requirements");

    expect(new URL(page.url()).hash).toBe("");
    expect(await page.evaluate(() => sessionStorage.getItem("shenbao.token"))).toBe(stack.token);
    await expect(page.locator(".file-name").first().textContent()).resolves.toBe(
      `${stack.school.name}职业教育高水平专业化产教融合实训中心申报材料（××专业）.pdf`,
    );
    await expect(page.locator(".deadline").textContent()).resolves.toMatch(/（北京时间）$/);
    await expect(page.locator("#countdown").textContent()).resolves.toMatch(/^还剩 (9|10) 天/);
    await expect(page.locator("#requirements-heading ~ dl").textContent()).resolves.toContain(
      "佐证材料：不超过 50 页",
    );
    // Every form control is labelled.
    const unlabelled = await page.$$eval("input, select", (controls) =>
      controls
        .filter((c) => (c as HTMLInputElement).labels?.length === 0 && !c.getAttribute("aria-label"))
        .map((c) => c.id),
    );
    expect(unlabelled).toEqual([]);
    // Nothing from anywhere but the page's own origin: no fonts, no CDN.
    expect(requests.map((r) => new URL(r.url()).origin).filter((o) => o !== stack.shenbao.baseUrl)).toEqual(
      [],
    );
  });

  it("can be used from the keyboard, with the focus always visible", async () => {
    const { page } = await openPage();
    await page.locator("#upload").waitFor();

    for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== "file"; i++) {
      await page.keyboard.press("Tab");
    }

    expect(await page.evaluate(() => document.activeElement?.id)).toBe("file");
    const outline = await page.$eval('label[for="file"]', (label) => getComputedStyle(label).outlineStyle);
    expect(outline).toBe("solid");
    await screenshot(page.locator("#upload"), "01b-keyboard-focus");
  });

  it("fills the chosen major into the exact file name to copy", async () => {
    const { page } = await openPage();

    await page.fill("#major", "数控技术");

    await expect(page.locator(".major-result .file-name").textContent()).resolves.toBe(GOOD_NAME);
  });

  it("refuses a wrongly named file before any upload link is requested", async () => {
    const { page, requests } = await openPage();

    await chooseFile(page, "申报材料.pdf", goodPdf);
    await screenshot(page, "02-wrong-name-refused");

    await expect(page.locator("#check-summary").textContent()).resolves.toBe(WEB_TEXT.upload.checkFailed(1));
    await expect(
      page.locator('#precheck [data-code="NAME_TEMPLATE_MISMATCH"] .finding-fix').textContent(),
    ).resolves.toContain(
      "请按“××学校职业教育高水平专业化产教融合实训中心申报材料（××专业）.pdf”的格式重命名文件",
    );
    expect(await page.locator("#submit").isDisabled()).toBe(true);
    await page.locator("#submit").click({ force: true });
    expect(linkRequests(requests)).toEqual([]);
    expect(uploads(requests)).toEqual([]);
  });

  it("refuses a Word document renamed .pdf with the very finding the server would record", async () => {
    const { page, requests } = await openPage();

    await chooseFile(page, GOOD_NAME, docxLikeZip());

    await expect(
      page.locator('#precheck [data-code="FILE_NOT_PDF"] .finding-message').textContent(),
    ).resolves.toBe(FINDING_TEXT.FILE_NOT_PDF({ detected: "docx" }).message);
    expect(await page.locator("#submit").isDisabled()).toBe(true);
    expect(linkRequests(requests)).toEqual([]);
  });

  it("accepts a good file end to end and shows the printable receipt", async () => {
    const { page, requests } = await openPage();

    await chooseFile(page, GOOD_NAME, goodPdf);
    await expect(page.locator("#check-summary").textContent()).resolves.toBe(WEB_TEXT.upload.checkPassed);
    await page.locator("#submit").click();
    await waitForVerdict(page);
    await screenshot(page, "03-accepted-receipt");

    await expect(page.locator("#verdict-heading").textContent()).resolves.toBe("检查结果：已受理");
    const receipt = page.locator("#receipt");
    await expect(receipt.locator('[data-field="receipt-number"] td').textContent()).resolves.toMatch(
      /^SB\d{8}-[0-9A-Z]{10}$/,
    );
    await expect(receipt.locator('[data-field="sha256"] td').textContent()).resolves.toBe(
      createHash("sha256").update(goodPdf).digest("hex"),
    );
    const text = await receipt.textContent();
    expect(text).toContain(stack.school.name);
    expect(text).toContain(GOOD_NAME);
    expect(text).toContain("3 页");
    expect(text).toContain("第 1 次有效提交");
    expect(text).toMatch(/提交时间\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}:\d{2}（北京时间）/);
    expect(linkRequests(requests)).toHaveLength(1);
    expect(uploads(requests)).toHaveLength(1);
    // The history and current application now come from the server.
    await expect(page.locator('#status [data-document-type="evidence"]').textContent()).resolves.toMatch(
      /^已受理，回执编号 SB/,
    );
    await expect(page.locator("#status tbody tr").first().getAttribute("data-state")).resolves.toBe(
      "ACCEPTED",
    );
    // Printed, the page is the receipt alone.
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "04-receipt-print");
    expect(await page.locator("#upload").isVisible()).toBe(false);
    expect(await page.locator(".masthead").isVisible()).toBe(false);
    expect(await page.locator("#receipt").isVisible()).toBe(true);
    expect(await page.locator("#receipt button").isVisible()).toBe(false);
  });

  it("rejects a 51-page file after the upload and shows the page finding with its fix", async () => {
    const { page, requests } = await openPage();
    const tooLong = await makePdf({ pages: 51, outline: true });

    await chooseFile(page, GOOD_NAME, tooLong);
    await page.locator("#submit").click();
    await waitForVerdict(page);
    await screenshot(page, "05-rejected-51-pages");

    await expect(page.locator("#verdict-heading").textContent()).resolves.toBe(
      "检查结果：未通过检查，未被受理",
    );
    const expected = FINDING_TEXT.PDF_TOO_MANY_PAGES({ pages: 51, max: 50, documentLabel: "佐证材料" });
    const finding = page.locator('#result [data-code="PDF_TOO_MANY_PAGES"]');
    await expect(finding.locator(".finding-message").textContent()).resolves.toBe(expected.message);
    await expect(finding.locator(".finding-fix").textContent()).resolves.toBe(`处理办法：${expected.fix}`);
    expect(uploads(requests)).toHaveLength(1);
  });

  it("shows the upload's progress and speed, and cancels it", async () => {
    const { page } = await openPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    const large = await scannedPdf(4, 600_000);

    await chooseFile(page, GOOD_NAME, large);
    await page.locator("#submit").click();
    await page.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>("#upload-progress");
      return bar !== null && bar.value >= 15 && bar.value < 90;
    });
    await page.waitForFunction(() =>
      document.querySelector(".progress-detail")?.textContent?.includes("/秒"),
    );
    await screenshot(page, "06-uploading");
    await page.getByRole("button", { name: WEB_TEXT.upload.cancel }).click();

    await expect(page.locator("#upload-status").textContent()).resolves.toBe(WEB_TEXT.upload.cancelled);
    expect(await page.locator("#progress").isVisible()).toBe(false);
    expect(await page.locator("#submit").isEnabled()).toBe(true);
  });

  it("asks for a fresh link by itself, once, when the upload policy has expired", async () => {
    const { page, requests } = await openPage();
    const origin = stack.shenbao.baseUrl;
    await page.route(
      (url) => url.href.startsWith(stack.shenbao.stack.uploadUrlBase),
      (route) =>
        route.fulfill({
          status: 403,
          contentType: "application/xml",
          headers: { "access-control-allow-origin": origin },
          body:
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>' +
            "<Message>Invalid according to Policy: Policy expired.</Message><RequestId>1</RequestId></Error>",
        }),
      { times: 1 },
    );

    await chooseFile(page, GOOD_NAME, goodPdf);
    await page.locator("#submit").click();
    await waitForVerdict(page);

    await expect(page.locator("#verdict-heading").textContent()).resolves.toBe("检查结果：已受理");
    expect(linkRequests(requests)).toHaveLength(2);
  });

  it("says so when the network drops during the upload, and retries on request", async () => {
    const { page } = await openPage();
    await page.route(
      (url) => url.href.startsWith(stack.shenbao.stack.uploadUrlBase),
      (route) => route.abort("internetdisconnected"),
      { times: 1 },
    );

    await chooseFile(page, GOOD_NAME, goodPdf);
    await page.locator("#submit").click();
    const alert = page.locator("#upload-alert .alert");
    await alert.waitFor();
    await screenshot(page, "07-network-dropped");

    await expect(alert.locator("p").first().textContent()).resolves.toBe(WEB_TEXT.errors.network);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(WEB_TEXT.page.retry);
    await page.keyboard.press("Enter");
    await waitForVerdict(page);
    await expect(page.locator("#verdict-heading").textContent()).resolves.toBe("检查结果：已受理");
    // A third accepted version replaces the second; the receipt says which one.
    await expect(page.locator("#receipt").textContent()).resolves.toMatch(
      /第 \d 次有效提交，替代回执编号 SB\d{8}-/,
    );
  });

  it("asks for the token again when the link's token is refused", async () => {
    const { page } = await openPage({ token: `sbt_${"x".repeat(43)}` });

    await page.locator("#token").waitFor();
    await screenshot(page, "08-token-refused");

    await expect(page.locator("#token-problem").textContent()).resolves.toBe(WEB_TEXT.token.rejected);
    expect(await page.evaluate(() => sessionStorage.getItem("shenbao.token"))).toBeNull();
    await page.fill("#token", stack.token);
    await page.keyboard.press("Enter");
    await page.locator("#upload").waitFor();
  });

  it("opens the receipt the e-mail links to, once the token is typed in", async () => {
    const mail = (await (await fetch(stack.shenbao.mailStoreUrl)).json()) as { emails: unknown[] };
    const link = /https?:\/\/[^\s"<]+#\/submissions\/[0-9A-Z]{26}/.exec(
      JSON.stringify(mail.emails.at(-1)),
    )?.[0];
    expect(link).toBeDefined();
    context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();

    await page.goto(link ?? "");
    await page.fill("#token", stack.token);
    await page.getByRole("button", { name: WEB_TEXT.token.submit }).click();
    await waitForVerdict(page);

    await expect(page.locator('#receipt [data-field="receipt-number"] td').textContent()).resolves.toMatch(
      /^SB\d{8}-/,
    );
    expect(new URL(page.url()).hash).toBe(`#/submissions/${link?.split("/").at(-1)}`);
  });

  it("fits a 375 px phone screen in WeChat without horizontal scrolling, and lets a file with a warning through", async () => {
    const { page } = await openPage({
      viewport: { width: 375, height: 812 },
      mobile: true,
      userAgent: WECHAT_IPHONE,
    });
    await page.locator("#upload").waitFor();
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    expect(await overflow()).toBe(0);
    await screenshot(page, "09-phone", { fullPage: false });

    // Half-width brackets: recognised, so a warning that does not block the upload.
    await chooseFile(page, GOOD_NAME.replace("（", "(").replace("）", ")"), goodPdf);
    await expect(page.locator("#check-summary").textContent()).resolves.toBe(
      WEB_TEXT.upload.checkWarnings(1),
    );
    await expect(
      page.locator('#precheck [data-code="NAME_NOT_CANONICAL"] .badge').textContent(),
    ).resolves.toBe("提示");
    await screenshot(page.locator("#upload"), "10-phone-warning");
    await page.locator("#submit").click();
    await waitForVerdict(page);
    await screenshot(page.locator("#result"), "11-phone-receipt");
    await screenshot(page.locator("#status"), "12-phone-history");
    await expect(page.locator("#verdict-heading").textContent()).resolves.toBe("检查结果：已受理");
    expect(await overflow()).toBe(0);
    // No print dialog in WeChat: the receipt says how to print it instead of offering a button that does nothing.
    await expect(page.locator("#receipt .hint").textContent()).resolves.toBe(WEB_TEXT.receipt.printInWechat);
    expect(await page.getByRole("button", { name: WEB_TEXT.receipt.print }).count()).toBe(0);
  });
});
