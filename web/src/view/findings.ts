import type { Finding } from "../../../shared/checks/finding.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import { h } from "../dom.ts";

const T = WEB_TEXT.findings;

/** Each finding with its severity, what is wrong (expected vs found) and how to fix it. */
export function renderFindings(findings: readonly Finding[]): HTMLElement {
  if (findings.length === 0) return h("p", { class: "findings-none" }, T.none);
  return h(
    "ul",
    { class: "findings" },
    findings.map((f) =>
      h(
        "li",
        { class: `finding finding-${f.severity}`, "data-code": f.code },
        h("span", { class: "badge" }, T.severity[f.severity]),
        h("p", { class: "finding-message" }, f.message),
        h("p", { class: "finding-fix" }, h("strong", {}, T.fix), f.fix),
      ),
    ),
  );
}
