import { describe, expect, it } from "vitest";
import { parseApplicationForm } from "../../../shared/application/form-parse.ts";
import { FORM_MESSAGES as M } from "../../../shared/messages/form.ts";
import { type FieldSpec, FORM_SECTIONS, type Item } from "../../../web/src/form-spec.ts";
import {
  type FieldValue,
  type FormEvent,
  type FormState,
  fieldsOf,
  formInput,
  formReducer,
  initialFormState,
  isSaving,
  validate,
} from "../../../web/src/form-state.ts";
import { labelOfPath } from "../../../web/src/view/prescreen.ts";

const GOOD_CODE = "91350100M000100Y43";
/** The same code with its check character changed: GB 32100 says the last one should be "3". */
const BAD_CODE = "91350100M000100Y44";

function run(...events: FormEvent[]): FormState {
  return events.reduce(formReducer, initialFormState());
}
const loadedEmpty: FormEvent = { type: "loaded", form: null, defaults: {}, closed: false };
const change = (path: string, value: FieldValue): FormEvent => ({ type: "changed", path, value });

/** Every control the page draws, with its path (rows at index 0, one row each). */
function controls(
  items: readonly Item[] = FORM_SECTIONS.flatMap((s) => s.items),
): { path: string; spec: FieldSpec }[] {
  return items.flatMap((item) => {
    if ("group" in item) return controls(item.items);
    if ("rows" in item) return item.fields.map((spec) => ({ path: `${item.rows}.0.${spec.path}`, spec }));
    if ("titles" in item) return [{ path: item.titles, spec: { path: item.titles, kind: "text" as const } }];
    if ("table" in item) {
      return item.years.flatMap((y) =>
        item.routes
          ? Object.keys(item.routes).map((r) => ({
              path: `${item.table}.${y}.${r}`,
              spec: { path: "", kind: item.kind },
            }))
          : [{ path: `${item.table}.${y}`, spec: { path: "", kind: item.kind } }],
      );
    }
    return [{ path: item.path, spec: item }];
  });
}

function sample(path: string, spec: FieldSpec): FieldValue {
  if (path.endsWith(".titles")) return ["世界500强企业"];
  if (path.endsWith("creditCode")) return GOOD_CODE;
  if (/Phone$|\.fax$|\.mobile$/.test(path)) return "0371-12345678";
  if (path.endsWith(".email")) return "a@example.edu.cn";
  if (spec.choices) return spec.choices[0] as string;
  const byKind: Record<FieldSpec["kind"], string> = {
    text: "示例",
    textarea: "示例内容",
    figure: "1,200",
    percent: "85.5",
    money: "1.5万",
    pages: "第12-14、20页",
    yesno: "是",
    date: "2010年9月",
    year: "2023年",
  };
  return byKind[spec.kind];
}

describe("the form as the page lays it out", () => {
  it("has a control for fields of the schema only, each with its Chinese label, and a filled form parses", () => {
    const all = controls();
    const values = Object.fromEntries(all.map(({ path, spec }) => [path, sample(path, spec)]));

    const parsed = parseApplicationForm(formInput(values));

    expect(parsed.ok ? [] : parsed.findings).toEqual([]);
    for (const { path } of all) expect(labelOfPath(path), path).not.toBe(path);
    expect(all.length).toBeGreaterThan(100);
  });

  it("builds the schema's shape: lists by index, year tables by year, empty fields left out, partner slots kept", () => {
    const input = formInput({
      "basic.partners.1.name": "郑州宇通客车股份有限公司",
      "basic.partners.0.name": "",
      "socialTraining.perYear.2021": "1.2万",
      "funding.years.2022.fiscal": "30",
      "competitions.awards.0.year": "2023",
      "basic.school.name": "  河南工业职业技术学院 ",
    });

    expect(input).toEqual({
      basic: {
        partners: [{}, { name: "郑州宇通客车股份有限公司" }],
        school: { name: "河南工业职业技术学院" },
      },
      socialTraining: { perYear: { "2021": "1.2万" } },
      funding: { years: { "2022": { fiscal: "30" } } },
      competitions: { awards: [{ year: "2023" }] },
    });
    const parsed = parseApplicationForm(input);
    expect(parsed.ok && parsed.form.socialTraining?.perYear?.["2021"]).toBe(12000);
  });

  it("shows a stored form as typed text that parses back to the same form", () => {
    const parsed = parseApplicationForm({
      basic: {
        partners: [{ name: "甲公司", titles: ["世界500强企业"], creditCode: GOOD_CODE, pages: "第3-5页" }],
      },
      conditions: { initialEmploymentRate: "92.5%", partners: [{ industryLeader: "否" }] },
      competitions: { awards: [{ year: 2023, level: "省级一等奖" }, { year: 2022 }] },
    });
    if (!parsed.ok) throw new Error("fixture must parse");

    const { values, rows } = fieldsOf(parsed.form);

    expect(values["basic.partners.0.pages"]).toBe("3-5");
    expect(values["basic.partners.0.titles"]).toEqual(["世界500强企业"]);
    expect(values["conditions.partners.0.industryLeader"]).toBe("否");
    expect(values["conditions.initialEmploymentRate"]).toBe("92.5");
    expect(rows["competitions.awards"]).toBe(2);
    expect(parseApplicationForm(formInput(values))).toEqual(parsed);
  });
});

describe("the form's state", () => {
  it("starts a first visit from the registered school and a returning one from what it saved", () => {
    const fresh = run({
      type: "loaded",
      form: null,
      defaults: { "basic.school.contact.name": "张老师" },
      closed: false,
    });
    expect(fresh.values["basic.school.contact.name"]).toBe("张老师");
    expect(fresh.status).toBe("idle");

    const back = run({
      type: "loaded",
      form: { basic: { school: { contact: { name: "李老师" } } } },
      defaults: { "basic.school.contact.name": "张老师" },
      closed: false,
    });
    expect(back.values["basic.school.contact.name"]).toBe("李老师");
  });

  it("checks field by field: a field's message shows once the school leaves it, in the schema's words", () => {
    const typed = run(
      loadedEmpty,
      change("basic.partners.0.creditCode", BAD_CODE),
      change("conditions.schoolFullTimeStudents", "很多"),
    );
    expect(typed.findings).toEqual({});
    expect(typed.dirty).toBe(true);

    const left = formReducer(typed, { type: "left", path: "basic.partners.0.creditCode" });

    expect(left.findings).toEqual({ "basic.partners.0.creditCode": [M.creditCodeCheck(BAD_CODE, "3")] });
    const both = formReducer(left, { type: "left", path: "conditions.schoolFullTimeStudents" });
    expect(both.findings["conditions.schoolFullTimeStudents"]).toEqual([M.notANumber]);
    // Put right, the message goes when the field is left again.
    const fixed = formReducer(formReducer(both, change("basic.partners.0.creditCode", GOOD_CODE)), {
      type: "left",
      path: "basic.partners.0.creditCode",
    });
    expect(Object.keys(fixed.findings)).toEqual(["conditions.schoolFullTimeStudents"]);
  });

  it("does not send a form with a malformed field: every problem is shown, nothing saved", () => {
    const state = run(loadedEmpty, change("centre.openingRate", "120"), change("centre.pages", "十二"), {
      type: "saveStarted",
    });

    expect(isSaving(state)).toBe(false);
    expect(state.status).toBe("invalid");
    expect(state.findings["centre.openingRate"]).toEqual([M.percentOutOfRange]);
    expect(state.findings["centre.pages"]).toEqual([M.pageRef({ kind: "unreadable", part: "十二" })]);
    expect(validate(state.values)).toHaveLength(2);
  });

  it("sends a valid draft without its empty rows, and shows the stored form after the save", () => {
    const state = run(
      loadedEmpty,
      { type: "rowAdded", rows: "competitions.awards" },
      { type: "rowAdded", rows: "competitions.awards" },
      change("competitions.awards.1.year", "2023"),
      { type: "saveStarted" },
    );

    expect(isSaving(state)).toBe(true);
    expect(state.rows["competitions.awards"]).toBe(1);
    expect(formInput(state.values)).toEqual({ competitions: { awards: [{ year: "2023" }] } });

    const saved = formReducer(state, { type: "saved", form: { competitions: { awards: [{ year: 2023 }] } } });
    expect(saved.status).toBe("saved");
    expect(saved.dirty).toBe(false);
    expect(saved.values["competitions.awards.0.year"]).toBe("2023");
  });

  it("removes a row and moves the later ones up", () => {
    const state = run(
      loadedEmpty,
      { type: "rowAdded", rows: "supplement.leaders" },
      { type: "rowAdded", rows: "supplement.leaders" },
      { type: "rowAdded", rows: "supplement.leaders" },
      change("supplement.leaders.0.name", "甲"),
      change("supplement.leaders.1.name", "乙"),
      change("supplement.leaders.2.name", "丙"),
      { type: "rowRemoved", rows: "supplement.leaders", index: 1 },
    );

    expect(state.rows["supplement.leaders"]).toBe(2);
    expect(formInput(state.values)).toEqual({ supplement: { leaders: [{ name: "甲" }, { name: "丙" }] } });
  });

  it("shows the server's refusal on the fields it names", () => {
    const state = run(
      loadedEmpty,
      change("basic.school.name", "x"),
      { type: "saveStarted" },
      {
        type: "refused",
        problems: [{ path: "basic.school.name", message: "服务器的话" }],
      },
    );

    expect(state.status).toBe("refused");
    expect(state.findings).toEqual({ "basic.school.name": ["服务器的话"] });
  });

  it("is read-only once closed: by the clock at load, or when the server refuses a save after the deadline", () => {
    const closed = run({ ...loadedEmpty, closed: true } as FormEvent, change("basic.major", "数控技术"), {
      type: "saveStarted",
    });
    expect(closed.values).toEqual({});
    expect(isSaving(closed)).toBe(false);

    const refused = run(
      loadedEmpty,
      change("basic.major", "数控技术"),
      { type: "saveStarted" },
      {
        type: "failed",
        deadlinePassed: true,
      },
    );
    expect(refused.closed).toBe(true);
    expect(formReducer(refused, { type: "rowAdded", rows: "competitions.awards" })).toBe(refused);
  });
});
