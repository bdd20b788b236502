import { nameExample } from "../messages/findings-upload.ts";
import type { CheckContext, Rule, SubmissionFacts } from "./context.ts";
import type { Finding } from "./finding.ts";
import { finding } from "./make-upload-finding.ts";
import { type NameProblem, parseSubmissionName } from "./name-template.ts";

/**
 * The file is named as the call's template says. A name a reviewer can still identify (half-width brackets, stray
 * spaces, ".PDF", a browser's "(1)") is a warning that gives the official name; one they cannot is an error that
 * shows the name the call asks for.
 */
export const fileName: Rule = (facts, ctx) => {
  const parsed = parseSubmissionName(facts.fileName, ctx.call.nameTemplate);
  if (parsed.ok) {
    if (parsed.exact) return [];
    return finding(
      ctx,
      "NAME_NOT_CANONICAL",
      "fileName",
      { canonical: parsed.canonical, actual: facts.fileName, variations: parsed.variations },
      { expected: parsed.canonical, actual: facts.fileName },
    );
  }
  if (parsed.reason === "template-mismatch") return templateMismatch(facts, ctx, parsed.problem);
  // A wrong extension, and whatever is wrong with the rest of the name, are reported together.
  return [
    ...finding(
      ctx,
      "NAME_NOT_PDF_EXTENSION",
      "fileName",
      { extension: parsed.extension },
      { expected: ".pdf", actual: parsed.extension },
    ),
    ...(parsed.stem.ok ? [] : templateMismatch(facts, ctx, parsed.stem.problem)),
  ];
};

function templateMismatch(facts: SubmissionFacts, ctx: CheckContext, problem: NameProblem): Finding[] {
  const template = ctx.call.nameTemplate;
  const school = facts.school?.name;
  return finding(
    ctx,
    "NAME_TEMPLATE_MISMATCH",
    "fileName",
    { template, actual: facts.fileName, problem, ...(school === undefined ? {} : { school }) },
    { expected: nameExample(template, school), actual: facts.fileName },
  );
}
