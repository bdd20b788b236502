import { describe, expect, it } from "vitest";
import { createSchoolDocumentsHandler } from "../../../functions/school-documents/create-handler.ts";
import { DOCUMENTS_MESSAGES } from "../../../shared/messages/documents.ts";
import { docxPart, paragraphs, tables } from "../../helpers/docx-xml.ts";
import { parse, passingInput } from "../prescreen/fixtures.ts";
import { bodyOf, CONTEXT, fakeDependencies, httpEvent, registeredSchool } from "./fake-dependencies.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async function setup({ withForm = true } = {}) {
  const deps = fakeDependencies();
  const { school, token } = await registeredSchool(deps);
  if (withForm) {
    await deps.forms.saveForm({
      schoolId: school.schoolId,
      form: parse(passingInput()),
      updatedAt: "2024-11-01T00:00:00.000Z",
      updatedBy: "school",
    });
  }
  const handler = createSchoolDocumentsHandler(deps);
  /** `null`: no Authorization header at all. */
  const get = (document: string, bearer: string | null = token) =>
    handler(
      httpEvent({
        path: `/api/me/documents/${document}`,
        ...(bearer === null ? {} : { token: bearer }),
        pathParameters: { document },
      }),
      CONTEXT,
    );
  return { deps, school, token, get };
}

/** RFC 5987: the UTF-8 name after `filename*=UTF-8''`, percent-decoded. */
function utf8FileName(disposition: string | undefined): string {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? "")?.[1];
  if (!encoded) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(encoded);
}

describe("GET /api/me/documents/{document} (createSchoolDocumentsHandler with fakes)", () => {
  it("answers the 申报书 as .docx bytes (base64 for API Gateway), an attachment under its official name, never cached", async () => {
    const { get } = await setup();
    const response = await get("application.docx");
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(true);
    expect(response.headers?.["content-type"]).toBe(DOCX);
    expect(response.headers?.["cache-control"]).toBe("no-store");
    const disposition = String(response.headers?.["content-disposition"]);
    expect(disposition).toMatch(/^attachment; filename="application\.docx"; filename\*=UTF-8''/);
    // The registered school's name and the form's major, as the notice names the file.
    expect(utf8FileName(disposition)).toBe(
      "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报书（会计信息管理专业）.docx",
    );
    const bytes = Buffer.from(response.body ?? "", "base64");
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const doc = await docxPart(bytes);
    const text = paragraphs(doc).join("\n");
    expect(text).toContain("申报单位：河南工业职业技术学院");
    expect(text).toContain("申报专业：会计信息管理");
    expect(text).toContain("2024年11月"); // the fixed clock: 10 November 2024, Beijing time
    expect(tables(doc).flat()).toContainEqual(expect.arrayContaining(["学校", "16500人"]));
  });

  it("answers the 建设方案 outline titled with the school's name", async () => {
    const { get } = await setup();
    const response = await get("plan.docx");
    expect(response.statusCode).toBe(200);
    expect(response.headers?.["content-type"]).toBe(DOCX);
    expect(utf8FileName(String(response.headers?.["content-disposition"]))).toBe(
      "河南工业职业技术学院职业教育高水平专业化产教融合实训中心建设方案.docx",
    );
    const doc = await docxPart(Buffer.from(response.body ?? "", "base64"));
    expect(paragraphs(doc)[0]).toBe("河南工业职业技术学院职业教育高水平专业化产教融合实训中心建设方案");
  });

  it("answers 404 with a Chinese message while the school has saved no form", async () => {
    const { get } = await setup({ withForm: false });
    for (const name of ["application.docx", "plan.docx"]) {
      const response = await get(name);
      expect(response.statusCode, name).toBe(404);
      expect(response.headers?.["content-type"]).toMatch(/^application\/json/);
      expect(bodyOf(response)).toEqual({
        error: { code: "FORM_NOT_FOUND", message: DOCUMENTS_MESSAGES.noForm },
      });
    }
  });

  it("answers 404 for any other document name", async () => {
    const { get } = await setup();
    for (const name of ["application.pdf", "application", "summary.xlsx", "..%2Fplan.docx"]) {
      const response = await get(name);
      expect(response.statusCode, name).toBe(404);
      expect(bodyOf(response)).toEqual({
        error: { code: "DOCUMENT_NOT_FOUND", message: DOCUMENTS_MESSAGES.unknownDocument },
      });
    }
  });

  it("serves nothing without the school's token, and only the token's school's form", async () => {
    const { deps, get } = await setup();
    expect((await get("application.docx", null)).statusCode).toBe(401);
    expect((await get("application.docx", "sbt_not-a-token")).statusCode).toBe(401);
    // A second school without a form of its own gets 404, not the first school's document.
    const other = await registeredSchool(deps, 2, "河南第二示例职业学院");
    const response = await createSchoolDocumentsHandler(deps)(
      httpEvent({
        path: "/api/me/documents/application.docx",
        token: other.token,
        pathParameters: { document: "application.docx" },
      }),
      CONTEXT,
    );
    expect(response.statusCode).toBe(404);
  });
});
