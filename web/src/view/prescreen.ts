import { formatPageRefs } from "../../../shared/application/page-refs.ts";
import { fieldLabel } from "../../../shared/messages/form.ts";
import { CONDITION_STATUS_LABELS, PRESCREEN_TEXT } from "../../../shared/messages/prescreen.ts";
import { WEB_FORM_TEXT } from "../../../shared/messages/web-form.ts";
import type { ConditionResult, CriterionResult, PrescreenResult } from "../../../shared/prescreen/types.ts";
import { h } from "../dom.ts";

const T = WEB_FORM_TEXT.prescreen;

/** A form path as the school reads it: "basic.partners.1.name" → "合作企业（2）名称". */
export function labelOfPath(path: string): string {
  return fieldLabel(path.split(".").map((s) => (/^\d+$/.test(s) && !/^\d{4}$/.test(s) ? Number(s) : s)));
}

/**
 * The school's pre-screen: the overall result, then each condition with its status (符合 / 不符合 / 待专家判断 /
 * 资料不全) and, per criterion, what the notice asks, what the form says, the cited pages and how to close a gap;
 * last, the evidence page references' findings. A condition with nothing left for the school to do (符合, 待专家判断)
 * shows its criteria folded; the fields a gap needs are links to them when `fieldLink` gives one.
 */
export function renderPrescreen(
  result: PrescreenResult | null,
  evidence: { pageCount: number } | null,
  fieldLink: (path: string) => Node | string = labelOfPath,
): HTMLElement[] {
  if (!result) return [h("p", { class: "note" }, T.none)];
  return [
    h("p", { class: `prescreen-summary rule-${result.overall.ruleSatisfied}` }, result.overall.summary),
    h(
      "ol",
      { class: "conditions" },
      result.conditions.map((c) => renderCondition(c, fieldLink)),
    ),
    h("h3", { id: "prescreen-evidence-heading" }, T.evidenceHeading),
    h("p", { class: "note" }, evidence ? T.evidenceFile(evidence.pageCount) : T.noEvidence),
    result.evidence.length === 0
      ? h("p", {}, T.evidenceNone)
      : h(
          "ul",
          { class: "evidence-findings" },
          result.evidence.map((e) =>
            h(
              "li",
              { class: `evidence evidence-${e.severity}`, "data-code": e.code },
              h("span", { class: "badge" }, T.severity[e.severity] ?? e.severity),
              " ",
              e.message,
            ),
          ),
        ),
  ];
}

function renderCondition(c: ConditionResult, fieldLink: (path: string) => Node | string): HTMLElement {
  const id = `condition-${c.number}`;
  const settled = c.status === "met" || c.status === "expert";
  return h(
    "li",
    { class: `condition status-${c.status}`, "aria-labelledby": id, "data-condition": c.number },
    h(
      "h3",
      { id, class: "condition-heading" },
      h("span", { class: "condition-title" }, T.condition(c.number, c.title)),
      " ",
      h("span", { class: "tag" }, c.mandatory ? T.mandatory : T.optional),
      " ",
      h("span", { class: `status status-${c.status}` }, c.statusLabel),
    ),
    h(
      "details",
      { class: "criteria-details", open: !settled },
      h("summary", {}, T.criteria(c.criteria.length)),
      h(
        "ul",
        { class: "criteria" },
        c.criteria.map((k) => renderCriterion(k, fieldLink)),
      ),
    ),
  );
}

function renderCriterion(k: CriterionResult, fieldLink: (path: string) => Node | string): HTMLElement {
  // "未填写：X" says again what 待填写 lists, with links: the list alone says it.
  const foundIsMissing = k.missing.length > 0 && k.found.startsWith(PRESCREEN_TEXT.notFilled([]));
  return h(
    "li",
    { class: `criterion outcome-${k.outcome}` },
    h(
      "p",
      { class: "criterion-text" },
      h("span", { class: `status status-${k.outcome}` }, CONDITION_STATUS_LABELS[k.outcome]),
      " ",
      k.text,
    ),
    h(
      "dl",
      { class: "criterion-facts" },
      h("dt", {}, T.expected),
      h("dd", {}, k.expected),
      foundIsMissing ? null : [h("dt", {}, T.found), h("dd", {}, k.found)],
      h("dt", {}, T.pages),
      h("dd", {}, k.pages.length ? formatPageRefs(k.pages) : T.noPages),
      k.missing.length
        ? [
            h("dt", {}, T.missing),
            h(
              "dd",
              { class: "missing-fields" },
              k.missing.flatMap((path, i) => (i > 0 ? ["、", fieldLink(path)] : [fieldLink(path)])),
            ),
          ]
        : null,
      k.fix && k.outcome !== "met" && k.outcome !== "expert"
        ? [h("dt", {}, T.fix), h("dd", {}, k.fix)]
        : null,
    ),
  );
}
