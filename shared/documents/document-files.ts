/**
 * The school's generated documents as the API names them: `GET /api/me/documents/{document}`. Pure, no `docx`: the
 * web page imports it for the paths and the content type.
 */
export type DocumentKind = "application" | "plan";

/** The path segment of each document, its ASCII file name (the download's fallback name too). */
export const DOCUMENT_FILES = {
  application: "application.docx",
  plan: "plan.docx",
} as const satisfies Record<DocumentKind, string>;

export const DOCUMENT_KINDS = Object.keys(DOCUMENT_FILES) as DocumentKind[];

/** Word's .docx (Office Open XML word-processing document). */
export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The document a path segment names, or undefined for any other name. */
export function documentKindOf(segment: string): DocumentKind | undefined {
  return DOCUMENT_KINDS.find((kind) => DOCUMENT_FILES[kind] === segment);
}

/** `/api/me/documents/application.docx` */
export function documentPath(kind: DocumentKind): string {
  return `/api/me/documents/${DOCUMENT_FILES[kind]}`;
}
