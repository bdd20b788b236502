import type { ApplicationFormStore } from "../application/form-store.ts";
import type { MajorCatalog } from "../call/catalog.ts";
import type { CallDefinition } from "../call/schema.ts";
import { DOCUMENTS_MESSAGES } from "../messages/documents.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import { applicationDocx } from "./application-docx.ts";
import { planDocx } from "./plan-docx.ts";

export type DocumentKind = "application" | "plan";

export interface GeneratedDocument {
  fileName: string;
  bytes: Buffer;
}

/** The school has saved no 申报书 form yet: there is nothing to fill the documents from. */
export class NoApplicationForm extends Error {
  override name = "NoApplicationForm";
  constructor(readonly schoolId: string) {
    super(`school ${schoolId} has no application form`);
  }
}

export interface SchoolDocumentsDeps {
  forms: Pick<ApplicationFormStore, "getForm">;
  call: Pick<CallDefinition, "issuer" | "nameTemplate">;
  catalog: MajorCatalog;
  /** The month printed on the 申报书's cover, "YYYY-MM" (Beijing time of generation). */
  month: string;
}

/** "YYYY-MM" of an instant in Beijing time (UTC+8, no daylight saving). */
export function beijingMonth(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/**
 * One of a registered school's documents, generated from its stored form: the 申报书 (附件1) or the 建设方案
 * skeleton (附件2), with the file name to offer. @throws NoApplicationForm
 */
export async function schoolDocument(
  kind: DocumentKind,
  school: Pick<SchoolRecord, "schoolId" | "name" | "level">,
  deps: SchoolDocumentsDeps,
): Promise<GeneratedDocument> {
  const stored = await deps.forms.getForm(school.schoolId);
  if (!stored) throw new NoApplicationForm(school.schoolId);
  const target = { name: school.name, level: school.level };
  if (kind === "plan") {
    return {
      fileName: DOCUMENTS_MESSAGES.planFile(school.name),
      bytes: await planDocx({ form: stored.form, school: target }),
    };
  }
  return {
    fileName: DOCUMENTS_MESSAGES.applicationFile(school.name, stored.form.basic?.major),
    bytes: await applicationDocx({
      form: stored.form,
      school: target,
      catalog: deps.catalog,
      call: deps.call,
      month: deps.month,
    }),
  };
}

/** Content-Disposition for a download: an ASCII fallback name and the real one as RFC 5987 `filename*`. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
