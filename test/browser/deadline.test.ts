import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { API_ERROR_TEXT, FORM_ERROR_TEXT } from "../../shared/messages/api.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import { WEB_TEXT } from "../../shared/messages/web.ts";
import { WEB_FORM_TEXT } from "../../shared/messages/web-form.ts";
import { controlLabel } from "../../web/src/view/application-form.ts";
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

  /** The page believes what GET /api/me says the time is: here, a day before the deadline. */
  async function believeOpen(page: Page) {
    await page.route("**/api/me", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { serverTime: string };
      body.serverTime = new Date(DEADLINE.getTime() - 86_400_000).toISOString();
      await route.fulfill({ response, json: body });
    });
  }
  const storedForm = async () => {
    const response = await fetch(`${stack.shenbao.baseUrl}/api/me/application-form`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    return ((await response.json()) as { form: unknown }).form;
  };

  it("shows the 申报书 read-only after the deadline, with the reason", async () => {
    const { page, requests } = await openPage();
    await page.goto(`${stack.shenbao.baseUrl}/#token=${stack.token}`);
    const form = page.locator("#application-form");
    const note = form.locator(".closed-note [role=note]");
    await note.waitFor();

    expect(await note.textContent()).toBe(WEB_FORM_TEXT.closedNone(formatBeijingTime(DEADLINE)));
    const schoolName = page.getByLabel(controlLabel("basic.school.name"), { exact: true });
    expect(await schoolName.inputValue()).toBe(stack.school.name);
    expect(await schoolName.isEditable()).toBe(false);
    expect(await form.locator(".form-body").evaluate((el) => (el as HTMLFieldSetElement).disabled)).toBe(
      true,
    );
    expect(await page.getByRole("button", { name: WEB_FORM_TEXT.save }).isDisabled()).toBe(true);
    await page.evaluate(() => document.getElementById("application-form")?.scrollIntoView());
    await screenshot(page, "21-application-form-closed", { fullPage: false });
    expect(requests.filter((r) => r.method() === "PUT")).toEqual([]);
  }, 90_000);

  it("says the server refused the 申报书 after the deadline, and the stored form is untouched", async () => {
    const { page, requests } = await openPage();
    await believeOpen(page);
    await page.goto(`${stack.shenbao.baseUrl}/#token=${stack.token}`);
    const form = page.locator("#application-form");
    await form.locator(".form-body:not([disabled])").waitFor();

    await page.getByLabel(controlLabel("basic.servedMajorGroup"), { exact: true }).fill("数控技术专业群");
    await page.getByRole("button", { name: WEB_FORM_TEXT.save }).click();
    const note = form.locator(".closed-note [role=note]");
    await note.waitFor();

    expect(await note.textContent()).toBe(WEB_FORM_TEXT.closedNone(formatBeijingTime(DEADLINE)));
    expect(await form.getByRole("status").textContent()).toBe(
      WEB_FORM_TEXT.failed + FORM_ERROR_TEXT.DEADLINE_PASSED(formatBeijingTime(DEADLINE)),
    );
    expect(await page.getByRole("button", { name: WEB_FORM_TEXT.save }).isDisabled()).toBe(true);
    expect(requests.filter((r) => r.method() === "PUT")).toHaveLength(1);
    expect(await storedForm()).toBeNull();
  }, 90_000);
});
