/**
 * The behaviour every ApplicationFormStore must have, run against the DynamoDB adapter on dynalite (forms.test.ts)
 * and the in-memory store of the unit tests (test/unit/fakes/memory-forms.test.ts).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { ApplicationFormStore, StoredForm } from "../../../shared/application/form-store.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { prescreen } from "../../../shared/prescreen/prescreen.ts";
import type { SubmissionRepository } from "../../../shared/submissions/repository.ts";
import { parse, passingInput } from "../../unit/prescreen/fixtures.ts";
import { SCHOOL_ID } from "./records.ts";

const { call, catalog } = resolveCall(HENAN_2024);

const aForm = (overrides: Partial<StoredForm> = {}): StoredForm => ({
  schoolId: SCHOOL_ID,
  form: parse(passingInput()),
  updatedAt: "2024-11-10T02:00:00.000Z",
  updatedBy: "school",
  ...overrides,
});

/**
 * Each test gets a fresh, empty form store from `make`, with the submission repository over the same storage (the
 * application pointers `getFormAndApplication` reads are the submissions').
 */
export function describeFormStoreContract(
  make: () => Promise<{ forms: ApplicationFormStore; submissions: SubmissionRepository }>,
): void {
  let forms: ApplicationFormStore;
  let submissions: SubmissionRepository;
  beforeEach(async () => {
    ({ forms, submissions } = await make());
  });

  it("answers undefined for a school with no form", async () => {
    expect(await forms.getForm(SCHOOL_ID)).toBeUndefined();
    expect(await forms.listForms()).toEqual([]);
  });

  it("gives back the parsed form exactly as saved", async () => {
    const stored = aForm();
    await forms.saveForm(stored);
    expect(await forms.getForm(SCHOOL_ID)).toEqual(stored);
  });

  it("replaces the form as a whole on the next save", async () => {
    await forms.saveForm(aForm());
    const draft = aForm({ form: parse({ basic: { major: "会计信息管理" } }), updatedBy: "operator" });
    await forms.saveForm(draft);
    expect(await forms.getForm(SCHOOL_ID)).toEqual(draft);
  });

  it("records a pre-screen on a stored form and keeps it with the form", async () => {
    const stored = aForm();
    await forms.saveForm(stored);
    const result = prescreen(call, stored.form, catalog, { pageCount: 40 });
    await forms.savePrescreen(SCHOOL_ID, result, "2024-11-10T03:00:00.000Z");
    expect(await forms.getForm(SCHOOL_ID)).toEqual({
      ...stored,
      prescreen: result,
      prescreenAt: "2024-11-10T03:00:00.000Z",
    });
  });

  it("records a pre-screen's basis with it, only onto the form it judged", async () => {
    const stored = aForm();
    await forms.saveForm(stored);
    const result = prescreen(call, stored.form, catalog, { pageCount: 40 });
    const basis = {
      formUpdatedAt: stored.updatedAt,
      evidenceSubmissionId: "01JCQ0000000000000000000A1",
      evidencePageCount: 40,
      evidenceText: false,
    };
    await forms.savePrescreen(SCHOOL_ID, result, "2024-11-10T03:00:00.000Z", basis);
    const recorded = {
      ...stored,
      prescreen: result,
      prescreenAt: "2024-11-10T03:00:00.000Z",
      prescreenBasis: basis,
    };
    expect(await forms.getForm(SCHOOL_ID)).toStrictEqual(recorded);

    // Judged the form as it was: a save since keeps its own pre-screen.
    const none = { ...basis, evidenceSubmissionId: null, evidenceText: false };
    const { evidencePageCount: _, ...noEvidence } = none;
    await forms.savePrescreen(SCHOOL_ID, result, "2024-11-10T04:00:00.000Z", noEvidence);
    expect((await forms.getForm(SCHOOL_ID))?.prescreenBasis).toStrictEqual(noEvidence);
    const resaved = aForm({ updatedAt: "2024-11-10T05:00:00.000Z" });
    await forms.saveForm(resaved);
    await forms.savePrescreen(SCHOOL_ID, result, "2024-11-10T06:00:00.000Z", basis);
    expect(await forms.getForm(SCHOOL_ID)).toStrictEqual(resaved);
    expect(await forms.getFormAndApplication(SCHOOL_ID, "evidence")).toStrictEqual({ stored: resaved });
  });

  it("never creates a form by recording a pre-screen", async () => {
    const result = prescreen(call, parse(passingInput()), catalog, undefined);
    await forms.savePrescreen(SCHOOL_ID, result, "2024-11-10T03:00:00.000Z");
    expect(await forms.getForm(SCHOOL_ID)).toBeUndefined();
  });

  it("lists every school's form, ordered by school id", async () => {
    await forms.saveForm(aForm({ schoolId: "B2" }));
    await forms.saveForm(aForm({ schoolId: "A1" }));
    expect((await forms.listForms()).map((f) => f.schoolId)).toEqual(["A1", "B2"]);
  });

  describe("getFormAndApplication: the form and one application pointer in one read", () => {
    const place = (currentSubmissionId: string, currentUploadedAt: string, documentType = "evidence") =>
      submissions.placeApplication({
        schoolId: SCHOOL_ID,
        documentType,
        currentSubmissionId,
        currentUploadedAt,
        updatedAt: currentUploadedAt,
      });

    it("answers neither for a school with no form and no accepted upload", async () => {
      expect(await forms.getFormAndApplication(SCHOOL_ID, "evidence")).toStrictEqual({});
    });

    it("answers each alone when only one is stored", async () => {
      const stored = aForm();
      await forms.saveForm(stored);
      expect(await forms.getFormAndApplication(SCHOOL_ID, "evidence")).toStrictEqual({ stored });

      const other = "12410000MB0000000Y";
      const { pointer } = await place("01JCQ0000000000000000000A1", "2024-11-15T01:04:59.000Z");
      await submissions.placeApplication({ ...pointer, schoolId: other });
      expect(await forms.getFormAndApplication(other, "evidence")).toStrictEqual({
        application: { ...pointer, schoolId: other },
      });
    });

    it("answers both as getForm and getApplication do, the pointer of the document type asked for only", async () => {
      const stored = aForm();
      await forms.saveForm(stored);
      await place("01JCQ0000000000000000000P1", "2024-11-15T01:00:00.000Z", "plan");
      const { pointer } = await place("01JCQ0000000000000000000A1", "2024-11-15T01:04:59.000Z");

      const read = await forms.getFormAndApplication(SCHOOL_ID, "evidence");

      expect(read).toStrictEqual({ stored, application: pointer });
      expect(read.stored).toStrictEqual(await forms.getForm(SCHOOL_ID));
      expect(read.application).toStrictEqual(await submissions.getApplication(SCHOOL_ID, "evidence"));
    });

    it("sees the pointer as moved by the write just before it (a strongly consistent read)", async () => {
      await forms.saveForm(aForm());
      await place("01JCQ0000000000000000000A1", "2024-11-15T01:04:59.000Z");
      const { pointer } = await place("01JCQ0000000000000000000A2", "2024-11-15T02:00:00.000Z");

      const read = await forms.getFormAndApplication(SCHOOL_ID, "evidence");

      expect(read.application).toStrictEqual(pointer);
      expect(read.application?.currentSubmissionId).toBe("01JCQ0000000000000000000A2");
    });
  });
}
