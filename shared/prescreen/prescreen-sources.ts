import type { StoredForm } from "../application/form-store.ts";
import type { MajorCatalog } from "../call/catalog.ts";
import type { CallDefinition } from "../call/schema.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { BundleEntry } from "../summary/bundle-manifest.ts";
import { prescreen } from "./prescreen.ts";
import type { PrescreenSource } from "./prescreen-table.ts";

/**
 * Who the 资格初审表 lists and with what: every school with a saved 申报书 or a current accepted application. The
 * pre-screen is the one stored with the form (recomputed on every save and on every accepted 佐证材料); a form
 * stored without one for this call is pre-screened here against the evidence's page count. The evidence link is
 * the bundle's path of the school's current accepted 佐证材料. Pure: the caller reads.
 */
export function prescreenSources(input: {
  call: CallDefinition;
  catalog: MajorCatalog;
  schools: readonly SchoolRecord[];
  forms: readonly StoredForm[];
  /** bundleEntries() of every current accepted application, as the bundle names them. */
  entries: readonly BundleEntry[];
  evidenceDocumentType: string;
}): { sources: PrescreenSource[]; withoutForm: SchoolRecord[] } {
  const forms = new Map(input.forms.map((f) => [f.schoolId, f]));
  const evidence = new Map(
    input.entries
      .filter((e) => e.application.documentType === input.evidenceDocumentType)
      .map((e) => [e.application.school.schoolId, e]),
  );
  const applied = new Set(input.entries.map((e) => e.application.school.schoolId));
  const listed = input.schools.filter((s) => forms.has(s.schoolId) || applied.has(s.schoolId));
  const sources = listed.map((school): PrescreenSource => {
    const stored = forms.get(school.schoolId);
    const entry = evidence.get(school.schoolId);
    const pageCount = entry?.application.submission.verdict?.pageCount;
    const result =
      stored?.prescreen?.callId === input.call.id
        ? stored.prescreen
        : stored && input.call.eligibility
          ? prescreen(input.call, stored.form, input.catalog, pageCount == null ? undefined : { pageCount })
          : undefined;
    const major = stored?.form.basic?.major;
    return {
      schoolId: school.schoolId,
      schoolName: school.name,
      ...(major ? { major } : {}),
      ...(result ? { result } : {}),
      ...(entry ? { evidencePath: entry.path } : {}),
    };
  });
  return { sources, withoutForm: listed.filter((s) => !forms.has(s.schoolId)) };
}
