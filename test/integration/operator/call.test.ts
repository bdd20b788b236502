/**
 * A call as an operator sees it: colleges submitting (accepted, replaced, rejected, pending, silent), the details
 * for the summary table entered once (by a school on its page, by the operator from a paper form), and then
 * `submissions list|show`, `export summary` (xlsx and csv, read back cell by cell) and `export bundle`.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../../infra/local/sample-pdf.ts";
import { requestUploadLink } from "../../../infra/local/school-client.ts";
import { college, type OperatorStack, officialName, startOperatorStack, submit } from "./harness.ts";
import { readStoredZip } from "./stored-zip.ts";

const A = college(11, { name: "河南安阳职业技术学院" });
const B = college(12, { name: "河南郑州职业技术学院" });
const C = college(13, { name: "河南开封职业技术学院" });
const D = college(14, { name: "河南洛阳职业技术学院", contactName: "王芳", phone: "13903790014" });
const E = college(15, { name: "河南濮阳职业技术学院" });
const REVIEWER = "reviewer@example.edu.cn";
const A_DETAILS = {
  servedMajorGroup: "数控技术专业群",
  partner1: "河南中原数控装备有限公司（国家专精特新“小巨人”企业）",
  partner2: "郑州宇通客车股份有限公司（制造业单项冠军企业）",
};

let stack: OperatorStack;
const token: Record<string, string> = {};
const ids: Record<string, string> = {};
const bytes: Record<string, Uint8Array> = {};
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  stack = await startOperatorStack({ reviewers: [REVIEWER] });
  for (const school of [A, B, C, D, E]) token[school.name] = (await stack.registerSchool(school)).token;
  [bytes.a1, bytes.a2, bytes.b, bytes.d, bytes.dApp] = await Promise.all([
    samplePdf({ pages: 12 }),
    samplePdf({ pages: 10 }),
    samplePdf({ pages: 53 }),
    samplePdf({ pages: 20 }),
    samplePdf({ pages: 4, bookmarks: false }),
  ]);
  ids.a1 = await submit(
    stack,
    token[A.name] as string,
    officialName(A.name, "数控技术"),
    bytes.a1 as Uint8Array,
  );
  await stack.idle();
  ids.a2 = await submit(
    stack,
    token[A.name] as string,
    officialName(A.name, "数控技术"),
    bytes.a2 as Uint8Array,
  );
  ids.b = await submit(
    stack,
    token[B.name] as string,
    officialName(B.name, "机电一体化技术"),
    bytes.b as Uint8Array,
  );
  ids.d = await submit(stack, token[D.name] as string, officialName(D.name, "护理"), bytes.d as Uint8Array);
  ids.dApp = await submit(
    stack,
    token[D.name] as string,
    officialName(D.name, "护理"),
    bytes.dApp as Uint8Array,
    "application",
  );
  const pending = await requestUploadLink(stack.baseUrl, token[C.name] as string, {
    fileName: officialName(C.name, "软件技术"),
    size: 1000,
  });
  if (!pending.ok) throw new Error("link refused");
  ids.c = pending.link.submissionId;
  await stack.idle();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const api = (school: { name: string }, method: string, body?: unknown) =>
  fetch(`${stack.baseUrl}/api/me/application`, {
    method,
    headers: { authorization: `Bearer ${token[school.name]}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe("shenbao submissions", () => {
  it("lists every submission with counts per state, and filters by state, school and time", async () => {
    // Independent reads, run at once: each is a process of its own.
    const [all, table, byState, ofSchool, future, badState] = await Promise.all([
      stack.cli(["submissions", "list", "--json"]),
      stack.cli(["submissions", "list"]),
      stack.cli(["submissions", "list", "--state", "accepted,superseded", "--json"]),
      stack.cli(["submissions", "list", "--school", A.creditCode, "--json"]),
      stack.cli(["submissions", "list", "--since", "2999-01-01"]),
      stack.cli(["submissions", "list", "--state", "LOST"]),
    ]);
    expect(all.code).toBe(0);
    const body = JSON.parse(all.stdout) as {
      counts: Record<string, number>;
      submissions: Array<{ submissionId: string }>;
    };
    expect(body.counts).toEqual({
      PENDING: 1,
      PROCESSING: 0,
      ACCEPTED: 3,
      REJECTED: 1,
      SUPERSEDED: 1,
      LATE: 0,
    });
    expect(body.submissions.map((s) => s.submissionId).sort()).toEqual(Object.values(ids).sort());

    expect(table.stdout.split("\n")[0]).toMatch(
      /^时间\s+学校名称\s+材料\s+申报专业\s+状态\s+页数\s+回执编号\s+提交编号$/,
    );
    expect(table.stdout).toContain("共 6 条：待上传 1，已受理 3，未通过 1，已被替代 1。");
    expect(table.stdout).toMatch(new RegExp(`${B.name}\\s+佐证材料\\s+机电一体化技术\\s+未通过\\s+53`));

    expect(JSON.parse(byState.stdout).total).toBe(4);
    const ofA = JSON.parse(ofSchool.stdout);
    expect(ofA.submissions.map((s: { submissionId: string }) => s.submissionId)).toEqual([ids.a1, ids.a2]);
    expect(future.stdout.trim()).toBe("没有符合条件的提交。");
    expect(badState.code).toBe(2);
  });

  it("shows one submission's story: findings, the school's history of that document, the e-mails sent", async () => {
    const [shown, current, rejectedShown, unknown] = await Promise.all([
      stack.cli(["submissions", "show", ids.a1 as string]),
      stack.cli(["submissions", "show", ids.a2 as string, "--json"]),
      stack.cli(["submissions", "show", ids.b as string, "--json"]),
      stack.cli(["submissions", "show", "01NOSUCHSUBMISSION0000000"]),
    ]);
    expect(shown.code).toBe(0);
    const text = shown.stdout;
    expect(text).toContain(`学校：${A.name}（${A.creditCode}，专科）`);
    expect(text).toContain(`状态：已被替代（已被 ${ids.a2} 替代）`);
    expect(text).toContain("该校佐证材料的全部提交（共 2 次，旧→新）：");
    expect(text).toMatch(new RegExp(`▶ ${ids.a1}\\s+已被替代`));
    expect(text).toMatch(new RegExp(` {2}${ids.a2}\\s+已受理`));
    const emailKinds = text
      .split("发给该校及评审专家的邮件：")[1]
      ?.split("\n")
      .map((line) => /^ {2}\S+ \S+ {2}(\S+) {2}/.exec(line)?.[1])
      .filter(Boolean);
    expect(emailKinds?.sort()).toEqual(["回执", "回执", "评审通知", "评审通知"]);

    const json = JSON.parse(current.stdout);
    expect(json.current).toBe(true);
    expect(json.history).toHaveLength(2);
    expect(json.emails.map((e: { kind: string }) => e.kind).sort()).toEqual([
      "receipt",
      "receipt",
      "reviewers",
      "reviewers",
    ]);
    // By receipt number, as a school quotes it on the phone.
    const rejected = JSON.parse(rejectedShown.stdout);
    const byReceipt = await stack.cli(["submissions", "show", rejected.submission.verdict.receiptNumber]);
    expect(byReceipt.stdout).toContain("PDF_TOO_MANY_PAGES");
    expect(unknown.code).toBe(2);
  });
});

describe("the application's details for the summary table", () => {
  it("are entered once by the school, checked field by field, with its registered contact as the default", async () => {
    const empty = await (await api(A, "GET")).json();
    expect(empty).toMatchObject({
      details: null,
      defaults: { contactName: A.contactName, contactPhone: A.phone },
    });

    const refused = await api(A, "PUT", {
      servedMajorGroup: "数控技术专业群",
      partner1: " ",
      partner2: "",
      contactPhone: "12345",
    });
    expect(refused.status).toBe(422);
    const problems = (
      (await refused.json()) as { error: { findings: Array<{ code: string; field: string }> } }
    ).error.findings;
    expect(problems.map((f) => [f.code, f.field])).toEqual([
      ["DETAILS_FIELD_MISSING", "details.partner1"],
      ["DETAILS_FIELD_MISSING", "details.partner2"],
      ["PHONE_INVALID", "details.contactPhone"],
    ]);

    const saved = await api(A, "PUT", A_DETAILS);
    expect(saved.status).toBe(200);
    const stored = await (await api(A, "GET")).json();
    expect(stored.details).toMatchObject({
      ...A_DETAILS,
      contactName: A.contactName,
      contactPhone: A.phone,
      updatedBy: "school",
    });
  });

  it("may be entered by the operator from a college's paper form", async () => {
    const result = await stack.cli([
      "schools",
      "details",
      D.creditCode,
      "--served-group",
      "护理专业群",
      "--partner1",
      "河南省人民医院（国家区域医疗中心）",
      "--partner2",
      "洛阳正骨医院（全国重点中医专科医院）",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`已保存${D.name}的汇总表信息：`);
    const shown = await stack.cli(["schools", "details", D.creditCode, "--json"]);
    expect(JSON.parse(shown.stdout).details).toMatchObject({
      servedMajorGroup: "护理专业群",
      updatedBy: "operator",
    });
  });
});

const HEADERS = [
  "序号",
  "学校名称",
  "申报专业",
  "中心服务专业（群）",
  "专业大类",
  "专业类",
  "合作企业（1）名称及企业荣誉等",
  "合作企业（2）名称及企业荣誉等",
  "联系人姓名",
  "联系电话",
];
const ROWS = [
  [
    1,
    A.name,
    "数控技术",
    ...Object.values(A_DETAILS).slice(0, 1),
    "装备制造大类",
    "机械设计制造类",
    A_DETAILS.partner1,
    A_DETAILS.partner2,
    A.contactName,
    A.phone,
  ],
  [
    2,
    D.name,
    "护理",
    "护理专业群",
    "医药卫生大类",
    "护理类",
    "河南省人民医院（国家区域医疗中心）",
    "洛阳正骨医院（全国重点中医专科医院）",
    D.contactName,
    D.phone,
  ],
];

describe("shenbao export", () => {
  it("writes the notice's 附件3 as a workbook: title, stamp line, frozen heads, one row per current application", async () => {
    const file = join(stack.dir, "汇总表.xlsx");
    const result = await stack.cli(["export", "summary", "--out", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`已导出 2 所学校的申报汇总表：${file}`);
    expect(result.stdout).toContain("另有 3 所已登记学校尚无已受理的申报材料。");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("申报汇总表");
    if (!sheet) throw new Error("no sheet 申报汇总表");
    expect(sheet.getCell("A1").value).toBe("河南省职业教育高水平专业化产教融合实训中心申报汇总表");
    expect(sheet.getCell("J1").master.address).toBe("A1");
    expect([sheet.getCell("A2").value, sheet.getCell("E2").value, sheet.getCell("H2").value]).toEqual([
      "推荐单位（盖章）：",
      "联系人：",
      "联系电话：",
    ]);
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(3)).toEqual(HEADERS);
    expect(values(4)).toEqual(ROWS[0]);
    expect(values(5)).toEqual(ROWS[1]);
    expect(sheet.actualRowCount).toBe(5);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(28);
    expect(sheet.getColumn(7).width).toBeGreaterThanOrEqual(30);
    expect(sheet.getCell("J4").border?.left?.style).toBe("thin");
  });

  it("writes the same table as CSV with a byte-order mark for Excel on Chinese Windows", async () => {
    const file = join(stack.dir, "汇总表.csv");
    const result = await stack.cli(["export", "summary", "--out", file, "--json"]);
    expect(JSON.parse(result.stdout)).toMatchObject({
      format: "csv",
      rows: 2,
      withoutApplication: 3,
      missingDetails: [],
    });
    const raw = await readFile(file);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString("utf8").slice(1)).toBe(
      `${[HEADERS, ...ROWS].map((r) => r.join(",")).join("\r\n")}\r\n`,
    );
  });

  it("bundles every current accepted PDF under its official name, verified, with the summary and a manifest", async () => {
    const target = join(stack.dir, "评审材料.zip");
    const result = await stack.cli(["export", "bundle", "--out", target]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // Folders are entries of their own in a zip.
    const entries = readStoredZip(await readFile(target)).filter((e) => !e.name.endsWith("/"));
    const evidence = (school: { name: string }, major: string) =>
      `佐证材料/${officialName(school.name, major)}`;
    expect(entries.map((e) => e.name).sort()).toEqual(
      [
        evidence(A, "数控技术"),
        evidence(D, "护理"),
        `申报书/${officialName(D.name, "护理")}`,
        "申报汇总表.xlsx",
        "资格初审表.xlsx",
        "manifest.json",
        "SHA256SUMS",
      ].sort(),
    );
    expect(entries.every((e) => e.method === 0)).toBe(true);
    expect(entries.find((e) => e.name.startsWith("佐证材料/"))?.utf8Flag).toBe(true);
    const content = (name: string) => entries.find((e) => e.name === name)?.data ?? Buffer.alloc(0);
    // The current version of A's evidence, not the one it replaced.
    expect(sha(content(evidence(A, "数控技术")))).toBe(sha(bytes.a2 as Uint8Array));
    expect(sha(content(evidence(D, "护理")))).toBe(sha(bytes.d as Uint8Array));

    const manifest = JSON.parse(content("manifest.json").toString("utf8")) as {
      files: Array<{ path: string; sha256: string; submissionId?: string; receiptNumber?: string }>;
    };
    expect(manifest.files).toHaveLength(5);
    for (const file of manifest.files) expect(sha(content(file.path)), file.path).toBe(file.sha256);
    expect(manifest.files.find((f) => f.path === evidence(A, "数控技术"))?.submissionId).toBe(ids.a2);
    const sums = content("SHA256SUMS").toString("utf8").trim().split("\n");
    expect(sums).toHaveLength(5);
    for (const line of sums) {
      const [hash, path] = line.split("  ");
      expect(sha(content(path as string))).toBe(hash);
    }
  });

  it("bundles into a directory, and never into one that holds something", async () => {
    const target = join(stack.dir, "bundle");
    expect((await stack.cli(["export", "bundle", "--out", target])).code).toBe(0);
    expect((await readdir(target)).sort()).toEqual([
      "SHA256SUMS",
      "manifest.json",
      "佐证材料",
      "申报书",
      "申报汇总表.xlsx",
      "资格初审表.xlsx",
    ]);
    const evidenceFile = join(target, "佐证材料", officialName(A.name, "数控技术"));
    expect((await stat(evidenceFile)).size).toBe(bytes.a2?.byteLength);
    const again = await stack.cli(["export", "bundle", "--out", target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("已存在且不是空目录");
  });

  it("refuses to bundle a file whose bytes differ from those accepted, and writes nothing", async () => {
    const submission = JSON.parse(
      (await stack.cli(["submissions", "show", ids.d as string, "--json"])).stdout,
    ).submission;
    // Someone with bucket access overwrites the accepted object (the local bucket keeps no versions).
    await stack.stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: "shenbao-uploads",
        Key: submission.objectKey,
        Body: Buffer.from("%PDF-1.7 tampered"),
        ContentType: "application/pdf",
      }),
    );
    await stack.idle();
    const target = join(stack.dir, "tampered.zip");
    const result = await stack.cli(["export", "bundle", "--out", target]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("有 1 个文件未通过核对，未生成材料包：");
    expect(result.stdout).toContain(`与受理时记录的 ${sha(bytes.d as Uint8Array)} 不符`);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
    expect((await readdir(stack.dir)).filter((f) => f.includes("partial"))).toEqual([]);
  });
});
