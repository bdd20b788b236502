/**
 * What PDF inspection learns about a file. Plain data: the checks read it, the inspector produces it,
 * and it crosses a worker boundary, so it holds nothing but JSON-compatible values.
 */

/** One page as a reviewer sees it: size in PDF points (1/72 inch) after the page's /Rotate is applied. */
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
  /** Pages in the page tree as a viewer (pdf.js) counts them. */
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
  activeContent: {
    javaScript: boolean;
    launchAction: boolean;
    /** Short English descriptions for operators, e.g. "document-level JavaScript", "Launch action on page 3". */
    details: string[];
  };
  /** The text layer, read only when asked for (the document types whose text is checked; see text-layer.ts). */
  textLayer?: TextLayerFacts;
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
  | "text"
  | "unknown";

export type InspectionFailure =
  | { kind: "empty" }
  | { kind: "not-pdf"; detected: SniffedType }
  | { kind: "damaged"; detail: string }
  | { kind: "password-required" }
  | { kind: "too-large"; size: number; limit: number }
  | { kind: "timeout"; limitMs: number }
  | { kind: "resource-limit"; detail: string };

export type InspectionResult = { ok: true; facts: PdfFacts } | { ok: false; failure: InspectionFailure };
