/**
 * Reading a school's stored pre-screen: the freshness decision (pure), and readPrescreen over the in-memory stores,
 * counting what it asks of them: one read while the stored pre-screen judges the current evidence, a recomputation
 * (recorded) when it does not.
 */

import { describe, expect, it } from "vitest";
import type { PrescreenBasis, StoredForm } from "../../../shared/application/form-store.ts";
import { prescreenFreshness, readPrescreen } from "../../../shared/application/prescreen-read.ts";
import { saveApplicationForm } from "../../../shared/application/save-form.ts";
import { MemoryEvidenceText } from "../../fakes/memory-evidence-text.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { henanContext } from "../../helpers/call.ts";
import { callRecorder } from "../../helpers/counting-port.ts";
import { registeredSchool } from "../../helpers/school-record.ts";
import { parse, passingInput } from "../prescreen/fixtures.ts";
import { acceptEvidence } from "./evidence-fixture.ts";

const SCHOOL = "12410000MB0000001X";
const SAVED = "2024-11-10T02:00:00.000Z";
const CALL = henanContext().call.id;

describe("prescreenFreshness", () => {
  const basis = (overrides: Partial<PrescreenBasis> = {}): PrescreenBasis => ({
    formUpdatedAt: SAVED,
    evidenceSubmissionId: "E1",
    evidencePageCount: 20,
    evidenceText: true,
    ...overrides,
  });
  const stored = (prescreenBasis: PrescreenBasis | undefined, callId = CALL): StoredForm => ({
    schoolId: SCHOOL,
    form: parse(passingInput()),
    updatedAt: SAVED,
    updatedBy: "school",
    prescreen: { callId, conditions: [], evidence: [], overall: {} } as unknown as StoredForm["prescreen"],
    ...(prescreenBasis ? { prescreenBasis } : {}),
  });
  const pointer = (currentSubmissionId: string) => ({ currentSubmissionId });

  it("is fresh when it judged this form, the current evidence and its text", () => {
    expect(prescreenFreshness(stored(basis()), pointer("E1"), CALL)).toBe("fresh");
  });

  it("is fresh when it judged no evidence and there is none", () => {
    const none = basis({ evidenceSubmissionId: null, evidenceText: false, evidencePageCount: undefined });
    expect(prescreenFreshness(stored(none), undefined, CALL)).toBe("fresh");
  });

  it("leaves it to the text store when it judged the current evidence without its text", () => {
    expect(prescreenFreshness(stored(basis({ evidenceText: false })), pointer("E1"), CALL)).toBe(
      "fresh-unless-text-kept",
    );
  });

  it("is stale when another evidence is current, or one appeared since", () => {
    expect(prescreenFreshness(stored(basis()), pointer("E2"), CALL)).toBe("stale");
    const none = basis({ evidenceSubmissionId: null, evidenceText: false });
    expect(prescreenFreshness(stored(none), pointer("E1"), CALL)).toBe("stale");
  });

  it("is stale when it judged another save of the form, another call, or does not say what it judged", () => {
    expect(
      prescreenFreshness(stored(basis({ formUpdatedAt: "2024-11-09T00:00:00.000Z" })), pointer("E1"), CALL),
    ).toBe("stale");
    expect(prescreenFreshness(stored(basis(), "another-call"), pointer("E1"), CALL)).toBe("stale");
    expect(prescreenFreshness(stored(undefined), pointer("E1"), CALL)).toBe("stale");
    const { prescreen: _, ...withoutPrescreen } = stored(basis());
    expect(prescreenFreshness(withoutPrescreen, pointer("E1"), CALL)).toBe("stale");
  });
});

/** The stores, each call to them recorded as `store.method`. */
function setup() {
  const calls: string[] = [];
  const counting = callRecorder(calls);
  const submissions = new MemorySubmissionRepository();
  const forms = new MemoryApplicationForms(submissions);
  const evidenceText = new MemoryEvidenceText();
  const schools = new MemorySchoolRepository([registeredSchool(SCHOOL)]);
  let now = new Date("2024-11-10T03:00:00.000Z");
  const read = {
    ctx: henanContext(),
    forms: counting(forms, "forms"),
    submissions: counting(submissions, "submissions"),
    evidenceText: counting(evidenceText, "text"),
    now: () => now,
  };
  return {
    calls,
    forms,
    submissions,
    evidenceText,
    schools,
    read,
    later: (at: string) => {
      now = new Date(at);
    },
    save: async () => {
      const saved = await saveApplicationForm(SCHOOL, passingInput(), {
        ...read,
        forms,
        submissions,
        evidenceText,
        schools,
        now: new Date(SAVED),
        by: "school",
      });
      expect(saved.kind).toBe("saved");
      calls.length = 0;
    },
  };
}

const codes = (stored: StoredForm | undefined) => (stored?.prescreen?.evidence ?? []).map((f) => f.code);

describe("saveApplicationForm records what the pre-screen judged and that the school has a form", () => {
  it("stores the basis with the form and marks the school on its first save only", async () => {
    const t = setup();
    await t.save();
    const stored = await t.forms.getForm(SCHOOL);
    expect(stored?.prescreenBasis).toEqual({
      formUpdatedAt: SAVED,
      evidenceSubmissionId: null,
      evidenceText: false,
    });
    expect((await t.schools.getSchool(SCHOOL))?.formSavedAt).toBe(SAVED);

    const marks: string[] = [];
    const again = await saveApplicationForm(SCHOOL, passingInput(), {
      ...t.read,
      forms: t.forms,
      schools: { markFormSaved: async (id) => void marks.push(id) },
      formSaved: true,
      now: new Date("2024-11-11T00:00:00.000Z"),
      by: "school",
    });
    expect(again.kind).toBe("saved");
    expect(marks).toEqual([]);
    expect((await t.schools.getSchool(SCHOOL))?.formSavedAt).toBe(SAVED);
  });
});

describe("readPrescreen", () => {
  it("answers a stored pre-screen that judged the current evidence with one read", async () => {
    const t = setup();
    await t.save();

    const { stored, evidence } = await readPrescreen(SCHOOL, t.read);

    expect(t.calls).toEqual(["forms.getFormAndApplication"]);
    expect(stored).toEqual(await t.forms.getForm(SCHOOL));
    expect(evidence).toBeUndefined();
  });

  it("recomputes and records a pre-screen saved before the current evidence was accepted, then reads it in one", async () => {
    const t = setup();
    await t.save();
    const before = await t.forms.getForm(SCHOOL);
    const submissionId = await acceptEvidence(t.submissions, SCHOOL, 3);
    await t.evidenceText.writeEvidenceText(SCHOOL, submissionId, {
      pageCount: 3,
      pages: [{ kind: "scanned" }, { kind: "text", text: "无关内容" }, { kind: "text", text: "无关内容" }],
    });
    t.later("2024-11-12T00:00:00.000Z");

    const { stored, evidence } = await readPrescreen(SCHOOL, t.read);

    expect(codes(before)).not.toContain("EVIDENCE_PAGE_OUT_OF_RANGE");
    expect(codes(stored)).toContain("EVIDENCE_PAGE_OUT_OF_RANGE");
    expect(codes(stored)).toContain("EVIDENCE_PAGE_SCANNED");
    expect(evidence).toEqual({ submissionId, pageCount: 3 });
    expect(await t.forms.getForm(SCHOOL)).toEqual(stored);
    expect(stored?.prescreenAt).toBe("2024-11-12T00:00:00.000Z");
    expect(stored?.prescreenBasis).toEqual({
      formUpdatedAt: SAVED,
      evidenceSubmissionId: submissionId,
      evidencePageCount: 3,
      evidenceText: true,
    });
    expect(t.calls).toEqual([
      "forms.getFormAndApplication",
      "submissions.getSubmission",
      "text.readEvidenceText",
      "forms.savePrescreen",
    ]);

    t.calls.length = 0;
    expect(await readPrescreen(SCHOOL, t.read)).toEqual({ stored, evidence });
    expect(t.calls).toEqual(["forms.getFormAndApplication"]);
  });

  it("asks the text store when the text was missing: the same answer while it is, recomputed once it is kept", async () => {
    const t = setup();
    const submissionId = await acceptEvidence(t.submissions, SCHOOL, 3);
    await t.save();
    const withoutText = await t.forms.getForm(SCHOOL);
    expect(withoutText?.prescreenBasis).toMatchObject({
      evidenceSubmissionId: submissionId,
      evidenceText: false,
    });

    expect((await readPrescreen(SCHOOL, t.read)).stored).toEqual(withoutText);
    expect(t.calls).toEqual(["forms.getFormAndApplication", "text.readEvidenceText"]);

    t.calls.length = 0;
    await t.evidenceText.writeEvidenceText(SCHOOL, submissionId, {
      pageCount: 3,
      pages: [{ kind: "scanned" }, { kind: "text", text: "无关内容" }, { kind: "text", text: "无关内容" }],
    });
    const { stored } = await readPrescreen(SCHOOL, t.read);
    expect(codes(withoutText)).not.toContain("EVIDENCE_PAGE_SCANNED");
    expect(codes(stored)).toContain("EVIDENCE_PAGE_SCANNED");
    expect(stored?.prescreenBasis?.evidenceText).toBe(true);
    // The text read for the decision is the one judged: not read twice.
    expect(t.calls).toEqual([
      "forms.getFormAndApplication",
      "text.readEvidenceText",
      "submissions.getSubmission",
      "forms.savePrescreen",
    ]);
  });

  it("recomputes a pre-screen stored before it said what it judged", async () => {
    const t = setup();
    await t.save();
    const { prescreenBasis: _, ...legacy } = (await t.forms.getForm(SCHOOL)) as StoredForm;
    await t.forms.saveForm(legacy);

    const { stored } = await readPrescreen(SCHOOL, t.read);

    expect(stored?.prescreenBasis).toEqual({
      formUpdatedAt: SAVED,
      evidenceSubmissionId: null,
      evidenceText: false,
    });
    expect((await t.forms.getForm(SCHOOL))?.prescreenBasis).toEqual(stored?.prescreenBasis);
    expect(t.calls).toEqual(["forms.getFormAndApplication", "forms.savePrescreen"]);
  });

  it("answers a school without a form with its evidence's page count, writing nothing", async () => {
    const t = setup();
    const submissionId = await acceptEvidence(t.submissions, SCHOOL, 7);

    expect(await readPrescreen(SCHOOL, t.read)).toEqual({
      stored: undefined,
      evidence: { submissionId, pageCount: 7 },
    });
    expect(t.calls).toEqual(["forms.getFormAndApplication", "submissions.getSubmission"]);
    expect(await t.forms.getForm(SCHOOL)).toBeUndefined();
  });
});
