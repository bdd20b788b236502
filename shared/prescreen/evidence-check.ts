import { figureSpellings } from "../application/figures.ts";
import { EVIDENCE_TEXT as E } from "../messages/prescreen.ts";
import type { Claim, EvidenceSection } from "./evidence-sections.ts";
import type { EvidenceFacts, EvidenceFinding } from "./types.ts";

/**
 * Checks the form's page references against the accepted evidence: each section that must cite pages does, each
 * cited page exists, and, where a cited page has text, whether what the section claims appears on it. Text
 * cross-checks inform; they never reject.
 */
export function checkEvidence(
  sections: readonly EvidenceSection[],
  evidence: EvidenceFacts | undefined,
): EvidenceFinding[] {
  const findings: EvidenceFinding[] = [];
  const base = (s: EvidenceSection) => ({ section: s.id, sectionLabel: s.label, path: s.path });
  // Each page's text is normalised once, however many sections cite it.
  const normalised = new Map<number, string>();
  const textOf = (page: number, text: string): string => {
    let t = normalised.get(page);
    if (t === undefined) {
      t = normalizeText(text);
      normalised.set(page, t);
    }
    return t;
  };
  for (const s of sections) {
    if (!s.pages || s.pages.length === 0) {
      if (s.required) {
        findings.push({
          ...base(s),
          code: "EVIDENCE_PAGES_MISSING",
          severity: "gap",
          pages: [],
          message: E.pagesMissing(s.label),
        });
      }
      continue;
    }
    if (!evidence) continue;
    const beyond = s.pages.filter((p) => p > evidence.pageCount);
    if (beyond.length > 0) {
      findings.push({
        ...base(s),
        code: "EVIDENCE_PAGE_OUT_OF_RANGE",
        severity: "gap",
        pages: beyond,
        message: E.outOfRange(s.label, beyond, evidence.pageCount),
      });
    }
    const inRange = s.pages.filter((p) => p <= evidence.pageCount);
    const scanned = inRange.filter((p) => evidence.pages?.[p - 1]?.kind === "scanned");
    if (scanned.length > 0) {
      findings.push({
        ...base(s),
        code: "EVIDENCE_PAGE_SCANNED",
        severity: "manual",
        pages: scanned,
        message: E.scanned(s.label, scanned),
      });
    }
    const textPages = inRange.flatMap((p) => {
      const page = evidence.pages?.[p - 1];
      return page?.kind === "text" ? [{ page: p, text: textOf(p, page.text) }] : [];
    });
    if (textPages.length === 0) continue;
    for (const claim of s.claims) {
      const shown = claimText(claim);
      const on = textPages.filter((t) => appears(claim, t.text)).map((t) => t.page);
      const cited = textPages.map((t) => t.page);
      findings.push(
        on.length > 0
          ? {
              ...base(s),
              code: "EVIDENCE_CLAIM_FOUND",
              severity: "info",
              pages: on,
              message: E.claimFound(claim.label, shown, on),
            }
          : {
              ...base(s),
              code: "EVIDENCE_CLAIM_NOT_FOUND",
              severity: "warning",
              pages: cited,
              message: E.claimNotFound(claim.label, shown, cited),
            },
      );
    }
  }
  return findings;
}

/** The text layer as compared: compatibility forms folded (full-width digits, brackets), no white space. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{Cf}]/gu, "");
}

function claimText(claim: Claim): string {
  return claim.kind === "figure" ? `${claim.value}${claim.unit === "%" ? "%" : ""}` : claim.value;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether a claim appears in normalised page text: names and codes as substrings, figures in their usual spellings. */
export function appears(claim: Claim, text: string): boolean {
  if (claim.kind === "name") return text.includes(normalizeText(claim.value));
  if (claim.kind === "code") return text.toUpperCase().includes(normalizeText(claim.value).toUpperCase());
  return figureSpellings(claim.value, claim.unit).some((spelling) =>
    new RegExp(`(?<![\\d.,])${escapeRegExp(spelling)}(?![\\d]|[.,]\\d)`, "u").test(text),
  );
}
