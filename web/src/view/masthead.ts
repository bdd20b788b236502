import type { CallDefinition } from "../../../shared/call/schema.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import type { MeResponse } from "../api-types.ts";
import { h } from "../dom.ts";

const T = WEB_TEXT.token;

/** The call as the notice names it, and the school signed in. */
export function renderMasthead(
  call: CallDefinition,
  school: MeResponse["school"],
  onSignOut: () => void,
): HTMLElement {
  return h(
    "header",
    { class: "masthead" },
    h("p", { class: "eyebrow" }, WEB_TEXT.page.title),
    h("h1", {}, call.title),
    h(
      "p",
      { class: "issuer" },
      `${WEB_TEXT.call.issuer}：${call.issuer}`,
      call.reference
        ? h("span", { class: "reference" }, `${WEB_TEXT.call.reference}：${call.reference}`)
        : null,
    ),
    h(
      "div",
      { class: "school-bar" },
      h(
        "p",
        {},
        h("strong", { class: "school-name" }, T.signedInAs(school.name, school.level)),
        h("span", { class: "contact" }, T.receiptsTo(school.contactName, school.email)),
      ),
      h("button", { type: "button", class: "button small on-dark", onclick: onSignOut }, T.signOut),
    ),
  );
}
