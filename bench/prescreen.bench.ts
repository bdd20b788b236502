/**
 * Pre-screen benchmark: `npx tsx bench/prescreen.bench.ts` (part of `npm run bench`). Prints a table and writes
 * bench/out/prescreen.json.
 *
 * - one school: the pure pre-screen of a realistic 申报书 against a 50-page 佐证材料 with a text layer (every cited
 *   page cross-checked), warm median;
 * - 300 schools' export: the 资格初审表 built from 300 generated schools' pre-screens and written to a temp file, against
 *   a reference measured in the same run, the 附件3 summary workbook of the same 300 schools.
 * The machine may be shared: compare figures taken in the same run.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ApplicationForm } from "../shared/application/form.ts";
import { HENAN_2024 } from "../shared/call/henan-2024.ts";
import { resolveCall } from "../shared/call/load-call.ts";
import { prescreen } from "../shared/prescreen/prescreen.ts";
import { type PrescreenSource, prescreenTable } from "../shared/prescreen/prescreen-table.ts";
import { prescreenWorkbook } from "../shared/prescreen/prescreen-workbook.ts";
import type { EvidenceFacts } from "../shared/prescreen/types.ts";
import type { SchoolRecord, SubmissionRecord } from "../shared/submissions/records.ts";
import { summaryRows } from "../shared/summary/summary-rows.ts";
import { summaryWorkbook } from "../shared/summary/summary-workbook.ts";
import { PARTNER1_CODE, parse, passingInput } from "../test/unit/prescreen/fixtures.ts";

const SCHOOLS = 300;
const ONE_SCHOOL_CALLS = 200;
const EXPORT_RUNS = 5;

const { call, catalog } = resolveCall(HENAN_2024);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const elapsed = async (work: () => unknown) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** 50 pages of about 1,200 characters each, saying what the fixture claims on the pages it cites. */
function evidence50(): EvidenceFacts {
  const filler =
    "本页为实训中心建设佐证材料，包括校企合作协议、实训室照片说明、设备清单、管理制度与培训记录等内容。";
  const claims: Record<number, string> = {
    1: `郑州示例职业技术学院 事业单位法人证书 统一社会信用代码 ${passingInput().basic?.school?.creditCode}`,
    2: `营业执照 名称：河南示例数智科技有限公司 统一社会信用代码：${PARTNER1_CODE}`,
    4: "学校全日制在校生 16,500 人；申报专业在校生 1200 人；初次就业率 92.5%，对口就业率 81%。",
    8: "实训中心仪器设备总值 865,000 元，开出率 100%。",
  };
  return {
    pageCount: 50,
    pages: Array.from({ length: 50 }, (_, i) => ({
      kind: "text" as const,
      text: `${claims[i + 1] ?? ""}${filler.repeat(24)}第${i + 1}页`,
    })),
  };
}

/** 300 colleges: the realistic form with each one's own name and figures, half meeting condition 9. */
function generatedSchools(): { school: SchoolRecord; form: ApplicationForm; fileName: string }[] {
  return Array.from({ length: SCHOOLS }, (_, i) => {
    const name = `河南第${i + 1}示例职业技术学院`;
    const input = passingInput();
    if (input.basic?.school) input.basic.school.name = name;
    if (input.conditions) input.conditions.schoolFullTimeStudents = 14_000 + 37 * i;
    if (input.socialTraining?.perYear) input.socialTraining.perYear["2021"] = i % 2 === 0 ? 860 : 1200;
    const schoolId = `12410000MB${String(i).padStart(8, "0")}`;
    return {
      school: {
        schoolId,
        name,
        level: "专科",
        contactName: "李敏",
        phone: "0371-61234568",
      } as SchoolRecord,
      form: parse(input),
      fileName: `${name}职业教育高水平专业化产教融合实训中心申报材料（会计信息管理专业）.pdf`,
    };
  });
}

const evidence = evidence50();
const form = parse(passingInput());

// One school, warm.
for (let i = 0; i < 20; i++) prescreen(call, form, catalog, evidence);
const oneSchool: number[] = [];
for (let i = 0; i < ONE_SCHOOL_CALLS; i++)
  oneSchool.push(await elapsed(() => prescreen(call, form, catalog, evidence)));

// 300 schools.
const schools = generatedSchools();
const workDirectory = await mkdtemp(join(tmpdir(), "shenbao-bench-prescreen-"));
const prescreen300: number[] = [];
const export300: number[] = [];
const summary300: number[] = [];
let bytes = { prescreen: 0, summary: 0 };
try {
  const eligibility = call.eligibility;
  if (!eligibility) throw new Error("the Henan call has no eligibility");
  // exceljs is loaded on first use: load it before timing either workbook.
  await summaryWorkbook([]);
  for (let run = 0; run < EXPORT_RUNS; run++) {
    let sources: PrescreenSource[] = [];
    prescreen300.push(
      await elapsed(() => {
        sources = schools.map(({ school, form }) => ({
          schoolId: school.schoolId,
          schoolName: school.name,
          major: "会计信息管理",
          result: prescreen(call, form, catalog, evidence),
          evidencePath: `佐证材料/${school.name}.pdf`,
        }));
      }),
    );
    export300.push(
      await elapsed(async () => {
        const buffer = await prescreenWorkbook(prescreenTable(sources, eligibility));
        await writeFile(join(workDirectory, "资格初审表.xlsx"), buffer);
        bytes = { ...bytes, prescreen: buffer.byteLength };
      }),
    );
    summary300.push(
      await elapsed(async () => {
        const rows = summaryRows(
          schools.map(({ school, fileName }) => ({
            school,
            submission: { submissionId: school.schoolId, fileName } as SubmissionRecord,
            details: {
              schoolId: school.schoolId,
              servedMajorGroup: "会计信息管理专业群",
              partner1: "河南示例数智科技有限公司（国家专精特新“小巨人”企业）",
              partner2: "中原示例财务软件股份有限公司（中国500强企业）",
              contactName: "李敏",
              contactPhone: "13812345678",
              updatedAt: "",
              updatedBy: "school",
            },
          })),
          { call, catalog },
        );
        const buffer = await summaryWorkbook(rows);
        await writeFile(join(workDirectory, "申报汇总表.xlsx"), buffer);
        bytes = { ...bytes, summary: buffer.byteLength };
      }),
    );
  }
} finally {
  await rm(workDirectory, { recursive: true, force: true });
}

const figures = {
  oneSchoolMs: round(median(oneSchool), 3),
  prescreen300Ms: round(median(prescreen300), 1),
  export300Ms: round(median(export300), 1),
  summary300Ms: round(median(summary300), 1),
};
const ratios = {
  export300ToSummary300: round(figures.export300Ms / figures.summary300Ms, 2),
  prescreen300ToOneSchoolTimes300: round(figures.prescreen300Ms / (figures.oneSchoolMs * SCHOOLS), 2),
};
const rows: string[][] = [
  ["measure", "median", ""],
  [
    "pre-screen, one school (realistic form, 50-page evidence text)",
    `${figures.oneSchoolMs} ms`,
    `${ONE_SCHOOL_CALLS} calls`,
  ],
  [`pre-screen, ${SCHOOLS} schools`, `${figures.prescreen300Ms} ms`, `${EXPORT_RUNS} runs`],
  [
    `资格初审表 for ${SCHOOLS} schools: build + write .xlsx`,
    `${figures.export300Ms} ms`,
    `${round(bytes.prescreen / 1024, 0)} KB`,
  ],
  [
    `reference: 申报汇总表 for ${SCHOOLS} schools: build + write .xlsx`,
    `${figures.summary300Ms} ms`,
    `${round(bytes.summary / 1024, 0)} KB`,
  ],
  ["ratio 资格初审表 / 申报汇总表", `${ratios.export300ToSummary300}×`, ""],
];
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  "));

const out = new URL("./out/", import.meta.url);
await mkdir(out, { recursive: true });
await writeFile(
  new URL("prescreen.json", out),
  `${JSON.stringify(
    {
      node: process.version,
      date: new Date().toISOString(),
      schools: SCHOOLS,
      figures,
      ratios,
      bytes,
      samples: {
        oneSchoolMs: oneSchool.map((t) => round(t, 3)),
        export300Ms: export300.map((t) => round(t, 1)),
      },
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwritten to ${fileURLToPath(new URL("prescreen.json", out))}`);
