/**
 * Shared by the browser tests: the page built into a temporary folder, the embedded stack serving it, a real
 * Chromium driven by playwright-core, and screenshots saved as test artifacts.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { describe } from "vitest";
import { type ShenbaoLocal, startShenbao } from "../../infra/local/shenbao-local.ts";
import { buildWeb } from "../../web/build.ts";

export const CHROMIUM_PATH = process.env.SHENBAO_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = join(process.cwd(), "test-artifacts", "browser");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * `describe` when Chromium is there; on a machine without it (a fresh clone with only Node) the suite is skipped
 * with a message, except in CI, where `.ci/run` installs Chromium and a missing browser must fail.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (!existsSync(CHROMIUM_PATH) && !process.env.CI) {
    console.warn(
      `[browser tests skipped] no Chromium at ${CHROMIUM_PATH}: install it (Debian: apt-get install chromium) or set ` +
        "SHENBAO_CHROMIUM to its path. CI always runs these tests.",
    );
    describe.skip(name, suite);
    return;
  }
  describe(name, suite);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PageStack {
  shenbao: ShenbaoLocal;
  token: string;
  school: { name: string; email: string };
  stop(): Promise<void>;
}

export const TEST_SCHOOL = {
  name: "河南工业职业技术学院",
  level: "专科",
  creditCode: "91350100M000100Y43",
  contactName: "张老师",
  email: "office@hnpi.edu.cn",
  phone: "0371-69691995",
} as const;

/** The page built from source into its own folder (test files run in parallel) and the stack serving it. */
export async function startPageStack(options: { deadline: string }): Promise<PageStack> {
  const staticDir = await mkdtemp(join(tmpdir(), "shenbao-web-"));
  await buildWeb({ outDir: staticDir, minify: false });
  const shenbao = await startShenbao({
    deadline: options.deadline,
    staticDir,
    retryDelayMs: 50,
    // The tests read the page, not the logs.
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
  });
  try {
    const { token } = await shenbao.registerSchool(TEST_SCHOOL);
    return {
      shenbao,
      token,
      school: TEST_SCHOOL,
      async stop() {
        await shenbao.stop();
        await rm(staticDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await shenbao.stop();
    throw error;
  }
}

/**
 * A page (whole, or only what the screen shows) or one part of it, saved as a test artifact: a phone's full page
 * is too long to read. A whole page stops where the 申报书 form begins: the form and the pre-screen below the upload
 * are thousands of pixels long, have screenshots of their own, and would make every upload screenshot slow to take
 * and hard to read.
 */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options = { fullPage: true },
): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  if (!("goto" in target)) {
    await target.screenshot({ path });
    return;
  }
  if (!options.fullPage) {
    await target.screenshot({ path });
    return;
  }
  const clip = await target.evaluate(() => {
    const root = document.documentElement;
    const form = document.getElementById("application-form");
    const end = form ? form.getBoundingClientRect().top + window.scrollY : root.scrollHeight;
    return { x: 0, y: 0, width: root.scrollWidth, height: Math.max(1, Math.min(end, root.scrollHeight)) };
  });
  await target.screenshot({ path, fullPage: true, clip });
}

/** The official file name for a major, as the page's name helper would give it. */
export function officialName(major: string, school = TEST_SCHOOL.name): string {
  return `${school}职业教育高水平专业化产教融合实训中心申报材料（${major}专业）.pdf`;
}
