import type { CallDefinition } from "../../../shared/call/schema.ts";
import { formatBeijingTime } from "../../../shared/messages/format.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import type { MeResponse, SubmissionView } from "../api-types.ts";
import { h } from "../dom.ts";

const T = WEB_TEXT.status;

/** The school's current application per document type, and every submission, newest first. */
export function renderStatus(
  call: CallDefinition,
  me: MeResponse,
  onView: (id: string) => void,
): HTMLElement {
  const byId = new Map(me.submissions.map((s) => [s.submissionId, s]));
  // PENDING is a link issued for an upload that has not arrived: mostly cancelled or failed attempts, which are
  // nothing the school needs to see. An upload that did arrive is shown once it is being checked.
  const shown = me.submissions.filter((s) => s.state !== "PENDING");
  return h(
    "section",
    { class: "card", "aria-labelledby": "status-heading", id: "status" },
    h("h2", { id: "status-heading" }, T.heading),
    h(
      "dl",
      { class: "facts current" },
      call.documentTypes.flatMap((type) => {
        const currentId = me.current[type.id];
        const current = currentId ? byId.get(currentId) : undefined;
        return [
          h("dt", {}, type.label),
          h(
            "dd",
            { "data-document-type": type.id },
            current?.receipt
              ? T.current(current.receipt.receiptNumber, beijing(current.uploadedAt ?? current.createdAt))
              : T.currentNone,
          ),
        ];
      }),
    ),
    h("h3", {}, T.historyHeading),
    shown.length === 0 ? h("p", {}, T.historyEmpty) : historyTable(shown, onView),
  );
}

function historyTable(submissions: readonly SubmissionView[], onView: (id: string) => void): HTMLElement {
  const c = T.columns;
  return h(
    "table",
    { class: "history" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        [c.time, c.type, c.file, c.state, c.receipt, c.action].map((text) => h("th", { scope: "col" }, text)),
      ),
    ),
    h(
      "tbody",
      {},
      submissions.map((s) =>
        h(
          "tr",
          { "data-submission-id": s.submissionId, "data-state": s.state },
          h("td", { "data-label": c.time }, beijing(s.uploadedAt ?? s.createdAt)),
          h("td", { "data-label": c.type, class: "nowrap" }, s.documentLabel),
          h("td", { "data-label": c.file, class: "wrap" }, s.fileName),
          h(
            "td",
            { "data-label": c.state },
            h("span", { class: `state state-${s.state}` }, WEB_TEXT.states[s.state]),
          ),
          h("td", { "data-label": c.receipt }, s.receipt?.receiptNumber ?? T.notUploaded),
          h(
            "td",
            { "data-label": c.action, class: "action" },
            s.receipt
              ? h(
                  "button",
                  {
                    type: "button",
                    class: "button small",
                    "aria-label": T.viewLabel(s.fileName),
                    onclick: () => onView(s.submissionId),
                  },
                  T.view,
                )
              : "",
          ),
        ),
      ),
    ),
  );
}

function beijing(iso: string): string {
  return formatBeijingTime(new Date(iso));
}
