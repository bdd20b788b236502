import { normalizeName } from "../call/major-catalog.ts";

/**
 * Reading a submitted file's name against the call's name template, e.g.
 * "{school}职业教育高水平专业化产教融合实训中心申报材料（{major}专业）". The matcher is built from the template, so
 * another call's template needs no code.
 *
 * Tolerated, because a reviewer identifies the file just as well (the name is then recognised but not `exact`):
 * half-width or full-width brackets, spaces anywhere (including U+3000 and invisible format characters), the
 * extension's case, a doubled ".pdf" (Windows hides extensions, so people type one), compatibility and decomposed
 * Unicode forms (full-width letters, NFD), and the copy numbers browsers and file managers append after the last
 * fixed words ("(1)", " (2)", "-副本", " copy", " 2"): a reviewer sees the same submission, but the name is not the
 * official one, so it is a warning, not a rejection. Likewise an earlier bracket group of the major's form
 * ("（机电专业）（数控技术专业）"): no catalog name contains brackets or "专业", so the major is the LAST group, and the
 * rest is extra text the warning points out.
 *
 * Not tolerated, because a reviewer could not file it: a missing school or major, missing or altered fixed words,
 * other text after the last fixed words, an extension other than ".pdf".
 */

export type Placeholder = "school" | "major";

/** A tolerated difference from the official name, named so the message can say which. */
export type NameVariation =
  | "bracket-width"
  | "whitespace"
  | "extension-case"
  | "repeated-extension"
  | "copy-suffix"
  | "extra-group"
  | "character-form";

/** Why a name's stem (the name without its extension) cannot be read against the template. */
export type NameProblem =
  | { kind: "empty" }
  | { kind: "missing-school" }
  | { kind: "missing-major" }
  /** `text` is the fixed text as the template writes it. */
  | { kind: "missing-fixed-text"; text: string }
  /** Something follows the template's last fixed words. */
  | { kind: "trailing-text"; text: string };

export interface NameParts {
  school: string;
  major: string;
}

export type StemMatch = ({ ok: true } & NameParts) | { ok: false; problem: NameProblem };

export type ParsedName =
  | {
      ok: true;
      school: string;
      major: string;
      /** The extension without the dot, in its case as written ("pdf", "PDF"); full-width letters folded. */
      extension: string;
      /** The official name: the template filled with this school and major, plus ".pdf". */
      canonical: string;
      /** Whether the name is exactly the canonical one. */
      exact: boolean;
      /** Which tolerated differences make it not exact; empty when exact. */
      variations: NameVariation[];
    }
  | {
      ok: false;
      reason: "not-pdf-extension";
      /** The extension found, with its dot (".docx"), or "" when the name has none. */
      extension: string;
      /** How the stem reads, so that every problem is reported at once. */
      stem: StemMatch;
    }
  | { ok: false; reason: "template-mismatch"; problem: NameProblem };

/** The official extension. */
const EXTENSION = "pdf";

interface CompiledTemplate {
  /** The template's fixed texts, as written and normalised; literals[i] precedes placeholders[i]. */
  literals: { raw: string; normalized: string }[];
  placeholders: Placeholder[];
  pattern: RegExp;
}

const compiled = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  const cached = compiled.get(template);
  if (cached) return cached;
  const parts = template.split(/\{(school|major)\}/);
  const literals = parts
    .filter((_, i) => i % 2 === 0)
    .map((raw) => ({ raw, normalized: normalizeName(raw) }));
  const placeholders = parts.filter((_, i) => i % 2 === 1) as Placeholder[];
  // Every placeholder but the last is lazy (the school ends at the FIRST occurrence of the fixed words after it);
  // the last is greedy (the major runs to the LAST closing fixed words), and the pattern is anchored at both ends.
  const source = literals
    .map((l, i) => {
      const capture = i < placeholders.length ? (i === placeholders.length - 1 ? "(.*)" : "(.*?)") : "";
      return escapeRegExp(l.normalized) + capture;
    })
    .join("");
  const result: CompiledTemplate = { literals, placeholders, pattern: new RegExp(`^${source}$`, "su") };
  compiled.set(template, result);
  return result;
}

/** The name's parts with the template's own (full-width) brackets: NFKC turns them into ASCII ones. */
function displayForm(normalized: string): string {
  return normalized.replace(/\(/g, "（").replace(/\)/g, "）");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The template filled in, without extension. */
export function fillTemplate(template: string, parts: NameParts): string {
  return template.replace("{school}", () => parts.school).replace("{major}", () => parts.major);
}

/** The official file name for a school and major. */
export function canonicalName(template: string, parts: NameParts): string {
  return `${fillTemplate(template, parts)}.${EXTENSION}`;
}

/** Copy numbers appended by browsers and file managers: "(1)", "-副本", "copy", "2". */
const COPY_SUFFIX = /(?:\(\d{1,3}\)|[-_]?(?:副本|copy)|[-_]?\d{1,3})+$/iu;

/** A ".pdf" typed into a name whose extension Windows was hiding: "….pdf.pdf", or "….pdf.docx". */
const TYPED_EXTENSIONS = /(?:\.pdf)+$/iu;

/**
 * Splits off the extension: the text after the last dot when it looks like one (1 to 10 letters or digits);
 * otherwise the name has none.
 */
function splitExtension(name: string): { stem: string; extension: string | null } {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  if (!match || match[1] === undefined) return { stem: name, extension: null };
  return { stem: name.slice(0, match.index), extension: match[1] };
}

/**
 * Reads a stem (normalised, extension removed) against the template. A copy suffix is set aside first, but only
 * where it follows the template's last fixed words.
 */
function matchStem(
  stem: string,
  template: CompiledTemplate,
): { match: StemMatch; copySuffix?: string; extraGroup?: boolean } {
  if (stem === "") return { match: { ok: false, problem: { kind: "empty" } } };
  const last = template.literals.at(-1)?.normalized ?? "";
  const suffix = last === "" ? null : COPY_SUFFIX.exec(stem);
  const copySuffix = suffix && stem.slice(0, suffix.index).endsWith(last) ? suffix[0] : undefined;
  const body = copySuffix === undefined ? stem : stem.slice(0, stem.length - copySuffix.length);
  const found = template.pattern.exec(body);
  if (!found) return { match: { ok: false, problem: diagnose(body, template) } };
  const values: Record<Placeholder, string> = { school: "", major: "" };
  template.placeholders.forEach((p, i) => {
    values[p] = found[i + 1] ?? "";
  });
  const { major, extraGroup } = lastGroup(values.major, template);
  if (values.school === "") return { match: { ok: false, problem: { kind: "missing-school" } } };
  if (major === "") return { match: { ok: false, problem: { kind: "missing-major" } } };
  const match: StemMatch = { ok: true, school: displayForm(values.school), major: displayForm(major) };
  return {
    match,
    ...(copySuffix === undefined ? {} : { copySuffix }),
    ...(extraGroup ? { extraGroup } : {}),
  };
}

/**
 * Where the template encloses the major in brackets ("（{major}专业）") and the name repeats that form, the major is
 * the content of the last group: "机电专业)(数控技术" reads as 数控技术, with "(机电专业)" extra.
 */
function lastGroup(major: string, template: CompiledTemplate): { major: string; extraGroup: boolean } {
  const at = template.placeholders.indexOf("major");
  const before = template.literals[at]?.normalized ?? "";
  const after = template.literals[at + 1]?.normalized ?? "";
  if (!before.endsWith("(") || after === "") return { major, extraGroup: false };
  const separator = `${after}(`;
  const split = major.lastIndexOf(separator);
  if (split < 0) return { major, extraGroup: false };
  // "（机电专业）（专业）": the last group, the one that counts, is empty.
  return { major: major.slice(split + separator.length), extraGroup: true };
}

/** Which fixed text is missing or misplaced, reading the template left to right. */
function diagnose(stem: string, template: CompiledTemplate): NameProblem {
  const { literals } = template;
  let position = 0;
  for (const [i, literal] of literals.entries()) {
    if (literal.normalized === "") continue;
    const isFirst = i === 0;
    const isLast = i === literals.length - 1;
    if (isFirst) {
      if (!stem.startsWith(literal.normalized)) return { kind: "missing-fixed-text", text: literal.raw };
      position = literal.normalized.length;
      continue;
    }
    if (isLast) {
      const at = stem.lastIndexOf(literal.normalized);
      if (at < position) return { kind: "missing-fixed-text", text: literal.raw };
      const rest = stem.slice(at + literal.normalized.length);
      if (rest !== "") return { kind: "trailing-text", text: displayForm(rest) };
      continue;
    }
    const at = stem.indexOf(literal.normalized, position);
    if (at < 0) return { kind: "missing-fixed-text", text: literal.raw };
    position = at + literal.normalized.length;
  }
  // Only reachable when the template has no fixed text to anchor on.
  return { kind: "missing-fixed-text", text: literals.map((l) => l.raw).join("") };
}

/** Reads a file name against a template. Never throws. */
export function parseSubmissionName(fileName: string, template: string): ParsedName {
  const compiledTemplate = compile(template);
  const nfc = fileName.normalize("NFC");
  const normalized = normalizeName(nfc);
  const { stem: rawStem, extension } = splitExtension(normalized);
  const stem = rawStem.replace(TYPED_EXTENSIONS, "");
  const { match: stemMatch, copySuffix, extraGroup } = matchStem(stem, compiledTemplate);

  if (extension === null || extension.toLowerCase() !== EXTENSION) {
    return {
      ok: false,
      reason: "not-pdf-extension",
      extension: extension === null ? "" : `.${extension}`,
      stem: stemMatch,
    };
  }
  if (!stemMatch.ok) return { ok: false, reason: "template-mismatch", problem: stemMatch.problem };

  const parts = { school: stemMatch.school, major: stemMatch.major };
  const canonical = canonicalName(template, parts);
  const exact = fileName === canonical;
  const variations: NameVariation[] = exact
    ? []
    : explainVariations(fileName, canonical, {
        extension,
        repeatedExtension: rawStem !== stem,
        copySuffix: copySuffix !== undefined,
        extraGroup: extraGroup === true,
      });
  return { ok: true, ...parts, extension, canonical, exact, variations };
}

/** The school and major a name identifies, even when its extension is wrong; undefined when it identifies none. */
export function namePartsOf(parsed: ParsedName): NameParts | undefined {
  if (parsed.ok) return { school: parsed.school, major: parsed.major };
  if (parsed.reason === "not-pdf-extension" && parsed.stem.ok) {
    return { school: parsed.stem.school, major: parsed.stem.major };
  }
  return undefined;
}

/**
 * Names the tolerated differences between a recognised name and its canonical form. Explanatory only: whether the
 * name is recognised was decided on the normalised text.
 */
function explainVariations(
  fileName: string,
  canonical: string,
  found: { extension: string; repeatedExtension: boolean; copySuffix: boolean; extraGroup: boolean },
): NameVariation[] {
  const nfc = fileName.normalize("NFC");
  const withoutSpaces = nfc.replace(/[\s\p{Cf}]/gu, "");
  const variations: NameVariation[] = [];
  // Which kinds of bracket are used, leaving out a copy suffix's "(1)": extra groups change the count, not the kind.
  const writtenStem = withoutSpaces.replace(/(?:\.[A-Za-z0-9]{1,10})+$/u, "").replace(COPY_SUFFIX, "");
  const canonicalBrackets = new Set(brackets(canonical));
  if (brackets(writtenStem).some((b) => !canonicalBrackets.has(b))) variations.push("bracket-width");
  if (SPACES.test(nfc.normalize("NFKC"))) variations.push("whitespace");
  if (found.extension !== EXTENSION) variations.push("extension-case");
  if (found.repeatedExtension) variations.push("repeated-extension");
  if (found.copySuffix) variations.push("copy-suffix");
  if (found.extraGroup) variations.push("extra-group");
  const folded = foldBrackets(withoutSpaces);
  if (fileName !== nfc || folded !== folded.normalize("NFKC")) variations.push("character-form");
  // Unreachable in practice; keeps `exact: false` from ever coming without a reason.
  if (variations.length === 0) variations.push("character-form");
  return variations;
}

const SPACES = /[\s\p{Cf}]/u;

function brackets(s: string): string[] {
  return s.match(/[()（）﹙﹚]/gu) ?? [];
}

/** Full-width and small brackets as ASCII ones, which is what NFKC makes of them. */
function foldBrackets(s: string): string {
  return s.replace(/[（﹙]/gu, "(").replace(/[）﹚]/gu, ")");
}
