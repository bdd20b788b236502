import type { MajorCatalog } from "../call/catalog.ts";
import { documentTypeOf } from "../call/document-type.ts";
import type { CallDefinition } from "../call/schema.ts";
import { canonicalName, parseSubmissionName } from "../checks/name-template.ts";
import type { CurrentApplication } from "./current-applications.ts";

/**
 * The reviewers' bundle: every current accepted PDF under its official name, in a folder per document type
 * (佐证材料/, 申报书/ …: the call's name template is the same for every type), the summary workbook, and a manifest
 * with each file's SHA-256 (manifest.json, and SHA256SUMS for `sha256sum -c`). Pure: paths and texts only.
 */

export interface BundleEntry {
  /** Inside the bundle, "/"-separated. */
  path: string;
  application: CurrentApplication;
}

/** The official name: the template filled with the school's registered name and the catalog's name of the major. */
export function bundleEntries(
  applications: readonly CurrentApplication[],
  ctx: { call: CallDefinition; catalog: MajorCatalog },
): BundleEntry[] {
  const taken = new Set<string>();
  return applications.map((application) => {
    const { school, submission, documentType } = application;
    const parsed = parseSubmissionName(submission.fileName, ctx.call.nameTemplate);
    const folder = safeSegment(documentTypeOf(ctx.call, documentType)?.label ?? documentType);
    let name: string;
    if (parsed.ok) {
      const major = ctx.catalog.find(parsed.major, school.level)?.name ?? parsed.major;
      name = canonicalName(ctx.call.nameTemplate, { school: school.name, major });
    } else {
      // Accepted files passed the name checks; this is for a call that switched them off.
      name = submission.fileName;
    }
    let path = `${folder}/${safeSegment(name)}`;
    // Two schools cannot share a registered name and major in practice; if they do, neither file is lost.
    if (taken.has(path))
      path = `${folder}/${safeSegment(name.replace(/\.pdf$/i, ""))}（${school.schoolId}）.pdf`;
    taken.add(path);
    return { path, application };
  });
}

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  schoolId?: string;
  schoolName?: string;
  documentType?: string;
  submissionId?: string;
  receiptNumber?: string;
  pageCount?: number | null;
  uploadedAt?: string;
}

export function manifestJson(call: CallDefinition, createdAt: Date, files: readonly ManifestFile[]): string {
  return `${JSON.stringify({ call: { id: call.id, title: call.title, deadline: call.deadline }, createdAt: createdAt.toISOString(), files }, null, 2)}\n`;
}

/** The format `sha256sum -c` reads: hash, two spaces, path. */
export function sha256sums(files: readonly ManifestFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
}

/** No path separators or control characters inside one name (a school's own text becomes a path segment). */
function safeSegment(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
  return name.replace(/[/\\\u0000-\u001f\u007f]/g, "_").replace(/^\.+/, "_");
}
