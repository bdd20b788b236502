import { WEB_TEXT } from "../../../shared/messages/web.ts";
import { h } from "../dom.ts";

const T = WEB_TEXT.token;

/** Asks for the school's token once, when the page was opened without one (or with one that was refused). */
export function renderTokenForm(problem: string | null, onToken: (token: string) => void): HTMLElement {
  const input = h("input", {
    id: "token",
    name: "token",
    type: "text",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": problem ? "token-intro token-problem" : "token-intro",
    ...(problem ? { "aria-invalid": "true" } : {}),
  });
  const problemLine = h(
    "p",
    { id: "token-problem", class: "alert alert-error", role: "alert" },
    problem ?? "",
  );
  if (!problem) problemLine.hidden = true;
  const form = h(
    "form",
    {
      class: "token-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (token === "") {
          problemLine.textContent = T.empty;
          problemLine.hidden = false;
          input.setAttribute("aria-invalid", "true");
          input.focus();
          return;
        }
        onToken(token);
      },
    },
    h("label", { for: "token" }, T.label),
    h(
      "div",
      { class: "inline-field" },
      input,
      h("button", { type: "submit", class: "button primary" }, T.submit),
    ),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "token-heading" },
    h("h2", { id: "token-heading" }, T.heading),
    h("p", { id: "token-intro" }, T.intro),
    problemLine,
    form,
  );
}
