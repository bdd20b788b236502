/**
 * The 申报书 and 建设方案 downloads on the upload page, in a real Chromium against the embedded stack: refused in
 * Chinese before a form is saved; once it is, each button yields a .docx (a Playwright download) under the official
 * name, whose document.xml carries the school's name.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DOCUMENTS_PANEL_TEXT } from "../../shared/messages/web-documents.ts";
import { docxPart, paragraphs, tables } from "../helpers/docx-xml.ts";
import { passingInput } from "../unit/prescreen/fixtures.ts";
import {
  ARTIFACTS_DIR,
  describeInBrowser,
  launchChromium,
  type PageStack,
  screenshot,
  startPageStack,
  TEST_SCHOOL,
} from "./harness.ts";

const T = DOCUMENTS_PANEL_TEXT;

describeInBrowser("the generated documents' downloads on the upload page, in Chromium", () => {
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

  /** Clicks a document's button and keeps the browser's download; returns its suggested name and its bytes. */
  async function download(page: Page, kind: keyof typeof T.buttons) {
    const [downloaded] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: T.buttons[kind] }).click(),
    ]);
    const path = join(ARTIFACTS_DIR, `documents-${kind}.docx`);
    await downloaded.saveAs(path);
    return { name: downloaded.suggestedFilename(), bytes: await readFile(path) };
  }

  it("says in Chinese to save the form first, then downloads both documents under their official names", async () => {
    const page = await open();
    const section = page.locator("#documents");
    await page.getByRole("button", { name: T.buttons.application }).click();
    const alert = section.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe(T.noForm);
    await screenshot(section, "22-documents-no-form");

    // The form as the school saves it (the page's own form editor is another issue's): through the real API.
    const put = await fetch(`${stack.shenbao.baseUrl}/api/me/application-form`, {
      method: "PUT",
      headers: { authorization: `Bearer ${stack.token}`, "content-type": "application/json" },
      body: JSON.stringify({ form: passingInput() }),
    });
    expect(put.status).toBe(200);

    const application = await download(page, "application");
    expect(application.name).toBe(
      `${TEST_SCHOOL.name}职业教育高水平专业化产教融合实训中心申报书（会计信息管理专业）.docx`,
    );
    expect(application.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const doc = await docxPart(application.bytes);
    expect(paragraphs(doc)).toContain(`申报单位：${TEST_SCHOOL.name}`);
    expect(tables(doc).flat()).toContainEqual(expect.arrayContaining(["学校", "16500人"]));
    await section
      .getByRole("status")
      .filter({ hasText: T.downloaded(application.name) })
      .waitFor();
    expect(await section.getByRole("alert").count()).toBe(0);

    const plan = await download(page, "plan");
    expect(plan.name).toBe(`${TEST_SCHOOL.name}职业教育高水平专业化产教融合实训中心建设方案.docx`);
    expect(paragraphs(await docxPart(plan.bytes))[0]).toBe(
      `${TEST_SCHOOL.name}职业教育高水平专业化产教融合实训中心建设方案`,
    );
    await section
      .getByRole("status")
      .filter({ hasText: T.downloaded(plan.name) })
      .waitFor();
    await screenshot(section, "23-documents-downloaded");
  }, 120_000); // two documents generated, downloaded and parsed: slow on a loaded machine
});
