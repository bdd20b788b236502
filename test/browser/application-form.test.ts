import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { FORM_MESSAGES as M } from "../../shared/messages/form.ts";
import { formatBeijingTime } from "../../shared/messages/format.ts";
import { CONDITION_STATUS_LABELS } from "../../shared/messages/prescreen.ts";
import { WEB_FORM_TEXT } from "../../shared/messages/web-form.ts";
import { controlLabel } from "../../web/src/view/application-form.ts";
import {
  describeInBrowser,
  launchChromium,
  type PageStack,
  screenshot,
  startPageStack,
  TEST_SCHOOL,
} from "./harness.ts";

const T = WEB_FORM_TEXT;
/** A credit code whose check character is wrong: GB 32100 says the last one should be "3". */
const BAD_CODE = "91350100M000100Y44";
const GOOD_CODE = "91350100M000100Y43";
const DEADLINE = new Date(Date.now() + 10 * 86_400_000);

/**
 * One school's draft through its visits, in order: each test starts where the one before left the stored form
 * (a first visit, a draft saved twice, a new visit, a phone). A locator that finds nothing fails within the
 * context's timeout, naming itself, instead of running into the test's.
 */
describeInBrowser(
  "the 申报书 form and the pre-screen on the upload page, in Chromium against the embedded stack",
  () => {
    let stack: PageStack;
    let browser: Browser;
    let context: BrowserContext | undefined;

    beforeAll(async () => {
      [stack, browser] = await Promise.all([
        startPageStack({ deadline: DEADLINE.toISOString() }),
        launchChromium(),
      ]);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.stop();
    });

    afterEach(async () => {
      await context?.close();
      context = undefined;
    });

    /**
     * The page, signed in, once the form has read the stored draft. `serverTime`: what GET /api/me says the time
     * is, for a visit after the deadline.
     */
    async function open(
      viewport = { width: 1100, height: 900 },
      serverTime?: Date,
    ): Promise<{ page: Page; puts: () => number }> {
      context = await browser.newContext({ locale: "zh-CN", viewport });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      if (serverTime) {
        await page.route("**/api/me", async (route) => {
          const response = await route.fetch();
          const body = (await response.json()) as { serverTime: string };
          body.serverTime = serverTime.toISOString();
          await route.fulfill({ response, json: body });
        });
      }
      let puts = 0;
      page.on("request", (r) => {
        if (r.method() === "PUT" && new URL(r.url()).pathname === "/api/me/application-form") puts += 1;
      });
      await page.goto(`${stack.shenbao.baseUrl}/#token=${stack.token}`);
      await page.getByRole("heading", { name: T.heading }).waitFor();
      await page
        .locator(`#application-form .form-body${serverTime ? "[disabled]" : ":not([disabled])"}`)
        .waitFor();
      return { page, puts: () => puts };
    }
    /** A control by its accessible name, as a screen reader announces it. */
    const field = (page: Page, path: string) => page.getByLabel(controlLabel(path), { exact: true });
    const condition = (page: Page, n: number) =>
      page.locator(`#prescreen [data-condition="${n}"] .condition-heading .status`);
    const criterion = (page: Page, n: number, text: string) =>
      page
        .locator(`#prescreen [data-condition="${n}"] .criterion`)
        .filter({ hasText: text })
        .locator(".criterion-text .status");
    const missingList = (page: Page) => page.locator("#application-form .missing-list");
    const STUDENTS = "学校全日制在校生规模";

    it("starts from the registered school and names a wrong field as it is left, in the API's own words", async () => {
      const { page, puts } = await open();
      const form = page.locator("#application-form");
      expect(await field(page, "basic.school.contact.name").inputValue()).toBe(TEST_SCHOOL.contactName);
      expect(await field(page, "basic.school.name").inputValue()).toBe(TEST_SCHOOL.name);
      expect(await field(page, "basic.school.contact.email").inputValue()).toBe(TEST_SCHOOL.email);
      // Moved from the 附件3 details form: the registered telephone is where a first visit starts.
      expect(await field(page, "basic.school.contact.officePhone").inputValue()).toBe(TEST_SCHOOL.phone);
      await form.getByRole("status").filter({ hasText: T.notYet }).waitFor();
      // The old second form (附件3 details) is gone: its fields are part of this one.
      expect(await page.locator("#details").count()).toBe(0);
      expect(await page.locator("#prescreen").textContent()).toContain(T.prescreen.none);

      // Field by field: a wrong check character is named as soon as the school leaves the field.
      await field(page, "basic.partners.0.creditCode").fill(BAD_CODE);
      await field(page, "basic.partners.0.creditCode").press("Tab");
      const expected = M.creditCodeCheck(BAD_CODE, "3");
      await form.getByText(expected).waitFor();
      expect(await field(page, "basic.partners.0.creditCode").getAttribute("aria-invalid")).toBe("true");
      expect(await field(page, "basic.servedMajorGroup").getAttribute("aria-invalid")).toBeNull();

      // The page's message is the server's own: the API refuses the same form with the same words on the same field.
      const refused = await fetch(`${stack.shenbao.baseUrl}/api/me/application-form`, {
        method: "PUT",
        headers: { authorization: `Bearer ${stack.token}`, "content-type": "application/json" },
        body: JSON.stringify({ form: { basic: { partners: [{ creditCode: BAD_CODE }] } } }),
      });
      expect(refused.status).toBe(422);
      const body = (await refused.json()) as {
        error: { code: string; findings: { path: string; message: string }[] };
      };
      expect(body.error.code).toBe("CHECKS_FAILED");
      expect(body.error.findings).toContainEqual(
        expect.objectContaining({ path: "basic.partners.0.creditCode", message: expected }),
      );

      // Saving with the mistake still there sends nothing and lists it, by the field's label, linked to it.
      await page.getByRole("button", { name: T.save }).click();
      const alert = form.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain(T.invalid(1));
      const link = alert.getByRole("link", { name: controlLabel("basic.partners.0.creditCode") });
      expect(await link.textContent()).toBe("合作企业（1）企业统一社会信用代码");
      expect(await alert.locator("li").textContent()).toBe(`合作企业（1）企业统一社会信用代码：${expected}`);
      expect(puts()).toBe(0);
      await link.click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("af-basic-partners-0-creditCode");
      await screenshot(
        page.locator("#application-form .form-section").first(),
        "16-application-form-finding",
      );
    }, 90_000);

    it("saves a draft at any time, and the pre-screen follows: 不符合 with how to close the gap, then 符合", async () => {
      const { page, puts } = await open();
      const form = page.locator("#application-form");
      await field(page, "basic.partners.0.creditCode").fill(GOOD_CODE);
      await field(page, "basic.servedMajorGroup").fill("数控技术专业群");
      await field(page, "basic.partners.1.name").fill("郑州宇通客车股份有限公司");
      await field(page, "conditions.schoolFullTimeStudents").fill("12,000");
      await field(page, "conditions.pages").fill("第3-5页");
      // A repeatable row, by keyboard: the new row's first field takes the focus.
      await page
        .getByRole("button", { name: T.addRow(T.rowLabels["competitions.awards"] as string) })
        .press("Enter");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe("af-competitions-awards-0-year");
      await page.keyboard.type("2023");
      await field(page, "competitions.awards.0.level").selectOption("省级一等奖");
      await page.getByRole("button", { name: T.save }).click();
      await form.getByText(/^草稿已于 .+ 保存。$/).waitFor();
      expect(puts()).toBe(1);
      expect(await form.getByRole("alert").count()).toBe(0);

      // A draft may be incomplete; what a finished one still lacks is listed (moved from the 附件3 details form,
      // which refused a save without partner 1).
      expect(await missingList(page).textContent()).toContain(controlLabel("basic.partners.0.name"));
      // 12000 < 15000: condition 1 is not met, and the page says how to close the gap.
      expect(await criterion(page, 1, STUDENTS).textContent()).toBe(CONDITION_STATUS_LABELS["not-met"]);
      expect(await condition(page, 1).textContent()).toBe(CONDITION_STATUS_LABELS["not-met"]);
      const gap = page.locator('#prescreen [data-condition="1"] .criterion').filter({ hasText: STUDENTS });
      expect(await gap.locator("dt").allTextContents()).toContain(T.prescreen.fix);
      expect(await gap.textContent()).toContain("12000 人");

      // The figure as people write it; partner 1 named and titled (the 附件3 summary's partner column).
      await field(page, "conditions.schoolFullTimeStudents").fill("1.6万");
      await field(page, "basic.partners.0.name").fill("河南中原数控装备有限公司");
      await page.getByLabel("国家专精特新“小巨人”企业").first().check();
      await page.getByRole("button", { name: T.save }).click();
      await expect.poll(() => criterion(page, 1, STUDENTS).textContent()).toBe(CONDITION_STATUS_LABELS.met);
      expect(puts()).toBe(2);
      // Condition 1's data is met now; its 办学定位 item is left to the experts.
      expect(await condition(page, 1).textContent()).toBe(CONDITION_STATUS_LABELS.expert);
      expect(await missingList(page).textContent()).not.toContain(controlLabel("basic.partners.0.name"));
      await screenshot(page.locator("#prescreen"), "17-prescreen-desktop");
      // What the screen shows (the save bar stays at its bottom), not the whole long form.
      await page.evaluate(() => document.getElementById("af-section-conditions")?.scrollIntoView());
      await screenshot(page, "18-application-form-desktop", { fullPage: false });
    }, 90_000);

    it("shows the saved draft, normalised, and its pre-screen on a new visit; a lower figure is 不符合 again", async () => {
      const { page } = await open();
      await page.locator("#application-form").getByRole("status").filter({ hasText: T.loaded }).waitFor();
      expect(await field(page, "basic.partners.1.name").inputValue()).toBe("郑州宇通客车股份有限公司");
      expect(await field(page, "basic.partners.0.name").inputValue()).toBe("河南中原数控装备有限公司");
      expect(await field(page, "basic.partners.0.creditCode").inputValue()).toBe(GOOD_CODE);
      expect(await field(page, "basic.servedMajorGroup").inputValue()).toBe("数控技术专业群");
      expect(await field(page, "conditions.schoolFullTimeStudents").inputValue()).toBe("16000");
      expect(await field(page, "conditions.pages").inputValue()).toBe("3-5");
      expect(await field(page, "competitions.awards.0.year").inputValue()).toBe("2023");
      expect(await field(page, "competitions.awards.0.level").inputValue()).toBe("省级一等奖");
      expect(await page.getByLabel("国家专精特新“小巨人”企业").first().isChecked()).toBe(true);
      expect(await condition(page, 1).textContent()).toBe(CONDITION_STATUS_LABELS.expert);

      await field(page, "conditions.schoolFullTimeStudents").fill("12000");
      await page.getByRole("button", { name: T.save }).click();
      await expect.poll(() => condition(page, 1).textContent()).toBe(CONDITION_STATUS_LABELS["not-met"]);
      await page.locator('#prescreen [data-condition="1"]').getByText(T.prescreen.fix).waitFor();
    }, 90_000);

    it("fits a 375 px phone screen without horizontal scrolling", async () => {
      const { page } = await open({ width: 375, height: 812 });
      await page.locator("#prescreen .conditions").waitFor();
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

      expect(await overflow()).toBe(0);
      await page.getByRole("heading", { name: "一、基本情况" }).scrollIntoViewIfNeeded();
      await screenshot(page, "19-application-form-phone", { fullPage: false });
      await page.locator('#prescreen [data-condition="1"]').scrollIntoViewIfNeeded();
      await screenshot(page, "20-prescreen-phone", { fullPage: false });
      expect(await overflow()).toBe(0);
    }, 90_000);

    it("after the deadline shows the last saved draft read-only, with the reason, and its pre-screen", async () => {
      const { page, puts } = await open(undefined, new Date(DEADLINE.getTime() + 3_600_000));
      const form = page.locator("#application-form");
      expect(await form.locator(".closed-note [role=note]").textContent()).toBe(
        T.closed(formatBeijingTime(DEADLINE)),
      );
      const students = field(page, "conditions.schoolFullTimeStudents");
      expect(await students.inputValue()).toBe("12000");
      expect(await students.isEditable()).toBe(false);
      expect(await page.getByRole("button", { name: T.save }).isDisabled()).toBe(true);
      expect(await form.textContent()).not.toContain(T.editableUntil(formatBeijingTime(DEADLINE)));
      expect(await condition(page, 1).textContent()).toBe(CONDITION_STATUS_LABELS["not-met"]);
      expect(puts()).toBe(0);
    }, 90_000);
  },
);
