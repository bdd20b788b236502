import type { CheckContext } from "../../../shared/checks/context.ts";
import { canonicalName } from "../../../shared/checks/name-template.ts";
import { nameExample } from "../../../shared/messages/findings-upload.ts";
import { formatBeijingTime } from "../../../shared/messages/format.ts";
import { WEB_TEXT } from "../../../shared/messages/web.ts";
import type { MeResponse } from "../api-types.ts";
import type { ServerClock } from "../clock.ts";
import { copyText } from "../copy.ts";
import { startCountdown } from "../countdown.ts";
import { h } from "../dom.ts";

const T = WEB_TEXT.requirements;

/** What the call requires, with the school's own name in the file name, and the time left until the deadline. */
export function renderRequirements(
  ctx: CheckContext,
  school: MeResponse["school"],
  clock: ServerClock,
  onClosed: () => void,
): HTMLElement {
  const { call } = ctx;
  const example = nameExample(call.nameTemplate, school.name);
  const countdown = h("p", { class: "countdown", role: "timer", "aria-live": "off", id: "countdown" });
  startCountdown(countdown, new Date(call.deadline), clock, onClosed);

  return h(
    "section",
    { class: "card", "aria-labelledby": "requirements-heading" },
    h("h2", { id: "requirements-heading" }, T.heading),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, T.deadlineLabel),
      h("dd", {}, h("p", { class: "deadline" }, formatBeijingTime(new Date(call.deadline))), countdown),
      h("dt", {}, T.nameLabel),
      h(
        "dd",
        {},
        h("p", {}, T.nameIntro),
        copyableName(example, T.copyName, T.copied),
        majorHelper(ctx, school),
      ),
      h("dt", {}, T.formatLabel),
      h("dd", {}, T.format(call.maxFileBytes)),
      h("dt", {}, T.pagesLabel),
      h(
        "dd",
        {},
        h(
          "ul",
          { class: "plain" },
          call.documentTypes.map((type) =>
            h("li", {}, T.pageLimit(type.label, type.maxPages), type.requireBookmarks ? T.bookmarks : ""),
          ),
        ),
        call.onePerSchool ? h("p", { class: "note" }, T.onePerSchool) : null,
      ),
    ),
  );
}

/** A file name shown in full, with a button that copies it and says so. */
function copyableName(name: string, buttonText: string, copiedText: string): HTMLElement {
  const text = h("p", { class: "file-name" }, name);
  const result = h("span", { class: "copy-result", role: "status" });
  const button = h(
    "button",
    {
      type: "button",
      class: "button",
      onclick: async () => {
        result.textContent = (await copyText(name, text)) ? copiedText : T.copyFailed;
      },
    },
    buttonText,
  );
  return h("div", { class: "copyable" }, text, h("div", { class: "copy-row" }, button, result));
}

/** Fills the major into the name: the catalog's names at the school's level, and the exact name to use. */
function majorHelper(ctx: CheckContext, school: MeResponse["school"]): HTMLElement {
  const listId = "majors";
  const majors = ctx.catalog.entries.filter((m) => m.level === school.level);
  const input = h("input", {
    id: "major",
    type: "text",
    list: listId,
    autocomplete: "off",
    "aria-describedby": "major-hint",
  });
  const output = h("div", { class: "major-result", "aria-live": "polite" });
  const update = () => {
    const major = input.value.trim();
    const entry = major.length > 0 ? ctx.catalog.find(major, school.level) : undefined;
    if (entry) {
      const name = canonicalName(ctx.call.nameTemplate, { school: school.name, major: entry.name });
      output.replaceChildren(h("p", {}, T.majorResult), copyableName(name, T.copyMajorName, T.copiedExact));
    } else if ([...major].length >= 2) {
      output.replaceChildren(
        h("p", { class: "hint" }, T.majorUnknown(major, ctx.catalog.suggest(major, school.level))),
      );
    } else {
      output.replaceChildren();
    }
  };
  input.addEventListener("input", update);
  return h(
    "div",
    { class: "major-helper" },
    h("label", { for: "major" }, T.majorLabel),
    h("p", { id: "major-hint", class: "hint" }, T.majorHint(ctx.call.catalog.label)),
    input,
    h(
      "datalist",
      { id: listId },
      majors.map((m) => h("option", { value: m.name })),
    ),
    output,
  );
}
