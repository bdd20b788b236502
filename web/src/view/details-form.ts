import { formatBeijingTime } from "../../../shared/messages/format.ts";
import { DETAILS_FORM_TEXT } from "../../../shared/messages/web-details.ts";
import { type Api, ApiError } from "../api.ts";
import type { ApplicationDetailsView } from "../api-types.ts";
import type { ServerClock } from "../clock.ts";
import { fill, h } from "../dom.ts";
import { renderFindings } from "./findings.ts";

const T = DETAILS_FORM_TEXT;
const FIELDS = ["servedMajorGroup", "partner1", "partner2", "contactName", "contactPhone"] as const;
type Field = (typeof FIELDS)[number];
/** The partners' names and honours run long: a text area each; the rest fit a line. */
const MULTILINE: ReadonlySet<Field> = new Set(["partner1", "partner2"]);

/**
 * The summary table's details, entered once: loaded from GET /api/me/application (the registered contact when
 * nothing is saved yet), saved with PUT, the server's findings shown under the form and on each field at fault.
 */
export function createDetailsForm(deps: {
  api: Api;
  clock: ServerClock;
  deadline: Date;
  onUnauthorized: () => void;
}): HTMLElement {
  const controls = Object.fromEntries(
    FIELDS.map((field) => [
      field,
      MULTILINE.has(field)
        ? h("textarea", {
            id: `details-${field}`,
            name: field,
            rows: 2,
            "aria-describedby": `details-${field}-hint`,
          })
        : h("input", {
            id: `details-${field}`,
            name: field,
            type: "text",
            "aria-describedby": `details-${field}-hint`,
          }),
    ]),
  ) as Record<Field, HTMLInputElement | HTMLTextAreaElement>;
  const status = h("p", { class: "status-line", role: "status" });
  const problems = h("div", { class: "details-problems" });
  const button = h("button", { type: "submit", class: "button primary" }, T.save);
  const closed = () => deps.clock.now().getTime() > deps.deadline.getTime();

  const setEnabled = (enabled: boolean) => {
    for (const control of Object.values(controls)) control.disabled = !enabled;
    button.disabled = !enabled;
  };
  const show = (
    details: ApplicationDetailsView | null,
    defaults?: { contactName: string; contactPhone: string },
  ) => {
    const values = details ?? {
      servedMajorGroup: "",
      partner1: "",
      partner2: "",
      contactName: defaults?.contactName ?? "",
      contactPhone: defaults?.contactPhone ?? "",
    };
    for (const field of FIELDS) {
      controls[field].value = values[field];
      controls[field].removeAttribute("aria-invalid");
    }
    status.textContent = details ? T.lastSaved(formatBeijingTime(new Date(details.updatedAt))) : T.notYet;
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) return deps.onUnauthorized();
    status.textContent = "";
    const findings = error instanceof ApiError ? error.findings : [];
    for (const f of findings) {
      const field = f.field.replace(/^details\./, "") as Field;
      controls[field]?.setAttribute("aria-invalid", "true");
    }
    fill(
      problems,
      h(
        "div",
        { class: "alert alert-error", role: "alert" },
        h("p", {}, T.failed, error instanceof ApiError ? error.message : String(error)),
        findings.length ? renderFindings(findings) : null,
      ),
    );
    if (error instanceof ApiError && error.code === "DEADLINE_PASSED") setEnabled(false);
  };

  const form = h(
    "form",
    {
      class: "details-form",
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        fill(problems);
        for (const control of Object.values(controls)) control.removeAttribute("aria-invalid");
        setEnabled(false);
        status.textContent = T.saving;
        try {
          const body = Object.fromEntries(FIELDS.map((f) => [f, controls[f].value])) as Record<Field, string>;
          const saved = await deps.api.saveApplicationDetails(body);
          show(saved.details);
          status.textContent = T.saved(formatBeijingTime(new Date(saved.details.updatedAt)));
        } catch (error) {
          failed(error);
        } finally {
          if (!closed()) setEnabled(true);
          else status.textContent = T.closed;
        }
      },
    },
    FIELDS.map((field) =>
      h(
        "div",
        { class: "field" },
        h("label", { for: `details-${field}` }, T.labels[field]),
        controls[field],
        h("p", { class: "hint", id: `details-${field}-hint` }, T.hints[field]),
      ),
    ),
    h("div", { class: "actions" }, button),
    status,
    problems,
  );

  setEnabled(false);
  deps.api.applicationDetails().then(
    (response) => {
      show(response.details, response.defaults);
      if (closed()) status.textContent = T.closed;
      else setEnabled(true);
    },
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return deps.onUnauthorized();
      status.textContent = T.loadFailed;
    },
  );

  return h(
    "section",
    { class: "card", id: "details", "aria-labelledby": "details-heading" },
    h("h2", { id: "details-heading" }, T.heading),
    h("p", {}, T.intro),
    form,
  );
}
