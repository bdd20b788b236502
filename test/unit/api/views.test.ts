/** The API's response views: what a school sees of its records, and nothing of what it must not. */
import { describe, expect, it } from "vitest";
import { applicationView } from "../../../shared/api/application-view.ts";
import { profileView } from "../../../shared/api/profile-view.ts";
import { errorBody } from "../../../shared/api/responses.ts";
import { uploadLinkView } from "../../../shared/api/upload-link-view.ts";
import type { SchoolRecord, SubmissionRecord } from "../../../shared/submissions/records.ts";
import { henanContext, SCHOOL } from "../../helpers/call.ts";

const ctx = henanContext();
const school: SchoolRecord = {
  schoolId: "s-1",
  name: SCHOOL.name,
  creditCode: "12410000415800461Y",
  level: SCHOOL.level,
  contactName: "王老师",
  email: "wang@example.edu.cn",
  phone: "13800000000",
  tokenHash: "f".repeat(64),
  tokenIssuedAt: "2026-11-01T00:00:00.000Z",
  status: "active",
  createdAt: "2026-11-01T00:00:00.000Z",
};
const submission = (submissionId: string): SubmissionRecord => ({
  submissionId,
  schoolId: school.schoolId,
  callId: ctx.call.id,
  documentType: ctx.call.defaultDocumentType,
  fileName: "a.pdf",
  objectKey: `uploads/s-1/${submissionId}/a.pdf`,
  declaredSize: 1000,
  state: "PENDING",
  createdAt: "2026-11-02T00:00:00.000Z",
  linkExpiresAt: "2026-11-02T00:15:00.000Z",
});

describe("GET /api/me's view", () => {
  const now = new Date("2026-11-03T08:00:00.000Z");
  const view = profileView({
    school,
    call: ctx.call,
    catalog: ctx.catalog,
    current: { [ctx.call.defaultDocumentType]: null },
    submissions: [submission("01A"), submission("01C"), submission("01B")],
    now,
  });

  it("shows the school as registered, without its token hash or credit code", () => {
    expect(view.school).toEqual({
      name: school.name,
      level: school.level,
      contactName: "王老师",
      email: "wang@example.edu.cn",
    });
    expect(JSON.stringify(view)).not.toContain(school.tokenHash);
  });

  it("lists submissions newest first, without storage internals, and the server's time", () => {
    expect(view.submissions.map((s) => s.submissionId)).toEqual(["01C", "01B", "01A"]);
    expect(view.submissions[0]).not.toHaveProperty("objectKey");
    expect(view.serverTime).toBe(now.toISOString());
    expect(view.call.definition).toBe(ctx.call);
  });
});

describe("GET /api/me/application's view", () => {
  it("answers null details before the first save, and the registered contact to start from", () => {
    const deadline = new Date("2027-11-20T09:00:00.000Z");
    expect(applicationView(undefined, school, deadline)).toEqual({
      details: null,
      defaults: { contactName: "王老师", contactPhone: "13800000000" },
      editableUntil: "2027-11-20T09:00:00.000Z",
    });
  });
});

describe("POST /api/upload-links' view", () => {
  it("gives the link and the findings, not the submission record", () => {
    const upload = { url: "https://bucket.example/", fields: { key: "uploads/s-1/01A/a.pdf" } };
    const view = uploadLinkView({
      kind: "issued",
      submission: submission("01A"),
      upload,
      expiresAt: "2026-11-02T00:15:00.000Z",
      findings: [],
    });
    expect(view).toEqual({
      submissionId: "01A",
      upload,
      expiresAt: "2026-11-02T00:15:00.000Z",
      findings: [],
    });
  });
});

describe("the error body", () => {
  it("carries a code, a Chinese message and only the details given", () => {
    expect(errorBody("NOT_FOUND", "未找到")).toEqual({ error: { code: "NOT_FOUND", message: "未找到" } });
    expect(errorBody("CHECKS_FAILED", "未通过", { findings: [] })).toEqual({
      error: { code: "CHECKS_FAILED", message: "未通过", findings: [] },
    });
  });
});
