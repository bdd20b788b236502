import { describe, expect, it } from "vitest";
import { prescreenSchool } from "../../../shared/application/prescreen-school.ts";
import { saveApplicationForm } from "../../../shared/application/save-form.ts";
import { MemoryEvidenceText } from "../../fakes/memory-evidence-text.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { henanContext } from "../../helpers/call.ts";
import { registeredSchool } from "../../helpers/school-record.ts";
import { passingInput } from "../prescreen/fixtures.ts";
import { acceptEvidence } from "./evidence-fixture.ts";

const SCHOOL = "12410000MB0000001X";
const NOW = new Date("2024-11-10T02:00:00.000Z");
const AFTER = new Date("2024-11-16T02:00:00.000Z");

function setup() {
  return {
    ctx: henanContext(),
    forms: new MemoryApplicationForms(),
    schools: new MemorySchoolRepository([registeredSchool(SCHOOL)]),
    submissions: new MemorySubmissionRepository(),
    evidenceText: new MemoryEvidenceText(),
    now: NOW,
  };
}
const pageFindings = (codes: { code: string }[]) => codes.map((f) => f.code);

describe("prescreenSchool", () => {
  it("does nothing for a school without a form", async () => {
    const deps = setup();
    expect(await prescreenSchool(SCHOOL, deps)).toEqual({ stored: undefined, prescreen: undefined });
    expect(deps.forms.forms.size).toBe(0);
  });

  it("computes and records the pre-screen from the stored form and the accepted evidence's page count and text", async () => {
    const deps = setup();
    const saved = await saveApplicationForm(SCHOOL, passingInput(), { ...deps, by: "school" });
    expect(saved.kind).toBe("saved");
    const before = (await deps.forms.getForm(SCHOOL))?.prescreen;
    expect(before?.callId).toBe(deps.ctx.call.id);
    expect(pageFindings(before?.evidence ?? [])).not.toContain("EVIDENCE_PAGE_OUT_OF_RANGE");

    // Evidence with only 3 pages: every reference past page 3 is a finding; page 1 is scanned.
    const submissionId = await acceptEvidence(deps.submissions, SCHOOL, 3);
    await deps.evidenceText.writeEvidenceText(SCHOOL, submissionId, {
      pageCount: 3,
      pages: [{ kind: "scanned" }, { kind: "text", text: "无关内容" }, { kind: "text", text: "无关内容" }],
    });
    const later = new Date("2024-11-11T00:00:00.000Z");
    const { prescreen } = await prescreenSchool(SCHOOL, { ...deps, now: later });
    const codes = pageFindings(prescreen?.evidence ?? []);
    expect(codes).toContain("EVIDENCE_PAGE_OUT_OF_RANGE");
    expect(codes).toContain("EVIDENCE_PAGE_SCANNED");
    const stored = await deps.forms.getForm(SCHOOL);
    expect(stored?.prescreen).toEqual(prescreen);
    expect(stored?.prescreenAt).toBe(later.toISOString());
  });
});

describe("saveApplicationForm", () => {
  it("saves nothing when any field is malformed, and names each field in Chinese", async () => {
    const deps = setup();
    const input = passingInput();
    const outcome = await saveApplicationForm(
      SCHOOL,
      { ...input, basic: { ...input.basic, school: { ...input.basic?.school, pages: "第十二页" } } },
      { ...deps, by: "school" },
    );
    expect(outcome.kind).toBe("invalid");
    if (outcome.kind !== "invalid") return;
    expect(outcome.findings.map((f) => f.path)).toEqual(["basic.school.pages"]);
    expect(outcome.findings[0]?.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(deps.forms.forms.size).toBe(0);
  });

  it("refuses a school after the deadline and an operator unless told it is after the deadline", async () => {
    const deps = setup();
    expect((await saveApplicationForm(SCHOOL, {}, { ...deps, now: AFTER, by: "school" })).kind).toBe(
      "deadline-passed",
    );
    expect((await saveApplicationForm(SCHOOL, {}, { ...deps, now: AFTER, by: "operator" })).kind).toBe(
      "deadline-passed",
    );
    expect(deps.forms.forms.size).toBe(0);
    const entered = await saveApplicationForm(SCHOOL, passingInput(), {
      ...deps,
      now: AFTER,
      by: "operator",
      afterDeadline: true,
    });
    expect(entered.kind).toBe("saved");
    expect((await deps.forms.getForm(SCHOOL))?.updatedBy).toBe("operator");
  });
});
