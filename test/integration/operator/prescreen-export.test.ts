/**
 * The reviewers' side of the pre-screen on the embedded stack: forms stored and pre-screened as the server does
 * (the DynamoDB form store, `prescreenSchool` against the accepted 佐证材料), then the CLI as a child process:
 * `export prescreen` (xlsx read back, CSV), `export bundle` with the 资格初审表 whose links open the bundle's
 * evidence PDF, and `submissions show` printing the school's pre-screen.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { prescreenSchool } from "../../../shared/application/prescreen-school.ts";
import { DynamoApplicationFormStore } from "../../../shared/aws/dynamodb-application-forms.ts";
import { STATUS_FILLS } from "../../../shared/prescreen/prescreen-workbook.ts";
import { MemoryEvidenceText } from "../../fakes/memory-evidence-text.ts";
import { parse, passingInput } from "../../unit/prescreen/fixtures.ts";
import { college, type OperatorStack, officialName, startOperatorStack, submit } from "./harness.ts";

const A = college(21, { name: "河南安阳示例职业技术学院" });
const K = college(22, { name: "河南开封示例职业技术学院" });
const L = college(23, { name: "河南洛阳示例职业技术学院" });
const EVIDENCE_A = `佐证材料/${officialName(A.name, "数控技术")}`;

let stack: OperatorStack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startOperatorStack();
  const token: Record<string, string> = {};
  for (const school of [A, K, L]) token[school.name] = (await stack.registerSchool(school)).token;
  // A: evidence accepted (20 pages) and a form; K: a form, no evidence; L: evidence accepted, no form.
  ids.a = await submit(
    stack,
    token[A.name] as string,
    officialName(A.name, "数控技术"),
    await samplePdf({ pages: 20 }),
  );
  ids.l = await submit(
    stack,
    token[L.name] as string,
    officialName(L.name, "护理"),
    await samplePdf({ pages: 6 }),
  );
  await stack.idle();

  const deps = stack.dependencies;
  const forms = new DynamoApplicationFormStore(deps.clients.document, deps.config.SHENBAO_TABLE);
  const prescreenDeps = {
    ctx: deps.ctx,
    submissions: deps.submissions,
    evidenceText: new MemoryEvidenceText(),
    forms,
    now: new Date(),
  };
  const aForm = passingInput();
  // A page past the evidence's last page (20): the pre-screen names it.
  if (aForm.onePlusX) aForm.onePlusX.pages = "25";
  for (const [school, input] of [
    [A, aForm],
    [K, passingInput()],
  ] as const) {
    await forms.saveForm({
      schoolId: school.creditCode,
      form: parse(input),
      updatedAt: new Date().toISOString(),
      updatedBy: "operator",
    });
    await prescreenSchool(school.creditCode, prescreenDeps);
  }
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const linkOf = (cell: ExcelJS.Cell) =>
  typeof cell.value === "object" && cell.value !== null && "hyperlink" in cell.value
    ? cell.value.hyperlink
    : undefined;
const textOf = (cell: ExcelJS.Cell) =>
  typeof cell.value === "object" && cell.value !== null && "text" in cell.value
    ? String(cell.value.text)
    : String(cell.value ?? "");

async function workbookAt(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  return workbook;
}

describe("shenbao export prescreen", () => {
  it("writes one row per school, a coloured column per condition, and links to the evidence pages", async () => {
    const file = join(stack.dir, "资格初审表.xlsx");
    const result = await stack.cli(["export", "prescreen", "--out", file, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file,
      format: "xlsx",
      rows: 3,
      withoutForm: [{ schoolId: L.creditCode, name: L.name }],
    });
    const sheet = (await workbookAt(file)).getWorksheet("资格初审表");
    if (!sheet) throw new Error("no sheet");
    expect([4, 5, 6].map((r) => sheet.getRow(r).getCell(2).value)).toEqual([A.name, K.name, L.name]);
    const a = sheet.getRow(4);
    expect(textOf(a.getCell(5)).split("\n")[0]).toBe("符合");
    expect(a.getCell(5).fill).toMatchObject({ fgColor: { argb: STATUS_FILLS.met } });
    expect(textOf(a.getCell(12)).split("\n")[0]).toBe("不符合");
    expect(a.getCell(12).fill).toMatchObject({ fgColor: { argb: STATUS_FILLS["not-met"] } });
    // Condition 3 cites pages 8–9 and 17–18: its cell opens the evidence at page 8.
    expect(linkOf(a.getCell(6))).toBe(`${EVIDENCE_A}#page=8`);
    expect(textOf(a.getCell(18))).toContain("超出佐证材料的页数（共 20 页）");
    // K has no accepted evidence: no link; L has no form.
    expect(linkOf(sheet.getRow(5).getCell(6))).toBeUndefined();
    expect(sheet.getRow(6).getCell(4).value).toBe("尚未填写申报书");
  });

  it("writes CSV with a byte-order mark", async () => {
    const file = join(stack.dir, "资格初审表.csv");
    const result = await stack.cli(["export", "prescreen", "--out", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("已导出 3 所学校的资格初审表");
    expect(result.stdout).toContain(L.name);
    const raw = await readFile(file);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString("utf8")).toContain(`${A.name},`);
  });
});

describe("the export's pre-screens judge the current evidence", () => {
  it("recomputes and records a pre-screen computed before its evidence's text was read, and leaves a current one", async () => {
    const deps = stack.dependencies;
    const forms = new DynamoApplicationFormStore(deps.clients.document, deps.config.SHENBAO_TABLE);
    // A's pre-screen may already have been recomputed by an earlier export of this file: say it judged no text.
    const a = await forms.getForm(A.creditCode);
    const k = await forms.getForm(K.creditCode);
    if (!a?.prescreen || !a.prescreenBasis) throw new Error("A's form has no pre-screen");
    const withoutText = { ...a.prescreenBasis, evidenceText: false };
    await forms.savePrescreen(A.creditCode, a.prescreen, "2024-11-10T03:00:00.000Z", withoutText);
    expect(withoutText).toMatchObject({ evidenceSubmissionId: ids.a, evidencePageCount: 20 });
    expect(k?.prescreenBasis).toMatchObject({ evidenceSubmissionId: null });

    const result = await stack.cli(["export", "prescreen", "--out", join(stack.dir, "again.xlsx"), "--json"]);
    expect(result.code).toBe(0);

    const healed = await forms.getForm(A.creditCode);
    expect(healed?.prescreenBasis).toStrictEqual({ ...withoutText, evidenceText: true });
    expect(healed?.prescreenAt).not.toBe("2024-11-10T03:00:00.000Z");
    expect(await forms.getForm(K.creditCode)).toStrictEqual(k);
  });
});

describe("shenbao export bundle with the pre-screen", () => {
  it("puts 资格初审表.xlsx beside the summary, in the manifest, its links resolving to the bundle's PDFs", async () => {
    const target = join(stack.dir, "bundle");
    const result = await stack.cli(["export", "bundle", "--out", target]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("材料包另含资格初审表（3 所学校）");
    const manifest = JSON.parse(await readFile(join(target, "manifest.json"), "utf8")) as {
      files: Array<{ path: string }>;
    };
    expect(manifest.files.map((f) => f.path)).toContain("资格初审表.xlsx");
    const workbook = await workbookAt(join(target, "资格初审表.xlsx"));
    const links: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const link = linkOf(cell);
          if (link) links.push(link);
        }),
      );
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) {
      const [path, fragment] = link.split("#");
      expect((await stat(join(target, path as string))).isFile()).toBe(true);
      if (fragment !== undefined) expect(fragment).toMatch(/^page=\d+$/);
    }
  });
});

describe("shenbao submissions show", () => {
  it("prints the school's pre-screen: each condition's status, the gaps and the evidence findings", async () => {
    const a = await stack.cli(["submissions", "show", ids.a as string]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("资格初审（申报条件）");
    expect(a.stdout).toMatch(/条件9 .*：不符合/);
    expect(a.stdout).toMatch(/9\.4 .*【不符合】要求 ≥ 1000 人次/);
    expect(a.stdout).toContain("遴选规则：满足");
    expect(a.stdout).toContain("超出佐证材料的页数（共 20 页）");
    const l = await stack.cli(["submissions", "show", ids.l as string]);
    expect(l.stdout).toContain("学校尚未填写申报书，无法初审。");
  });
});
