import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCallFrom } from "../../../shared/call/load-call.ts";
import { fillTemplate } from "../../../shared/checks/name-template.ts";
import { applicationDocx } from "../../../shared/documents/application-docx.ts";
import { planDocx } from "../../../shared/documents/plan-docx.ts";
import { CJK_FONT_FILE as WQY } from "../../fixtures/pdf/text-documents.ts";
import { parse, passingInput } from "../../unit/prescreen/fixtures.ts";

/**
 * The round trip of issue 14: the generated 申报书 and 建设方案, exported to PDF by LibreOffice, pass the project's
 * own checks (`shenbao check --type application|plan`) with no finding at all.
 *
 * Debian has no 仿宋 covering Simplified Chinese, so test/helpers/fangsong-test-font.py copies WenQuanYi Micro Hei
 * under the family names "FangSong" and "仿宋_GB2312" into a temporary fonts directory that LibreOffice sees through
 * FONTCONFIG_FILE. What this proves: the .docx asks for 仿宋_GB2312 / FangSong 小四 at exactly 16 pt, LibreOffice lays
 * it out on A4 and embeds the font of that name, and the checks read the cover, the declaration, the font, the size
 * and the leading back from the PDF. It does not prove what real 仿宋 glyphs look like.
 */
const ROOT = resolve(import.meta.dirname, "../../..");
const SYSTEM_PYTHON = "/usr/bin/python3";
const ARTIFACTS = join(ROOT, "test-artifacts", "documents");

function missingTools(): string[] {
  const missing: string[] = [];
  if (spawnSync("soffice", ["--version"], { stdio: "ignore" }).status !== 0)
    missing.push("soffice (libreoffice-writer-nogui)");
  if (spawnSync(SYSTEM_PYTHON, ["-c", "import fontTools"], { stdio: "ignore" }).status !== 0)
    missing.push("python3-fonttools");
  if (!existsSync(WQY)) missing.push("fonts-wqy-microhei");
  if (spawnSync("pdftoppm", ["-v"], { stdio: "ignore" }).status !== 0)
    missing.push("pdftoppm (poppler-utils)");
  return missing;
}

const missing = missingTools();
// In CI .ci/run installs them: a missing tool there is a failure, not a skip.
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`[documents] LibreOffice round trip skipped: missing ${missing.join(", ")}`);

const { call, catalog } = loadCallFrom({});
const school = { name: "郑州示例职业技术学院", level: "专科" as const };
const form = parse(passingInput());
const officialName = fillTemplate(call.nameTemplate, { school: school.name, major: "会计信息管理" });

let work = "";
let env: NodeJS.ProcessEnv = {};

function toPdf(docx: Buffer, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const source = join(dir, `${officialName}.docx`);
  writeFileSync(source, docx);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(work, "profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      source,
    ],
    { env, stdio: "ignore", timeout: 240_000 },
  );
  return join(dir, `${officialName}.pdf`);
}

function check(pdf: string, type: string) {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, "bin/shenbao.js"), "check", "--type", type, "--json", pdf],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return JSON.parse(run.stdout) as {
    files: { verdict: string; pageCount: number; findings: { code: string }[] }[];
  };
}

function screenshot(pdf: string, page: number, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync("pdftoppm", [
    "-r",
    "80",
    "-png",
    "-singlefile",
    "-f",
    String(page),
    "-l",
    String(page),
    pdf,
    join(ARTIFACTS, name),
  ]);
}

describe.skipIf(skip)("the generated documents through LibreOffice and `shenbao check`", () => {
  beforeAll(() => {
    // test-artifacts/ is not in git: a clean clone (CI) starts without it.
    mkdirSync(ARTIFACTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), "shenbao-docx-"));
    const fonts = join(work, "fonts");
    mkdirSync(fonts);
    execFileSync(SYSTEM_PYTHON, [
      join(ROOT, "test/helpers/fangsong-test-font.py"),
      WQY,
      join(fonts, "fangsong-test.ttf"),
    ]);
    const conf = join(work, "fonts.conf");
    writeFileSync(
      conf,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir><cachedir>${join(work, "fc-cache")}</cachedir></fontconfig>`,
    );
    env = { ...process.env, FONTCONFIG_FILE: conf, HOME: work };
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("申报书: the PDF has no finding of `shenbao check --type application`", async () => {
    const docx = await applicationDocx({ form, school, catalog, call, month: "2024-11" });
    const pdf = toPdf(docx, join(work, "application"));
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
    expect(fonts).toMatch(/\+FangSong\s/);
    const report = check(pdf, "application");
    copyFileSync(pdf, join(ARTIFACTS, "application.pdf"));
    expect(report.files[0]?.findings).toEqual([]);
    expect(report.files[0]?.verdict).toBe("accepted");
    screenshot(pdf, 1, "application-cover");
    screenshot(pdf, 4, "application-first-table");
    screenshot(pdf, 6, "application-conditions");
  }, 300_000);

  it("建设方案: the PDF has no finding of `shenbao check --type plan`", async () => {
    const pdf = toPdf(await planDocx({ form, school }), join(work, "plan"));
    const report = check(pdf, "plan");
    expect(report.files[0]?.findings).toEqual([]);
    screenshot(pdf, 1, "plan");
  }, 300_000);
});
