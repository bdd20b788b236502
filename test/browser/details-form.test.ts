import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DETAILS_FORM_TEXT } from "../../shared/messages/web-details.ts";
import {
  describeInBrowser,
  launchChromium,
  type PageStack,
  screenshot,
  startPageStack,
  TEST_SCHOOL,
} from "./harness.ts";

const T = DETAILS_FORM_TEXT;

describeInBrowser("the summary table's details on the upload page, in Chromium", () => {
  let stack: PageStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startPageStack({ deadline: new Date(Date.now() + 10 * 86_400_000).toISOString() }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function open(): Promise<Page> {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.shenbao.baseUrl}/#token=${stack.token}`);
    await page.getByRole("heading", { name: T.heading }).waitFor();
    return page;
  }

  it("starts from the registered contact, shows the server's findings on the fields, saves, and keeps what it saved", async () => {
    const page = await open();
    const field = (name: keyof typeof T.labels) => page.getByLabel(T.labels[name], { exact: true });
    await expect.poll(() => field("contactName").inputValue()).toBe(TEST_SCHOOL.contactName);
    expect(await field("contactPhone").inputValue()).toBe(TEST_SCHOOL.phone);
    await page.locator("#details").getByRole("status").filter({ hasText: T.notYet }).waitFor();

    await field("servedMajorGroup").fill("数控技术专业群");
    await page.getByRole("button", { name: T.save }).click();
    const alert = page.locator("#details").getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("未填写“合作企业（1）名称及企业荣誉等”。");
    expect(await field("partner1").getAttribute("aria-invalid")).toBe("true");
    expect(await field("servedMajorGroup").getAttribute("aria-invalid")).toBeNull();

    await field("partner1").fill("河南中原数控装备有限公司（国家专精特新“小巨人”企业）");
    await field("partner2").fill("郑州宇通客车股份有限公司（制造业单项冠军企业）");
    await page.getByRole("button", { name: T.save }).click();
    await page.getByText(/^已于 .+ 保存。$/).waitFor();
    expect(await page.locator("#details").getByRole("alert").count()).toBe(0);
    await screenshot(page.locator("#details"), "15-summary-details-saved");

    // A new visit shows what was saved.
    const again = await open();
    await expect
      .poll(() => again.getByLabel(T.labels.partner2, { exact: true }).inputValue())
      .toBe("郑州宇通客车股份有限公司（制造业单项冠军企业）");
    await again.getByText(/^最近一次保存于 /).waitFor();
  });
});
