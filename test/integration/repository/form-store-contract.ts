/**
 * The behaviour every ApplicationFormStore must have, run against the DynamoDB adapter on dynalite (forms.test.ts)
 * and the in-memory store of the unit tests (test/unit/fakes/memory-forms.test.ts).
 */
import { beforeEach, expect, it } from "vitest";
import type { ApplicationFormStore, StoredForm } from "../../../shared/application/form-store.ts";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { prescreen } from "../../../shared/prescreen/prescreen.ts";
import { parse, passingInput } from "../../unit/prescreen/fixtures.ts";
import { SCHOOL_ID } from "./records.ts";

const { call, catalog } = resolveCall(HENAN_2024);

export function describeFormStoreContract(make: () => Promise<ApplicationFormStore>): void {
  let forms: ApplicationFormStore;
  beforeEach(async () => {
    forms = await make();
  });

  const aForm = (overrides: Partial<StoredForm> = {}): StoredForm => ({
    schoolId: SCHOOL_ID,
    form: parse(passingInput()),
    updatedAt: "2024-11-10T02:00:00.000Z",
    updatedBy: "school",
    ...overrides,
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
}
