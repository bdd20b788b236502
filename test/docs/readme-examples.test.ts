/**
 * The README and docs/deploy.md, executed: every ```sh block runs with bash in a fresh directory, as a newcomer would
 * paste it, against one embedded stack started here (the one `npm start` would run), unless a marker just before the
 * block says otherwise (the convention is in shell-examples.ts). What the harness provides:
 *
 * - `npx shenbao …` is bin/shenbao.js (as npm links it), pointed at this stack by SHENBAO_STACK_FILE; any other
 *   `npx …` and every `npm …` run in the repository (`npx --no-install`: nothing is downloaded).
 * - setup=curl: the demo school registered (TOKEN, BASE given: npm start prints them) and a generated PDF saved under
 *   the block's own FILE name, so the name and the content have to pass the rules for the verdict to be ACCEPTED.
 * - setup=documents: the demo school registered (TOKEN, BASE given); the block saves a form and downloads the
 *   申报书 and 建设方案, which must be .docx files naming the school and the major saved.
 * - setup=check: 材料/ holding one generated PDF named for 河南工业职业技术学院.
 * - setup=operator: 学校名单.xlsx with the README's columns (two colleges), an accepted submission of the demo school
 *   (RECEIPT_NO given: a college quotes it).
 * - synth: the stack synthesized (cdk-nag, CloudFormation validation) with the block's `-c` settings.
 *
 * Every block runs under `set -euo pipefail`, so any command that fails fails the test; each setup then checks what
 * the block promises (a 204, ACCEPTED, the receipt and the reviewer's notice in the mailbox, files written …).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_REVIEWER, DEMO_SCHOOL, demoFileName } from "../../infra/local/demo-school.ts";
import { samplePdf } from "../../infra/local/sample-pdf.ts";
import { waitForReceipt } from "../../infra/local/school-client.ts";
import { LOCAL_TEXT, SCHOOLS_TEXT } from "../../shared/messages/cli.ts";
import { DOCTOR_TEXT, SMOKE_TEXT } from "../../shared/messages/doctor.ts";
import { docxPart, paragraphs } from "../helpers/docx-xml.ts";
import { synthesize } from "../infra/synthesize.ts";
import { college, type OperatorStack, startOperatorStack, submit } from "../integration/operator/harness.ts";
import { assignedValue, cdkContext, type ShellExample, scriptOf, shellExamples } from "./shell-examples.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const BIN = join(REPO, "bin/shenbao.js");
const EXAMPLES = [
  ...shellExamples(join(REPO, "README.md"), "README.md"),
  ...shellExamples(join(REPO, "docs/deploy.md"), "docs/deploy.md"),
];

const PRELUDE = `set -euo pipefail
npx() {
  case "$1" in
    shenbao) shift; node "$README_HARNESS_BIN" "$@" ;;
    *) (cd "$README_HARNESS_REPO" && command npx --no-install "$@") ;;
  esac
}
npm() { (cd "$README_HARNESS_REPO" && command npm "$@"); }
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let stack: OperatorStack;
let token: string;
let runs = 0;

beforeAll(async () => {
  stack = await startOperatorStack({ reviewers: [DEMO_REVIEWER] });
  ({ token } = await stack.registerSchool(DEMO_SCHOOL));
});

afterAll(async () => {
  await stack?.stop();
});

/** A fresh directory under the stack's own (removed with it). */
async function freshDir(): Promise<string> {
  runs += 1;
  const dir = join(stack.dir, `example-${runs}`);
  await mkdir(dir);
  return dir;
}

/** bash as an operator's shell starts it: none of this process's AWS_ or SHENBAO_ variables. */
function bash(script: string, cwd: string): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|SHENBAO_)/.test(name)),
  );
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", `${PRELUDE}\n${script}`],
      {
        cwd,
        env: {
          ...inherited,
          NO_COLOR: "1",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          SHENBAO_STACK_FILE: stack.stackFile,
          README_HARNESS_BIN: BIN,
          README_HARNESS_REPO: REPO,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function runExample(example: ShellExample, cwd: string, given: Record<string, string> = {}) {
  const run = await bash(scriptOf(example, given), cwd);
  expect(run.code, `${example.source}:${example.line}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run;
}

type Setup = (example: ShellExample) => Promise<void>;

const SETUPS: Record<string, Setup> = {
  async curl(example) {
    const dir = await freshDir();
    const file = assignedValue(example.code, "FILE");
    expect(file).toBe(demoFileName());
    await writeFile(join(dir, file), await samplePdf({ pages: 12 }));
    const run = await runExample(example, dir, { TOKEN: token, BASE: stack.baseUrl });

    expect(run.stdout.split("\n")).toContain("204");
    const link = JSON.parse(await readFile(join(dir, "link.json"), "utf8"));
    const status = JSON.parse(await readFile(join(dir, "status.json"), "utf8"));
    expect(status).toMatchObject({ submissionId: link.submissionId, state: "ACCEPTED" });
    await stack.idle();
    const emails = await stack.emails();
    const receipt = emails.find((m) => m.destination.to.includes(DEMO_SCHOOL.email));
    expect(receipt?.body.text).toContain(status.receipt.receiptNumber);
    const notice = emails.find((m) => m.destination.to.includes(DEMO_REVIEWER));
    expect(notice?.body.text).toContain(DEMO_SCHOOL.name);
  },

  async documents(example) {
    const dir = await freshDir();
    const run = await runExample(example, dir, { TOKEN: token, BASE: stack.baseUrl });
    expect(run.stdout.split("\n")).toContain("200");
    const application = paragraphs(await docxPart(await readFile(join(dir, "申报书.docx"))));
    expect(application).toContain(`申报单位：${DEMO_SCHOOL.name}`);
    expect(application).toContain("申报专业：数控技术");
    const plan = paragraphs(await docxPart(await readFile(join(dir, "建设方案.docx"))));
    expect(plan[0]).toBe(`${DEMO_SCHOOL.name}职业教育高水平专业化产教融合实训中心建设方案`);
  },

  async check(example) {
    const dir = await freshDir();
    const bytes = await samplePdf({ pages: 12 });
    await mkdir(join(dir, "材料"));
    await writeFile(join(dir, "材料", demoFileName("河南工业职业技术学院")), bytes);
    const run = await runExample(example, dir);
    // Exit 0 is "every file accepted"; the JSON line reports the file's hash.
    expect(run.stdout).toContain(createHash("sha256").update(bytes).digest("hex"));
  },

  async operator(example) {
    const dir = await freshDir();
    const roster = [college(901), college(902)];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("学校名单");
    sheet.addRow(["学校名称", "统一社会信用代码", "办学层次", "联系人", "电子邮箱", "联系电话"]);
    for (const c of roster) sheet.addRow([c.name, c.creditCode, c.level, c.contactName, c.email, c.phone]);
    await workbook.xlsx.writeFile(join(dir, "学校名单.xlsx"));
    const submissionId = await submit(stack, token, demoFileName(), await samplePdf({ pages: 8 }));
    const decided = await waitForReceipt(stack.baseUrl, token, submissionId);
    const receiptNumber = (decided.receipt as { receiptNumber: string }).receiptNumber;

    const run = await runExample(example, dir, { RECEIPT_NO: receiptNumber });

    const tokens = await readFile(join(dir, "tokens.csv"), "utf8");
    for (const c of roster) expect(tokens).toContain(c.creditCode);
    expect((await stat(join(dir, "tokens.csv"))).mode & 0o777).toBe(0o600);
    const added = /--name (\S+) --credit-code (\S+)/.exec(example.code);
    expect(added).not.toBeNull();
    const [, name, creditCode] = added as RegExpExecArray;
    expect(run.stdout).toContain(SCHOOLS_TEXT.registered(name as string, creditCode as string));
    expect(run.stdout).toContain(SCHOOLS_TEXT.revoked(creditCode as string));
    // `application show` prints the form `schools details` wrote the 汇总表 details into, with Chinese labels.
    expect(run.stdout).toContain(`${name} 的申报书（操作员于`);
    expect(run.stdout).toContain("中心服务专业（群）：数控技术专业群");
    expect(run.stdout).toContain(receiptNumber);
    expect((await stat(join(dir, "汇总表.xlsx"))).size).toBeGreaterThan(0);
    expect((await stat(join(dir, "评审材料.zip"))).size).toBeGreaterThan(0);

    // The same `schools add` again is a refusal (exit 1), not a usage error (2).
    const addLines = example.code.split("\n");
    const from = addLines.findIndex((l) => l.startsWith("npx shenbao schools add"));
    const again = await bash(`${addLines[from]}\n${addLines[from + 1]}`, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(SCHOOLS_TEXT.alreadyRegistered(creditCode as string));
  },
};

/** Blocks without setup: what each must show beyond exiting 0. */
async function runPlain(example: ShellExample): Promise<void> {
  const run = await runExample(example, await freshDir());
  if (example.only?.prefix === "npm run demo") {
    expect(run.stdout).toContain(LOCAL_TEXT.demoReceipt);
    expect(run.stdout).toContain(LOCAL_TEXT.demoReviewer(DEMO_REVIEWER));
  }
  if (example.code.includes("npx shenbao doctor")) {
    expect(run.stdout).toContain(`${DOCTOR_TEXT.symbol.ok} ${DOCTOR_TEXT.title.cors}`);
  }
  if (example.code.includes("npx shenbao smoke")) expect(run.stdout).toContain(SMOKE_TEXT.passed);
}

function synthesizeWith(example: ShellExample): void {
  const context = cdkContext(example.code);
  expect(Object.keys(context).length).toBeGreaterThan(0);
  const synthesized = synthesize(context);
  try {
    expect(synthesized.stack.stackName).toBe(`shenbao-${context.stage ?? "dev"}`);
  } finally {
    synthesized.cleanup();
  }
}

describe("the documentation's shell examples, executed", () => {
  for (const example of EXAMPLES) {
    const first =
      example.only?.prefix ??
      example.code.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#")) ??
      "";
    const title = `${example.source}:${example.line} ${first.slice(0, 60)}`;
    if (example.skip) {
      it.skip(`${title} (${example.skip})`, () => {});
      continue;
    }
    it(title, async () => {
      if (example.synth) return synthesizeWith(example);
      if (!example.setup) return runPlain(example);
      const setup = SETUPS[example.setup];
      if (!setup) throw new Error(`${title}: no setup named ${example.setup}`);
      await setup(example);
    }, 300_000);
  }

  it("finds the examples it is meant to run", () => {
    const setups = EXAMPLES.map((e) => e.setup).filter(Boolean);
    expect(setups.sort()).toEqual(Object.keys(SETUPS).sort());
    expect(EXAMPLES.some((e) => e.only?.prefix === "npm run demo")).toBe(true);
    expect(EXAMPLES.some((e) => e.synth)).toBe(true);
  });
});
