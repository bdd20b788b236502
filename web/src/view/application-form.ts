import type { CallDefinition } from "../../../shared/call/schema.ts";
import { FORM_SECTION_LABELS } from "../../../shared/messages/form.ts";
import { formatBeijingTime } from "../../../shared/messages/format.ts";
import { WEB_FORM_TEXT } from "../../../shared/messages/web-form.ts";
import { type Api, ApiError } from "../api.ts";
import type { ApplicationFormResponse } from "../api-types.ts";
import type { ServerClock } from "../clock.ts";
import { fill, focusRegion, h } from "../dom.ts";
import {
  type FieldSpec,
  FORM_SECTIONS,
  type Item,
  ROW_LISTS,
  type RowsSpec,
  type TitlesSpec,
  type YearTableSpec,
} from "../form-spec.ts";
import {
  type FieldValue,
  type FormEvent,
  type FormState,
  formInput,
  formReducer,
  initialFormState,
  isSaving,
  ownerPath,
} from "../form-state.ts";
import { labelOfPath, renderPrescreen } from "./prescreen.ts";

const T = WEB_FORM_TEXT;

/** The element id of a field's control: "basic.partners.0.name" → "af-basic-partners-0-name". */
export function controlId(path: string): string {
  return `af-${path.replaceAll(".", "-")}`;
}

/**
 * A field's label as the page shows it: a row's field carries its row ("获奖等级 第 1 项"), so the findings list above
 * the save button and a screen reader name the one control meant.
 */
export function controlLabel(path: string): string {
  const list = ROW_LISTS.find((r) => path.startsWith(`${r.rows}.`));
  const row = list ? Number(path.slice(list.rows.length + 1).split(".")[0]) : Number.NaN;
  return Number.isInteger(row) ? T.row(labelOfPath(path), row + 1) : labelOfPath(path);
}

/**
 * The 申报书 (附件1) on the upload page: one long form in sections, loaded from GET /api/me/application-form (the
 * registered school and contact when nothing is saved yet), checked field by field with the shared schema as the
 * school leaves each field, saved as a draft with PUT at any time before the deadline (read-only after, with the
 * reason), the server's findings shown on the fields; and beside it the school's pre-screen.
 */
export function createApplicationForm(deps: {
  api: Api;
  clock: ServerClock;
  call: CallDefinition;
  school: { name: string; level: string; contactName: string; email: string };
  onUnauthorized: () => void;
}): HTMLElement[] {
  let state: FormState = initialFormState();
  let editableUntil = new Date(deps.call.deadline);
  const partnerTitles = listedTitles(deps.call);

  const body = h("fieldset", { class: "form-body" });
  const status = h("p", { class: "status-line", role: "status", "aria-live": "polite" });
  const closedNote = h("div", { class: "closed-note" });
  const problems = h("div", { class: "form-problems" });
  const missing = h("div", { class: "form-missing" });
  const saveButton = h("button", { type: "submit", class: "button primary" }, T.save);
  const prescreenBody = h("div", { class: "prescreen-body", "aria-live": "polite" });
  const untilNote = h("p", { class: "note" });

  const dispatch = (event: FormEvent): void => {
    const before = state;
    state = formReducer(state, event);
    const redraw =
      ["loaded", "saved", "rowAdded", "rowRemoved"].includes(event.type) ||
      before.rows !== state.rows ||
      before.closed !== state.closed;
    if (redraw && before !== state) renderBody();
    renderFindings();
    renderStatus();
  };

  const renderBody = () => {
    body.disabled = state.closed || state.status === "loading";
    fill(
      body,
      FORM_SECTIONS.map((section) =>
        h(
          "section",
          { class: "form-section", "aria-labelledby": `af-section-${section.id}` },
          h("h3", { id: `af-section-${section.id}` }, FORM_SECTION_LABELS[section.id]),
          h("div", { class: "form-grid" }, section.items.map(renderItem)),
        ),
      ),
    );
  };

  const renderItem = (item: Item): HTMLElement => {
    if ("group" in item) {
      return h(
        "fieldset",
        { class: "form-group" },
        h("legend", {}, groupLegend(item.group)),
        h("div", { class: "form-grid" }, item.items.map(renderItem)),
      );
    }
    if ("rows" in item) return renderRows(item);
    if ("titles" in item) return renderTitles(item);
    if ("table" in item) return renderYearTable(item);
    return renderField(item, item.path, labelOfPath(item.path));
  };

  const renderField = (spec: FieldSpec, path: string, label: string | HTMLElement[]): HTMLElement => {
    const id = controlId(path);
    const hint = hintOf(spec);
    const describedBy = [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" ");
    const value = state.values[path];
    const text = typeof value === "string" ? value : "";
    const common = {
      id,
      name: path,
      "aria-describedby": describedBy,
      oninput: (e: Event) => dispatch({ type: "changed", path, value: (e.target as HTMLInputElement).value }),
      onchange: () => dispatch({ type: "left", path }),
    };
    let control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const choices = spec.kind === "yesno" ? [T.yes, T.no] : spec.choices;
    if (choices) {
      control = h(
        "select",
        common,
        h("option", { value: "" }, T.choose),
        choices.map((c) => h("option", { value: c }, c)),
      );
    } else if (spec.kind === "textarea") {
      control = h("textarea", { ...common, rows: 3 });
    } else {
      control = h("input", {
        ...common,
        type: "text",
        inputmode: ["figure", "percent", "money", "year"].includes(spec.kind) ? "decimal" : undefined,
        autocomplete: "off",
      });
    }
    control.value = text;
    return h(
      "div",
      { class: `field field-${spec.kind}`, "data-path": path },
      h("label", { for: id }, label),
      control,
      hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
      h("p", { class: "field-error", id: `${id}-error` }),
    );
  };

  const renderTitles = (spec: TitlesSpec): HTMLElement => {
    const path = spec.titles;
    const id = controlId(path);
    const ticked = new Set(Array.isArray(state.values[path]) ? (state.values[path] as string[]) : []);
    const all = [...new Set([...partnerTitles, ...ticked])];
    const group = h(
      "fieldset",
      {
        class: "field field-titles",
        id,
        "data-path": path,
        "aria-describedby": `${id}-hint ${id}-error`,
      },
      h("legend", {}, labelOfPath(path)),
      h("p", { class: "hint", id: `${id}-hint` }, T.hints.titles),
      h(
        "div",
        { class: "checks" },
        all.map((title, i) => {
          const box = h("input", {
            type: "checkbox",
            id: `${id}-${i}`,
            value: title,
            onchange: () => {
              const chosen = Array.from(group.querySelectorAll<HTMLInputElement>("input:checked")).map(
                (b) => b.value,
              );
              dispatch({ type: "changed", path, value: chosen });
              dispatch({ type: "left", path });
            },
          });
          box.checked = ticked.has(title);
          return h("label", { class: "check", for: `${id}-${i}` }, box, title);
        }),
      ),
      h("p", { class: "field-error", id: `${id}-error` }),
    );
    return group;
  };

  const renderYearTable = (spec: YearTableSpec): HTMLElement =>
    h(
      "div",
      { class: "year-table" },
      spec.years.map((year) =>
        h(
          "fieldset",
          { class: "form-group" },
          h("legend", {}, labelOfPath(`${spec.table}.${year}`)),
          h(
            "div",
            { class: "form-grid" },
            spec.routes
              ? Object.keys(spec.routes).map((route) => {
                  const path = `${spec.table}.${year}.${route}`;
                  // Seen: "财政投入" under the year's legend; heard: the whole "2021年中心经费投入（财政投入）".
                  const full = labelOfPath(path);
                  const seen = spec.routes?.[route] ?? full;
                  const at = full.indexOf(seen);
                  return renderField({ path, kind: spec.kind }, path, [
                    h("span", { class: "visually-hidden" }, full.slice(0, Math.max(at, 0))),
                    h("span", {}, seen),
                    h("span", { class: "visually-hidden" }, at < 0 ? "" : full.slice(at + seen.length)),
                  ]);
                })
              : renderField(
                  { path: `${spec.table}.${year}`, kind: spec.kind },
                  `${spec.table}.${year}`,
                  labelOfPath(`${spec.table}.${year}`),
                ),
          ),
        ),
      ),
    );

  const renderRows = (spec: RowsSpec): HTMLElement => {
    const count = state.rows[spec.rows] ?? 0;
    const name = T.rowLabels[spec.rows] ?? labelOfPath(spec.rows);
    const add = h(
      "button",
      {
        type: "button",
        class: "button small",
        id: `${controlId(spec.rows)}-add`,
        onclick: () => {
          dispatch({ type: "rowAdded", rows: spec.rows });
          document.getElementById(controlId(`${spec.rows}.${count}.${spec.fields[0]?.path}`))?.focus();
        },
      },
      T.addRow(name),
    );
    add.disabled = count >= spec.max;
    return h(
      "div",
      { class: "rows", "data-rows": spec.rows },
      h("h4", {}, labelOfPath(spec.rows)),
      count === 0 ? h("p", { class: "note" }, T.noRows) : null,
      Array.from({ length: count }, (_, i) =>
        h(
          "fieldset",
          { class: "form-group row" },
          h("legend", {}, T.row(name, i + 1)),
          h(
            "div",
            { class: "form-grid" },
            spec.fields.map((field) => {
              const path = `${spec.rows}.${i}.${field.path}`;
              return renderField(field, path, controlLabel(path));
            }),
          ),
          h(
            "button",
            {
              type: "button",
              class: "button small",
              onclick: () => {
                dispatch({ type: "rowRemoved", rows: spec.rows, index: i });
                document.getElementById(`${controlId(spec.rows)}-add`)?.focus();
              },
            },
            T.removeRow(name, i + 1),
          ),
        ),
      ),
      add,
    );
  };

  /** Each field's own messages under it, aria-invalid on it, and all of them listed above the save button. */
  const renderFindings = () => {
    for (const el of Array.from(body.querySelectorAll<HTMLElement>("[aria-invalid]")))
      el.removeAttribute("aria-invalid");
    for (const el of Array.from(body.querySelectorAll<HTMLElement>(".field-error"))) el.textContent = "";
    const all: [string, string][] = [];
    for (const [path, messages] of Object.entries(state.findings)) {
      const id = controlId(ownerPath(path));
      const control = document.getElementById(id);
      const slot = document.getElementById(`${id}-error`);
      for (const m of messages) all.push([path, m]);
      // A finding on a path the page draws no control for is listed in the summary only.
      if (control && slot && body.contains(control)) {
        control.setAttribute("aria-invalid", "true");
        slot.textContent = messages.join(" ");
      }
    }
    if (state.status !== "invalid" && state.status !== "refused") {
      fill(problems);
      return;
    }
    fill(
      problems,
      h(
        "div",
        { class: "alert alert-error", role: "alert" },
        h("p", {}, state.status === "invalid" ? T.invalid(all.length) : T.refused(all.length)),
        h(
          "ul",
          {},
          all.map(([path, message]) =>
            h(
              "li",
              {},
              h(
                "a",
                { href: `#${controlId(ownerPath(path))}`, onclick: jumpTo(ownerPath(path)) },
                controlLabel(ownerPath(path)),
              ),
              "：",
              message,
            ),
          ),
        ),
      ),
    );
  };

  let savedAt: Date | undefined;
  /** Whether the server holds a draft (the closed note says "the last saved" only then). */
  let everSaved = false;
  let failure = "";
  const renderStatus = () => {
    saveButton.disabled = state.closed || state.status === "loading" || state.status === "saving";
    body.disabled = state.closed || state.status === "loading";
    if (state.closed) {
      const at = formatBeijingTime(editableUntil);
      fill(
        closedNote,
        h("p", { class: "alert alert-warning", role: "note" }, everSaved ? T.closed(at) : T.closedNone(at)),
      );
      fill(untilNote);
    }
    status.textContent =
      state.status === "loading"
        ? ""
        : state.status === "saving"
          ? T.saving
          : state.status === "saved" && savedAt
            ? T.saved(formatBeijingTime(savedAt))
            : state.status === "failed"
              ? `${T.failed}${failure}`
              : state.dirty
                ? T.unsaved
                : state.status === "idle" && !savedAt
                  ? T.notYet
                  : "";
  };

  const showServerView = (view: {
    form: ApplicationFormResponse["form"];
    prescreen: ApplicationFormResponse["prescreen"];
    missing: string[];
    evidence?: ApplicationFormResponse["evidence"];
  }) => {
    if (view.evidence !== undefined) evidence = view.evidence;
    fill(prescreenBody, renderPrescreen(view.prescreen, evidence, fieldLink));
    fill(
      missing,
      // Before the first save the server lists nothing missing: there is no form to lack anything yet.
      !view.form
        ? null
        : view.missing.length === 0
          ? h("p", { class: "note" }, T.complete)
          : h(
              "details",
              {},
              h("summary", {}, `${T.missingHeading}（${view.missing.length}）`),
              h(
                "ul",
                { class: "missing-list" },
                view.missing.map((path) => h("li", {}, fieldLink(path))),
              ),
            ),
    );
  };
  let evidence: ApplicationFormResponse["evidence"] = null;

  /** A field the school is sent to: focused, in the middle of the screen (not under the save bar). */
  const jumpTo = (path: string) => (event: Event) => {
    const target = body.querySelector<HTMLElement>(`[id="${controlId(path)}"]`);
    if (!target) return;
    event.preventDefault();
    const control = target.matches("fieldset") ? target.querySelector<HTMLElement>("input") : target;
    (control ?? target).focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  };
  /** A field's label as a link to it, or just its label when the page has no control for the path. */
  const fieldLink = (path: string): Node | string =>
    body.querySelector(`[id="${controlId(path)}"]`)
      ? h("a", { href: `#${controlId(path)}`, onclick: jumpTo(path) }, controlLabel(path))
      : controlLabel(path);

  const save = async () => {
    if (deps.clock.now().getTime() > editableUntil.getTime()) dispatch({ type: "closed" });
    dispatch({ type: "saveStarted" });
    if (!isSaving(state)) {
      const alert = problems.querySelector<HTMLElement>("[role=alert]");
      if (state.status === "invalid" && alert) focusRegion(alert);
      return;
    }
    try {
      const saved = await deps.api.saveApplicationForm({ form: formInput(state.values) });
      savedAt = deps.clock.now();
      everSaved = true;
      dispatch({ type: "saved", form: saved.form });
      showServerView(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return deps.onUnauthorized();
      if (error instanceof ApiError && error.code === "CHECKS_FAILED") {
        dispatch({
          type: "refused",
          problems: error.findings.map((f) => ({ path: findingPath(f), message: f.message })),
        });
        return;
      }
      failure = error instanceof ApiError ? error.message : String(error);
      dispatch({
        type: "failed",
        deadlinePassed: error instanceof ApiError && error.code === "DEADLINE_PASSED",
      });
    }
  };

  const form = h(
    "form",
    {
      class: "application-form",
      novalidate: true,
      "aria-labelledby": "application-form-heading",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void save();
      },
    },
    closedNote,
    body,
    h("div", { class: "save-bar" }, problems, h("div", { class: "actions" }, saveButton), status),
  );

  renderBody();
  renderStatus();
  deps.api.applicationForm().then(
    (response) => {
      editableUntil = new Date(response.editableUntil);
      everSaved = response.form !== null;
      fill(untilNote, T.editableUntil(formatBeijingTime(editableUntil)));
      const closed = deps.clock.now().getTime() > editableUntil.getTime();
      dispatch({ type: "loaded", form: response.form, defaults: defaultsOf(deps.school, response), closed });
      if (response.form) status.textContent = T.loaded;
      showServerView(response);
    },
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return deps.onUnauthorized();
      status.textContent = T.loadFailed;
    },
  );
  return [
    h(
      "section",
      { class: "card", id: "application-form", "aria-labelledby": "application-form-heading" },
      h("h2", { id: "application-form-heading" }, T.heading),
      h("p", {}, T.intro),
      untilNote,
      missing,
      form,
    ),
    h(
      "section",
      { class: "card", id: "prescreen", "aria-labelledby": "prescreen-heading" },
      h("h2", { id: "prescreen-heading" }, T.prescreen.heading),
      h("p", { class: "note" }, T.prescreen.intro),
      prescreenBody,
    ),
  ];
}

function groupLegend(group: string): string {
  const n = Number(group.split("-").pop()) + 1;
  if (group === "school") return T.school;
  if (group.startsWith("partner-")) return T.partner(n);
  if (group.startsWith("group-major-")) return T.groupMajor(n);
  return group;
}

function hintOf(spec: FieldSpec): string | undefined {
  if (spec.hint) return T.hints[spec.hint];
  switch (spec.kind) {
    case "pages":
      return T.hints.pages;
    case "figure":
      return T.hints.figure;
    case "percent":
      return T.hints.percent;
    case "money":
      return T.hints.money;
    case "date":
      return T.hints.date;
    case "year":
      return T.hints.year;
    default:
      return undefined;
  }
}

/** The call's listed partner titles (condition 4's list), for the checkboxes. */
function listedTitles(call: CallDefinition): string[] {
  for (const condition of call.eligibility?.conditions ?? []) {
    for (const criterion of condition.criteria) {
      if (criterion.kind === "member" && criterion.field.endsWith("partners[].titles")) return criterion.list;
    }
  }
  return [];
}

/** A first visit starts from the school as registered: its name, level, contact and e-mail. */
function defaultsOf(
  school: { name: string; level: string; contactName: string; email: string },
  response: ApplicationFormResponse,
): Record<string, FieldValue> {
  const phone = response.defaults.contactPhone;
  const defaults: Record<string, FieldValue> = {
    "basic.school.name": school.name,
    "basic.school.contact.name": school.contactName,
    "basic.school.contact.email": school.email,
  };
  if (school.level === "专科" || school.level === "本科") defaults["basic.level"] = school.level;
  if (phone)
    defaults[/^1\d{10}$/.test(phone) ? "basic.school.contact.mobile" : "basic.school.contact.officePhone"] =
      phone;
  return defaults;
}

/** The 422's findings are the form parse's own (shared/application/form-parse.ts): the field is their `path`. */
function findingPath(finding: { message: string }): string {
  const f = finding as { path?: unknown; field?: unknown };
  return String(f.path ?? f.field ?? "");
}
