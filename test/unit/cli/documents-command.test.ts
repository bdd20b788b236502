import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSchoolDocuments } from "../../../cli/documents-command.ts";
import { UsageError } from "../../../cli/usage-error.ts";
import { loadCallFrom } from "../../../shared/call/load-call.ts";
import type { SchoolRecord } from "../../../shared/submissions/records.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { parse, passingInput, SCHOOL_CODE } from "../prescreen/fixtures.ts";

const { call, catalog } = loadCallFrom({});
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function deps(withForm: boolean) {
  const schools = new MemorySchoolRepository();
  await schools.registerSchool({
    schoolId: SCHOOL_CODE,
    name: "郑州示例职业技术学院",
    creditCode: SCHOOL_CODE,
    level: "专科",
    contactName: "李敏",
    email: "limin@example.edu.cn",
    phone: "13812345678",
    tokenHash: "x",
    tokenIssuedAt: "2024-11-01T00:00:00.000Z",
    status: "active",
    createdAt: "2024-11-01T00:00:00.000Z",
  } satisfies SchoolRecord);
  const forms = new MemoryApplicationForms();
  if (withForm)
    await forms.saveForm({
      schoolId: SCHOOL_CODE,
      form: parse(passingInput()),
      updatedAt: "2024-11-01T00:00:00.000Z",
      updatedBy: "school",
    });
  return { schools, forms, call, catalog, month: "2024-11" };
}

describe("shenbao documents", () => {
  it("writes the 申报书 and the 建设方案 of a school with a form", async () => {
    const out = mkdtempSync(join(tmpdir(), "shenbao-docs-"));
    dirs.push(out);
    const written = await writeSchoolDocuments(SCHOOL_CODE, out, await deps(true));
    expect(written).toHaveLength(2);
    expect(readdirSync(out).sort()).toEqual([
      "郑州示例职业技术学院职业教育高水平专业化产教融合实训中心建设方案.docx",
      "郑州示例职业技术学院职业教育高水平专业化产教融合实训中心申报书（会计信息管理专业）.docx",
    ]);
  });

  it("answers in Chinese when the school has no form or is unknown", async () => {
    const out = mkdtempSync(join(tmpdir(), "shenbao-docs-"));
    dirs.push(out);
    await expect(writeSchoolDocuments(SCHOOL_CODE, out, await deps(false))).rejects.toThrow(
      new UsageError("尚未填写申报书，无法生成文档。请先在申报页面填写并保存申报书。"),
    );
    await expect(writeSchoolDocuments("nope", out, await deps(true))).rejects.toThrow(/找不到学校“nope”/);
  });
});
