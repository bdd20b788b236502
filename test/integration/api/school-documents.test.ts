/**
 * GET /api/me/documents/{application,plan}.docx on the embedded stack, through the real HTTP API: the form saved
 * with PUT /api/me/application-form (stored in DynamoDB), the .docx bytes through the local API Gateway's base64
 * decoding, opened and parsed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SCHOOL } from "../../../infra/local/demo-school.ts";
import { type ShenbaoLocal, startShenbao } from "../../../infra/local/shenbao-local.ts";
import { DOCUMENTS_MESSAGES } from "../../../shared/messages/documents.ts";
import { docxPart, paragraphs, tables } from "../../helpers/docx-xml.ts";
import { passingInput } from "../../unit/prescreen/fixtures.ts";

let dataDir: string;
let shenbao: ShenbaoLocal;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "shenbao-documents-"));
  shenbao = await startShenbao({ dataDir, deadline: new Date(Date.now() + 86_400_000).toISOString() });
  ({ token } = await shenbao.registerSchool(DEMO_SCHOOL));
});

afterAll(async () => {
  await shenbao?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (document: string) =>
  fetch(`${shenbao.baseUrl}/api/me/documents/${document}`, { headers: { authorization: `Bearer ${token}` } });

function utf8FileName(response: Response): string {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("content-disposition") ?? "")?.[1];
  if (!encoded) throw new Error("no filename* in Content-Disposition");
  return decodeURIComponent(encoded);
}

describe("the school's generated documents over the local HTTP API", () => {
  it("answer 404 with a Chinese message before any form is saved, and for an unknown name", async () => {
    for (const name of ["application.docx", "plan.docx"]) {
      const response = await get(name);
      expect(response.status, name).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "FORM_NOT_FOUND", message: DOCUMENTS_MESSAGES.noForm },
      });
    }
    const unknown = await get("budget.docx");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("DOCUMENT_NOT_FOUND");
    expect(
      (await fetch(`${shenbao.baseUrl}/api/me/documents/application.docx`)).status,
      "without a token",
    ).toBe(401);
  });

  it("serve the 申报书 and the 建设方案 from the saved form, as .docx under their official names", async () => {
    const put = await fetch(`${shenbao.baseUrl}/api/me/application-form`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ form: passingInput() }),
    });
    expect(put.status).toBe(200);

    const application = await get("application.docx");
    expect(application.status).toBe(200);
    expect(application.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(application.headers.get("cache-control")).toBe("no-store");
    expect(application.headers.get("content-disposition")).toMatch(
      /^attachment; filename="application\.docx";/,
    );
    expect(utf8FileName(application)).toBe(
      `${DEMO_SCHOOL.name}职业教育高水平专业化产教融合实训中心申报书（会计信息管理专业）.docx`,
    );
    const bytes = Buffer.from(await application.arrayBuffer());
    const doc = await docxPart(bytes);
    const text = paragraphs(doc).join("\n");
    expect(text).toContain(`申报单位：${DEMO_SCHOOL.name}`);
    expect(text).toContain("申报专业：会计信息管理");
    const rows = tables(doc).flat();
    expect(rows).toContainEqual(expect.arrayContaining(["学校", "16500人"]));
    expect(rows).toContainEqual(expect.arrayContaining(["申报专业名称", "会计信息管理", "1200人"]));

    const plan = await get("plan.docx");
    expect(plan.status).toBe(200);
    expect(utf8FileName(plan)).toBe(`${DEMO_SCHOOL.name}职业教育高水平专业化产教融合实训中心建设方案.docx`);
    const planDoc = await docxPart(Buffer.from(await plan.arrayBuffer()));
    expect(paragraphs(planDoc)[0]).toBe(`${DEMO_SCHOOL.name}职业教育高水平专业化产教融合实训中心建设方案`);
  });
});
