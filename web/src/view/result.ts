import type { CallDefinition } from "../../../shared/call/schema.ts";
import { formatBeijingTime, formatBytes } from "../../../shared/messages/format.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import type { MeResponse, SubmissionView } from "../api-types.ts";
import { h } from "../dom.ts";
import { renderFindings } from "./findings.ts";

const V = WEB_TEXT.verdict;
const R = WEB_TEXT.receipt;

type Decided = SubmissionView & { receipt: NonNullable<SubmissionView["receipt"]> };

export function isDecided(view: SubmissionView): view is Decided {
  return view.receipt !== null;
}

/** The verdict on one submission: what it means, each finding with its fix, and the receipt to print. */
export function renderResult(call: CallDefinition, me: MeResponse, view: Decided): HTMLElement {
  const state = view.state === "PENDING" || view.state === "PROCESSING" ? "REJECTED" : view.state;
  const next =
    state === "ACCEPTED" || state === "SUPERSEDED"
      ? V.acceptedNext
      : state === "LATE"
        ? V.lateNext
        : V.rejectedNext;
  return h(
    "div",
    { class: `result result-${state}`, "data-state": view.state },
    h("h3", { id: "verdict-heading", class: "verdict", tabindex: "-1" }, V.heading(V[state])),
    renderFindings(view.findings),
    h("p", { class: "next" }, next),
    renderReceipt(call, me, view),
  );
}

/** The findings as a receipt lists them: one line each, severity first. */
function findingLines(findings: SubmissionView["findings"]): string | HTMLElement {
  if (findings.length === 0) return WEB_TEXT.findings.none;
  return h(
    "ul",
    { class: "plain" },
    findings.map((f) => h("li", {}, `［${WEB_TEXT.findings.severity[f.severity]}］${f.message}`)),
  );
}

function renderReceipt(call: CallDefinition, me: MeResponse, view: Decided): HTMLElement {
  const { receipt } = view;
  const replaced = receipt.replaces
    ? me.submissions.find((s) => s.submissionId === receipt.replaces)
    : undefined;
  const rows: Array<[string, string | HTMLElement, string?]> = [
    [R.number, receipt.receiptNumber, "receipt-number"],
    [R.call, call.reference ? `${call.title}（${call.reference}）` : call.title],
    [R.school, me.school.name],
    [R.type, view.documentLabel],
    [R.file, view.fileName],
    [R.uploadedAt, formatBeijingTime(new Date(view.uploadedAt ?? view.createdAt))],
    [R.verdict, WEB_TEXT.states[view.state]],
    [R.pages, R.pagesValue(view.pageCount)],
    [R.size, view.size === null ? "—" : formatBytes(view.size)],
    [R.sha256, view.sha256 ?? "—", "sha256"],
    [R.findings, findingLines(view.findings), "findings"],
  ];
  if (receipt.version !== null) {
    rows.push([
      R.version,
      R.versionValue(receipt.version, replaced?.receipt?.receiptNumber ?? receipt.replaces),
    ]);
  }
  rows.push([R.submissionId, view.submissionId]);
  const printedAt = h("p", { class: "print-only printed-at" }, R.printedAt(formatBeijingTime(new Date())));
  watchPrinting();

  return h(
    "section",
    { class: "receipt", id: "receipt", "aria-labelledby": "receipt-heading" },
    h("h3", { id: "receipt-heading" }, R.heading),
    h(
      "table",
      { class: "receipt-table" },
      h(
        "tbody",
        {},
        rows.map(([label, value, key]) =>
          h("tr", key ? { "data-field": key } : {}, h("th", { scope: "row" }, label), h("td", {}, value)),
        ),
      ),
    ),
    h(
      "p",
      { class: "emailed" },
      receipt.emailedAt
        ? R.emailed(me.school.email, formatBeijingTime(new Date(receipt.emailedAt)))
        : R.willEmail(me.school.email),
    ),
    printedAt,
    // WeChat's in-app browser has no print dialog; it can hand the page to a real browser.
    /MicroMessenger/i.test(navigator.userAgent)
      ? h("p", { class: "hint no-print" }, R.printInWechat)
      : h(
          "button",
          { type: "button", class: "button primary no-print", onclick: () => window.print() },
          R.print,
        ),
  );
}

let watchingPrint = false;

/** A printed receipt says when it was printed; the time is set as the print dialog opens. */
function watchPrinting(): void {
  if (watchingPrint) return;
  watchingPrint = true;
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll(".printed-at").forEach((line) => {
      line.textContent = R.printedAt(formatBeijingTime(new Date()));
    });
  });
}
