import * as z from "zod/mini";
import { FINDING_CODES } from "../checks/codes.ts";
import { Eligibility } from "./eligibility.ts";

/**
 * A call for applications (申报通知) as data. Next year's call, or another province's, is a new definition of this
 * shape; nothing about a particular call lives in code. zod/mini, as the upload page parses it too (its messages,
 * for the operator, are classic zod's English: see resolve-call.ts).
 */

export const SchoolLevel = z.enum(["专科", "本科"]);
export type SchoolLevel = z.infer<typeof SchoolLevel>;

export const DocumentTypeDefinition = z.object({
  /** Stable identifier used in APIs and storage keys, e.g. "evidence". */
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,31}$/)),
  /** What applicants call it, e.g. "佐证材料". */
  label: z.string().check(z.minLength(1)),
  /** Most pages a file of this type may have; absent means no limit. */
  maxPages: z.optional(z.number().check(z.int(), z.positive())),
  /** Whether the file should carry bookmarks (an outline) as its table of contents. */
  requireBookmarks: z._default(z.boolean(), false),
});
export type DocumentTypeDefinition = z.infer<typeof DocumentTypeDefinition>;

const Severity = z.enum(["error", "warning", "info", "off"]);

export const CallDefinition = z
  .object({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{2,63}$/)),
    title: z.string().check(z.minLength(1)),
    /** Who issues the call, e.g. "河南省教育厅 河南省财政厅". */
    issuer: z.string().check(z.minLength(1)),
    /** The notice's reference number, e.g. "教职成〔2024〕346号". */
    reference: z.optional(z.string()),
    /** Whom applicants may ask, as printed in the notice; quoted at the foot of every e-mail. */
    contact: z.optional(z.string()),
    /** The last instant at which an upload counts as on time, ISO 8601 with an offset. */
    deadline: z.iso.datetime({ offset: true }),
    /**
     * The official file name without extension. `{school}` is the school's full name, `{major}` the major as named in
     * the catalog; both must appear once.
     */
    nameTemplate: z.string().check(
      z.refine((t) => t.split("{school}").length === 2 && t.split("{major}").length === 2, {
        message: "nameTemplate must contain {school} and {major} exactly once each",
      }),
    ),
    maxFileBytes: z.number().check(z.int(), z.positive()),
    /** Each school files one application; a newer accepted upload supersedes the previous one. */
    onePerSchool: z.boolean(),
    documentTypes: z.array(DocumentTypeDefinition).check(z.minLength(1)),
    defaultDocumentType: z.string(),
    /** The page size reviewers expect, with a tolerance for scanners and rounding. */
    pageSize: z.object({
      name: z.string(),
      widthMm: z.number().check(z.positive()),
      heightMm: z.number().check(z.positive()),
      toleranceMm: z.number().check(z.nonnegative()),
    }),
    /** Severity per finding code where the call differs from the default; "off" disables a rule. */
    rules: z._default(z.partialRecord(z.enum(FINDING_CODES as [string, ...string[]]), Severity), {}),
    /** Which catalog names majors, and how an operator may extend it without code changes. */
    catalog: z.object({
      /** Built-in catalog identifier. */
      builtin: z.literal("major-catalog-2021-gaozhi"),
      /** Human name of the catalog, used in messages. */
      label: z.string(),
    }),
    /** The eligibility conditions (申报条件) the pre-screen checks an application form against; see eligibility.ts. */
    eligibility: z.optional(Eligibility),
  })
  .check(
    z.refine((c) => c.documentTypes.some((d) => d.id === c.defaultDocumentType), {
      message: "defaultDocumentType must be one of documentTypes",
      path: ["defaultDocumentType"],
    }),
  );
export type CallDefinition = z.infer<typeof CallDefinition>;
export type CallDefinitionInput = z.input<typeof CallDefinition>;
