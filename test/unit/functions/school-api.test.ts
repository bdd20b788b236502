import { describe, expect, it } from "vitest";
import { createSchoolApplicationHandler } from "../../../functions/school-application/create-handler.ts";
import { createSchoolProfileHandler } from "../../../functions/school-profile/create-handler.ts";
import { createSubmissionStatusHandler } from "../../../functions/submission-status/create-handler.ts";
import { currentDetails } from "../../../shared/application/save-details.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import type { SubmissionRecord } from "../../../shared/submissions/records.ts";
import {
  AFTER_DEADLINE,
  bodyOf,
  CONTEXT,
  type FakeDependencies,
  fakeDependencies,
  httpEvent,
  registeredSchool,
} from "./fake-dependencies.ts";

function pendingSubmission(deps: FakeDependencies, schoolId: string, submissionId: string): SubmissionRecord {
  return {
    submissionId,
    schoolId,
    callId: deps.ctx.call.id,
    documentType: deps.ctx.call.defaultDocumentType,
    fileName: "申报材料.pdf",
    objectKey: `uploads/${schoolId}/${submissionId}/申报材料.pdf`,
    declaredSize: 1000,
    state: "PENDING",
    createdAt: deps.clock().toISOString(),
    linkExpiresAt: new Date(deps.clock().getTime() + 900_000).toISOString(),
  };
}

// Ids sort by time: B is the newer.
const SUBMISSION_A = newSubmissionId(new Date("2024-11-10T01:00:00Z"));
const SUBMISSION_B = newSubmissionId(new Date("2024-11-10T02:00:00Z"));

describe("GET /api/submissions/{id} (createSubmissionStatusHandler with fakes)", () => {
  it("shows a school its own submission and answers 404 for another school's, as for a missing one", async () => {
    const deps = fakeDependencies();
    const handler = createSubmissionStatusHandler(deps);
    const a = await registeredSchool(deps, 1, "河南工业职业技术学院");
    const b = await registeredSchool(deps, 2, "河南职业技术学院");
    await deps.submissions.createPending(pendingSubmission(deps, a.school.schoolId, SUBMISSION_A));
    const get = (token: string, submissionId: string) =>
      handler(
        httpEvent({ path: `/api/submissions/${submissionId}`, token, pathParameters: { submissionId } }),
        CONTEXT,
      );

    const own = await get(a.token, SUBMISSION_A);
    expect(own.statusCode).toBe(200);
    expect(bodyOf(own)).toMatchObject({ submissionId: SUBMISSION_A, state: "PENDING" });

    const foreign = await get(b.token, SUBMISSION_A);
    const missing = await get(a.token, SUBMISSION_B);
    const malformed = await get(a.token, "../etc/passwd");
    for (const response of [foreign, missing, malformed]) {
      expect(response.statusCode).toBe(404);
      expect(bodyOf(response).error).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(foreign.body).toBe(missing.body);
  });

  it("answers 401 to a request without a token", async () => {
    const deps = fakeDependencies();
    const response = await createSubmissionStatusHandler(deps)(
      httpEvent({ path: `/api/submissions/${SUBMISSION_A}`, pathParameters: { submissionId: SUBMISSION_A } }),
      CONTEXT,
    );
    expect(response.statusCode).toBe(401);
  });
});

describe("GET /api/me (createSchoolProfileHandler with fakes)", () => {
  it("answers the school, the call, its submissions newest first and its current application per type", async () => {
    const deps = fakeDependencies();
    const { school, token } = await registeredSchool(deps);
    await deps.submissions.createPending(pendingSubmission(deps, school.schoolId, SUBMISSION_A));
    await deps.submissions.createPending(pendingSubmission(deps, school.schoolId, SUBMISSION_B));
    const response = await createSchoolProfileHandler(deps)(httpEvent({ token }), CONTEXT);
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response) as {
      school: { name: string; email: string };
      call: { definition: { deadline: string }; majors: unknown[] };
      current: Record<string, string | null>;
      submissions: Array<{ submissionId: string }>;
      serverTime: string;
    };
    expect(body.school).toEqual({
      name: school.name,
      level: school.level,
      contactName: school.contactName,
      email: school.email,
    });
    expect(body.call.definition.deadline).toBe(deps.ctx.call.deadline);
    expect(body.call.majors).toHaveLength(deps.ctx.catalog.entries.length);
    expect(body.submissions.map((s) => s.submissionId)).toEqual([SUBMISSION_B, SUBMISSION_A]);
    expect(body.current).toEqual(Object.fromEntries(deps.ctx.call.documentTypes.map((t) => [t.id, null])));
    expect(body.serverTime).toBe(deps.clock().toISOString());
  });
});

describe("GET and PUT /api/me/application (createSchoolApplicationHandler with fakes)", () => {
  const details = {
    servedMajorGroup: "装备制造大类",
    partner1: "郑州宇通客车股份有限公司",
    partner2: "中信重工机械股份有限公司",
  };

  it("starts from null and the registered contact, saves valid details, and refuses changes after the deadline", async () => {
    const deps = fakeDependencies();
    const { school, token } = await registeredSchool(deps);
    const handler = createSchoolApplicationHandler(deps);

    const empty = await handler(httpEvent({ path: "/api/me/application", token }), CONTEXT);
    expect(empty.statusCode).toBe(200);
    expect(bodyOf(empty)).toEqual({
      details: null,
      defaults: { contactName: school.contactName, contactPhone: school.phone },
      editableUntil: new Date(deps.ctx.call.deadline).toISOString(),
    });

    const saved = await handler(
      httpEvent({ method: "PUT", path: "/api/me/application", token, body: details }),
      CONTEXT,
    );
    expect(saved.statusCode).toBe(200);
    expect(bodyOf(saved).details).toMatchObject({
      ...details,
      schoolId: school.schoolId,
      updatedBy: "school",
    });
    expect(await currentDetails(school, deps)).toMatchObject(details);

    deps.setNow(AFTER_DEADLINE);
    const late = await handler(
      httpEvent({
        method: "PUT",
        path: "/api/me/application",
        token,
        body: { ...details, partner2: "另一家" },
      }),
      CONTEXT,
    );
    expect(late.statusCode).toBe(403);
    expect(bodyOf(late).error).toMatchObject({ code: "DEADLINE_PASSED" });
    expect(await currentDetails(school, deps)).toMatchObject(details);
  });

  it("answers 422 with findings for invalid details, 400 for a malformed body and 405 for another method", async () => {
    const deps = fakeDependencies();
    const { school, token } = await registeredSchool(deps);
    const handler = createSchoolApplicationHandler(deps);
    const invalid = await handler(
      httpEvent({ method: "PUT", path: "/api/me/application", token, body: { ...details, partner1: "" } }),
      CONTEXT,
    );
    expect(invalid.statusCode).toBe(422);
    expect((bodyOf(invalid).error as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    const malformed = await handler(
      httpEvent({ method: "PUT", path: "/api/me/application", token, body: { partner1: 7 } }),
      CONTEXT,
    );
    expect(malformed.statusCode).toBe(400);
    const deleted = await handler(
      httpEvent({ method: "DELETE", path: "/api/me/application", token }),
      CONTEXT,
    );
    expect(deleted.statusCode).toBe(405);
    expect(await currentDetails(school, deps)).toBeUndefined();
  });
});
