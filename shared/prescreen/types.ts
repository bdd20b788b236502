import type { CriterionKind } from "../call/eligibility.ts";
import type { EvidenceCode } from "../messages/prescreen.ts";

/** The accepted evidence file's facts: its page count and, per page (index 0 is page 1), its text or "scanned". */
export interface EvidenceFacts {
  pageCount: number;
  /** Absent or shorter than pageCount where the text is not known. */
  pages?: readonly EvidencePage[];
}
export type EvidencePage = { kind: "text"; text: string } | { kind: "scanned" };

export type Outcome = "met" | "not-met" | "expert" | "incomplete";

export interface CriterionResult {
  id: string;
  kind: CriterionKind;
  /** Whether a machine decides it (everything but expert items). */
  machine: boolean;
  text: string;
  outcome: Outcome;
  /** Chinese: what the notice asks. */
  expected: string;
  /** Chinese: what the form says. */
  found: string;
  /** Chinese: how to close the gap, when there is one. */
  fix?: string;
  /** The 佐证材料 pages the form cites for it. */
  pages: number[];
  /** Form paths of fields still to fill for it. */
  missing: string[];
}

export interface ConditionResult {
  number: number;
  title: string;
  mandatory: boolean;
  status: Outcome;
  /** 符合 / 不符合 / 待专家判断 / 资料不全 */
  statusLabel: string;
  criteria: CriterionResult[];
}

export interface EvidenceFinding {
  code: EvidenceCode;
  /** "gap" needs the school's action; "warning" informs and never rejects; "info" confirms; "manual" is for people. */
  severity: "gap" | "warning" | "info" | "manual";
  section: string;
  sectionLabel: string;
  /** Form path of the page reference. */
  path: string;
  pages: number[];
  message: string;
}

export type Tri = "yes" | "no" | "incomplete";

export interface PrescreenResult {
  callId: string;
  conditions: ConditionResult[];
  overall: {
    /** All mandatory conditions met as far as the data decides (experts may still judge their expert items). */
    basicConditionsMet: Tri;
    /** How many of the optional conditions are met as far as the data decides. */
    optionalMet: number;
    optionalFrom: number;
    optionalAtLeast: number;
    /** The selection rule ("all of 1–4 and at least 4 of 5–10"). */
    ruleSatisfied: Tri;
    /** Expert-judgement items left for reviewers. */
    expertPending: number;
    summary: string;
  };
  evidence: EvidenceFinding[];
}
