import type { Browser, BrowserContext, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { API_ERROR_TEXT } from "../../shared/messages/api.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import { WEB_TEXT } from "../../shared/messages/web.ts";
import { makePdf } from "../fixtures/pdf/make-fixtures.ts";
import {
  describeInBrowser,
  launchChromium,
  officialName,
  type PageStack,
  screenshot,
  startPageStack,
} from "./harness.ts";

const DEADLINE = new Date(Date.now() - 3_600_000);
const GOOD_NAME = officialName("数控技术");

describeInBrowser("the upload page after the deadline, in Chromium against the embedded stack", () => {
  let stack: PageStack;
  let browser: Browser;
  let context: BrowserContext;
  let goodPdf: Uint8Array;

  beforeAll(async () => {
    [stack, browser, goodPdf] = await Promise.all([
      startPageStack({ deadline: DEADLINE.toISOString() }),
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

  async function openPage() {
    context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    return { page, requests };
  }

  const linkRequests = (requests: Request[]) =>
    requests.filter((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/upload-links");

  it("says the call has closed and refuses a file before it is uploaded", async () => {
    const { page, requests } = await openPage();
    await page.goto(`${stack.shenbao.baseUrl}/#token=${stack.token}`);

    await page.setInputFiles("#file", {
      name: GOOD_NAME,
      mimeType: "application/pdf",
      buffer: Buffer.from(goodPdf),
    });
    await page.locator("#check-summary").waitFor();
    await screenshot(page, "13-deadline-passed");

    await expect(page.locator("#countdown").textContent()).resolves.toBe(WEB_TEXT.requirements.closed);
    await expect(
      page.locator('#precheck [data-code="DEADLINE_PASSED"] .finding-message').textContent(),
    ).resolves.toMatch(
      new RegExp(`^申报截止时间为 ${formatBeijingTime(DEADLINE).replace(/[()（）]/g, ".")}`),
    );
    expect(await page.locator("#submit").isDisabled()).toBe(true);
    expect(linkRequests(requests)).toEqual([]);
  });

  it("explains the server's refusal when the page still believed the call open", async () => {
    const { page, requests } = await openPage();
    // The page read the time while the call was open (say, a tab left open over the deadline).
    await page.route("**/api/me", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { serverTime: string };
      body.serverTime = new Date(DEADLINE.getTime() - 86_400_000).toISOString();
      await route.fulfill({ response, json: body });
    });
    await page.goto(`${stack.shenbao.baseUrl}/#token=${stack.token}`);

    await page.setInputFiles("#file", {
      name: GOOD_NAME,
      mimeType: "application/pdf",
      buffer: Buffer.from(goodPdf),
    });
    await page.locator("#check-summary").waitFor();
    await page.locator("#submit").click();
    const alert = page.locator("#upload-alert .alert");
    await alert.waitFor();
    await screenshot(page, "14-deadline-refused-by-server");

    await expect(alert.locator("p").first().textContent()).resolves.toBe(
      WEB_TEXT.errors.deadline + API_ERROR_TEXT.DEADLINE_PASSED(formatBeijingTime(DEADLINE)),
    );
    expect(linkRequests(requests)).toHaveLength(1);
    expect(await page.locator("#submit").isDisabled()).toBe(true);
  });
});
