import { describe, expect, it } from "vitest";
import { createApplicationFormHandler } from "../../../functions/application-form/create-handler.ts";
import { acceptEvidence } from "../application/evidence-fixture.ts";
import { passingInput } from "../prescreen/fixtures.ts";
import {
  AFTER_DEADLINE,
  bodyOf,
  CONTEXT,
  fakeDependencies,
  httpEvent,
  registeredSchool,
} from "./fake-dependencies.ts";

const PATH = "/api/me/application-form";

async function setup() {
  const deps = fakeDependencies();
  const { school, token } = await registeredSchool(deps);
  return { deps, school, token, handler: createApplicationFormHandler(deps) };
}

describe("GET and PUT /api/me/application-form (createApplicationFormHandler with fakes)", () => {
  it("answers an empty form before the first save, then the saved draft with its pre-screen and what it lacks", async () => {
    const { deps, school, token, handler } = await setup();
    const empty = bodyOf(await handler(httpEvent({ path: PATH, token }), CONTEXT));
    expect(empty).toEqual({
      form: null,
      prescreen: null,
      missing: [],
      editableUntil: new Date(deps.ctx.call.deadline).toISOString(),
      evidence: null,
      defaults: { contactPhone: school.phone },
    });

    const put = await handler(
      httpEvent({
        method: "PUT",
        path: PATH,
        token,
        body: { form: { basic: { major: "会计信息管理", school: { pages: "第12-14页" } } } },
      }),
      CONTEXT,
    );
    expect(put.statusCode).toBe(200);
    const saved = bodyOf(put);
    expect(saved.findings).toEqual([]);
    expect((saved.form as { basic: { school: { pages: number[] } } }).basic.school.pages).toEqual([
      12, 13, 14,
    ]);
    expect(saved.missing).toContain("basic.level");
    expect(saved.missing).not.toContain("basic.major");
    expect((saved.prescreen as { overall: { ruleSatisfied: string } }).overall.ruleSatisfied).not.toBe("yes");

    const got = bodyOf(await handler(httpEvent({ path: PATH, token }), CONTEXT));
    expect(got.form).toEqual(saved.form);
    expect(got.prescreen).toEqual(saved.prescreen);
    expect(got.missing).toEqual(saved.missing);
  });

  it("names the accepted evidence and its page count", async () => {
    const { deps, school, token, handler } = await setup();
    const submissionId = await acceptEvidence(deps.submissions, school.schoolId, 30);
    const got = bodyOf(await handler(httpEvent({ path: PATH, token }), CONTEXT));
    expect(got.evidence).toEqual({ submissionId, pageCount: 30 });
  });

  it("refuses a malformed field with 422 and field-level Chinese findings, and keeps the stored form", async () => {
    const { deps, school, token, handler } = await setup();
    await handler(httpEvent({ method: "PUT", path: PATH, token, body: { form: passingInput() } }), CONTEXT);
    const before = await deps.forms.getForm(school.schoolId);
    const bad = passingInput();
    const response = await handler(
      httpEvent({
        method: "PUT",
        path: PATH,
        token,
        body: {
          form: {
            ...bad,
            conditions: { ...bad.conditions, schoolFullTimeStudents: "很多" },
          },
        },
      }),
      CONTEXT,
    );
    expect(response.statusCode).toBe(422);
    const error = bodyOf(response).error as { code: string; findings: { path: string; message: string }[] };
    expect(error.code).toBe("CHECKS_FAILED");
    expect(error.findings.map((f) => f.path)).toEqual(["conditions.schoolFullTimeStudents"]);
    expect(error.findings[0]?.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(await deps.forms.getForm(school.schoolId)).toEqual(before);
  });

  it("refuses a save after the deadline with 403 and leaves the stored form untouched", async () => {
    const { deps, school, token, handler } = await setup();
    await handler(httpEvent({ method: "PUT", path: PATH, token, body: { form: passingInput() } }), CONTEXT);
    const before = await deps.forms.getForm(school.schoolId);
    deps.setNow(AFTER_DEADLINE);
    const response = await handler(
      httpEvent({ method: "PUT", path: PATH, token, body: { form: {} } }),
      CONTEXT,
    );
    expect(response.statusCode).toBe(403);
    expect((bodyOf(response).error as { code: string }).code).toBe("DEADLINE_PASSED");
    expect(await deps.forms.getForm(school.schoolId)).toEqual(before);
  });

  it("answers 400 for a body that is not JSON, 401 without a token and 413 for an oversized body", async () => {
    const { token, handler } = await setup();
    const notJson = httpEvent({ method: "PUT", path: PATH, token });
    notJson.body = "{form:";
    expect((await handler(notJson, CONTEXT)).statusCode).toBe(400);
    expect((await handler(httpEvent({ path: PATH }), CONTEXT)).statusCode).toBe(401);
    const huge = { form: { plan: { expectedResults: "很".repeat(30_000) } } };
    expect(
      (await handler(httpEvent({ method: "PUT", path: PATH, token, body: huge }), CONTEXT)).statusCode,
    ).toBe(413);
  });
});
