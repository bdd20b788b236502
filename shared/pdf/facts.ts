/**
 * What PDF inspection learns about a file. Plain data: the checks read it, the inspector produces it,
 * and it crosses a worker boundary, so it holds nothing but JSON-compatible values.
 */

/** One page as a reviewer sees it: size in PDF points (1/72 inch) after the page's /Rotate is applied. */
/**
 * Whether to read a file's text layer: not at all; `true`, for text the rules check (a failure to read it makes the
 * file unreadable); or "if-readable", for text that is only kept (a failure leaves the facts without a text layer,
 * so it can never change a verdict).
 */
export type TextLayerMode = boolean | "if-readable";

export interface PageBox {
  widthPt: number;
  heightPt: number;
  /** The page's /Rotate, normalised to 0, 90, 180 or 270. */
  rotation: number;
}

export interface PdfPermissions {
  print: boolean;
  printHighQuality: boolean;
  copy: boolean;
  modify: boolean;
  annotate: boolean;
  fillForms: boolean;
  copyForAccessibility: boolean;
  assemble: boolean;
}

export interface PdfFacts {
  /** Header version, e.g. "1.7"; null when the header carries none that can be read. */
  version: string | null;
  /**
   * Pages a reviewer will see: the leaf pages found by walking the page tree (page-tree-walk.ts) when that walk
   * finished, else as pdf.js counts them.
   */
  pageCount: number;
  pages: PageBox[];
  /**
   * Null when the file is not encrypted; set when it is encrypted but opens without a password (owner password only).
   * `restricted` is true when any permission is denied.
   */
  encryption: { permissions: PdfPermissions; restricted: boolean } | null;
  outline: { present: boolean; entries: number };
  producer: string | null;
  creator: string | null;
  title: string | null;
  /** The independent walk of the page tree; null when it could not finish, absent from older results. */
  pageTree?: PageTreeWalk | null;
  /** The other document properties, from the information dictionary and the XMP metadata. */
  properties?: DocumentProperties;
  activeContent: {
    javaScript: boolean;
    launchAction: boolean;
    /** Short English descriptions for operators, e.g. "document-level JavaScript", "Launch action on page 3". */
    details: string[];
  };
  /** The text layer, read only when asked for (the document types whose text is checked; see text-layer.ts). */
  textLayer?: TextLayerFacts;
  /** Why a text layer read only "if-readable" could not be read (pdf.js's error); absent when read or not asked for. */
  textLayerUnreadable?: string;
}

/** How many visible characters of body text have one value (a font name, a size or a line spacing in pt). */
export interface StyleShare {
  value: string;
  chars: number;
}

export interface TextLayerFacts {
  /** Pages read, from the first (bounded). */
  pagesExamined: number;
  /** 1-based numbers of examined pages without a text layer: scans or photos, whose words cannot be read. */
  pagesWithoutText: number[];
  /** Each examined page's text, lines top to bottom joined by "\n"; "" for a page without text. */
  pageTexts: string[];
  /** True when pages or characters beyond the limits were not read. */
  truncated: boolean;
  /** Body text (every examined page but the cover) by font name without subset prefix, most used first. */
  fonts: StyleShare[];
  /** Body text by font size in pt (to 0.5), most used first. */
  sizes: StyleShare[];
  /** Body lines by the distance from the previous line's baseline in pt (to 0.5), most used first. */
  leadings: StyleShare[];
}

/** What the walk of the page tree from the catalog found, beside what the file declares. */
export interface PageTreeWalk {
  /** Leaf pages reached, a page listed twice counted twice (as viewers, printers and qpdf show it). */
  pages: number;
  /** Distinct page objects among them. */
  distinctPages: number;
  /** The root node's /Count; null when it is not an integer. */
  declaredCount: number | null;
  /** The linearization dictionary's /N, when the file is linearized and that dictionary applies to it. */
  linearizedCount: number | null;
  /** Kids that lead back to one of their ancestors, skipped by the walk. */
  cycles: number;
}

/** Document properties besides producer, creator and title; dates as ISO 8601 strings. */
export interface DocumentProperties {
  author: string | null;
  subject: string | null;
  keywords: string | null;
  createdAt: string | null;
  modifiedAt: string | null;
  /** XMP dc:title (x-default or first) and dc:creator entries. */
  xmpTitle: string | null;
  xmpCreators: string[];
}

/** The kind of file detected from its first bytes when it is not a PDF. */
export type SniffedType =
  | "docx"
  | "xlsx"
  | "pptx"
  | "zip"
  | "ofd"
  | "ole"
  | "png"
  | "jpeg"
  | "gif"
  | "tiff"
  | "rar"
  | "7z"
  | "html"
  /** A PDF body without its "%PDF-" header (objects, xref, trailer). */
  | "pdf-headerless"
  | "text"
  | "unknown";

export type InspectionFailure =
  | { kind: "empty" }
  /** `opensInReaders`: for a headerless PDF, whether pdf.js (as forgiving as common readers) could open it. */
  | { kind: "not-pdf"; detected: SniffedType; opensInReaders?: boolean }
  | { kind: "damaged"; detail: string }
  | { kind: "password-required" }
  | { kind: "too-large"; size: number; limit: number }
  | { kind: "timeout"; limitMs: number }
  | { kind: "resource-limit"; detail: string }
  /** There was nothing to inspect: the stored object vanished before it could be read (deleted, or expired). */
  | { kind: "missing" };

export type InspectionResult = { ok: true; facts: PdfFacts } | { ok: false; failure: InspectionFailure };
