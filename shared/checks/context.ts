import type { MajorCatalog } from "../call/catalog.ts";
import type { CallDefinition, SchoolLevel } from "../call/schema.ts";
import type { InspectionResult } from "../pdf/facts.ts";

/** What every rule may consult: the call and its catalog of majors. */
export interface CheckContext {
  call: CallDefinition;
  catalog: MajorCatalog;
  /**
   * Names of the schools registered for the call, when the caller has them (the metadata rule then also recognises
   * another registered school's name in a file's properties).
   */
  registeredSchools?: readonly string[];
}

/**
 * What is known about one submitted file. Before the upload (a link request, the web page) only the name, type and
 * declared size are known; after it, the inspection result too. Rules that need a missing fact stay silent.
 */
export interface SubmissionFacts {
  /** The file's own base name, as the applicant named it. */
  fileName: string;
  documentType: string;
  /** Size in bytes: declared before the upload, measured after it. */
  size: number;
  /** The school the file is filed for; absent when checking a file on its own. Without a level, majors of either level pass. */
  school?: { name: string; level?: SchoolLevel };
  /** When the upload completed (or is being requested); absent when no deadline applies. */
  submittedAt?: Date;
  inspection?: InspectionResult;
}

/** A rule: plain data in, findings out. One per file in shared/checks. */
export type Rule = (facts: SubmissionFacts, ctx: CheckContext) => import("./finding.ts").Finding[];
