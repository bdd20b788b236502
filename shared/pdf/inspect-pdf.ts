/**
 * Inspects a PDF's bytes with pdf.js in this thread and reports what the checks need. Unbounded in time and memory:
 * hostile files must go through the inspector (inspector.ts), which runs this in a worker it can kill.
 */
import type {
  InspectionFailure,
  InspectionResult,
  PageBox,
  PdfFacts,
  PdfPermissions,
  TextLayerFacts,
  TextLayerMode,
} from "./facts.ts";
import { walkPageTree } from "./page-tree-walk.ts";
import { pdfDateToIso } from "./pdf-date.ts";
import { pdfjsDataPaths } from "./pdfjs-data.ts";
import { getDocument, type PDFDocumentProxy, PermissionFlag, VerbosityLevel } from "./pdfjs-in-process.ts";
import { type ActionScan, scanActions } from "./scan-actions.ts";
import { pdfHeaderVersion, sniffFileType } from "./sniff.ts";
import { readTextLayer } from "./text-layer.ts";

export interface InspectOptions {
  /**
   * Let pdf.js take `bytes` itself (their buffer is detached when the view spans all of it) instead of a copy.
   * For a caller that owns the bytes and is done with them, such as the inspector's worker.
   */
  consumeBytes?: boolean;
  /** Also read the text layer (text-layer.ts): for the document types whose text is checked or kept. */
  textLayer?: TextLayerMode;
}

const SNIFF_BYTES = 8192;

const LOAD_OPTIONS = {
  ...pdfjsDataPaths(),
  cMapPacked: true,
  isEvalSupported: false,
  disableFontFace: true,
  disableAutoFetch: true,
  disableStream: true,
  useSystemFonts: false,
  verbosity: VerbosityLevel.ERRORS,
} as const;

/** Names under which pdf.js reports a file it cannot read; any other error is a failure of ours and is thrown. */
const UNREADABLE_FILE_ERRORS = new Set(["InvalidPDFException", "UnknownErrorException", "FormatError"]);

export async function inspectPdfBytes(
  bytes: Uint8Array,
  options: InspectOptions = {},
): Promise<InspectionResult> {
  if (bytes.length === 0) return failed({ kind: "empty" });
  const head = bytes.subarray(0, SNIFF_BYTES);
  const detected = sniffFileType(head);
  if (detected === "pdf-headerless") {
    return failed({ kind: "not-pdf", detected, opensInReaders: await opensAnyway(bytes) });
  }
  if (detected !== "pdf") return failed({ kind: "not-pdf", detected });
  const version = pdfHeaderVersion(head);
  // Before pdf.js, which may take the buffer.
  const actions = scanActions(bytes);
  const pageTree = walkPageTree(bytes);

  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const task = getDocument({ ...LOAD_OPTIONS, data: options.consumeBytes ? plain : plain.slice() });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    return unreadable(error);
  }
  try {
    if (doc.numPages === 0) return failed({ kind: "damaged", detail: "the page tree holds no pages" });
    const { facts, documentScripts } = await readFacts(doc, version);
    const textLayer = options.textLayer ? await textLayerOf(doc, options.textLayer) : {};
    return {
      ok: true,
      facts: {
        ...facts,
        // The pages a reviewer will see: the walked count when the walk finished (see page-tree-walk.ts).
        pageCount: pageTree?.pages || facts.pageCount,
        pageTree,
        activeContent: activeContent(documentScripts, actions),
        ...textLayer,
      },
    };
  } catch (error) {
    return unreadable(error);
  } finally {
    await doc.destroy();
  }
}

/**
 * The text layer; one only kept ("if-readable") that pdf.js cannot read is left out rather than fail the file, with
 * pdf.js's reason, so that whoever keeps the text can say why it has none.
 */
async function textLayerOf(
  doc: PDFDocumentProxy,
  mode: TextLayerMode,
): Promise<{ textLayer?: TextLayerFacts; textLayerUnreadable?: string }> {
  if (mode !== "if-readable") return { textLayer: await readTextLayer(doc) };
  try {
    return { textLayer: await readTextLayer(doc) };
  } catch (error) {
    return {
      textLayerUnreadable: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

/** Whether pdf.js, as forgiving as common readers, opens a file that is not a well-formed PDF and finds pages. */
async function opensAnyway(bytes: Uint8Array): Promise<boolean> {
  const task = getDocument({ ...LOAD_OPTIONS, data: bytes.slice() });
  try {
    const doc = await task.promise;
    return doc.numPages > 0;
  } catch {
    return false;
  } finally {
    await task.destroy();
  }
}

interface ReadFacts {
  facts: Omit<PdfFacts, "activeContent">;
  documentScripts: number;
}

async function readFacts(doc: PDFDocumentProxy, version: string | null): Promise<ReadFacts> {
  const [pages, permissionFlags, outline, metadata, documentActions] = await Promise.all([
    readPages(doc),
    doc.getPermissions(),
    doc.getOutline(),
    // Also parses the XMP stream, which costs ~0.1 ms on a typical file; the document information dictionary has
    // no cheaper route in pdf.js.
    doc.getMetadata(),
    doc.getJSActions(),
  ]);
  const info = metadata.info as DocumentInfo;
  const encrypted = permissionFlags !== null || typeof info.EncryptFilterName === "string";
  const permissions = encrypted ? permissionsFrom(permissionFlags) : null;
  const outlineEntries = countOutlineEntries(outline ?? []);
  return {
    facts: {
      version,
      pageCount: doc.numPages,
      pages,
      encryption: permissions && { permissions, restricted: Object.values(permissions).includes(false) },
      outline: { present: outlineEntries > 0, entries: outlineEntries },
      producer: textOrNull(info.Producer),
      creator: textOrNull(info.Creator),
      title: textOrNull(info.Title),
      properties: documentProperties(info, metadata.metadata),
    },
    documentScripts: Object.values(documentActions ?? {}).flat().length,
  };
}

/**
 * Document-level scripts come from pdf.js, which finds them even where the scan cannot look (an encrypted object
 * stream); every other action (links, form fields, page open and close, bookmarks) from the scan. pdf.js's per-page
 * getJSActions() and getAnnotations() would cost a round trip per page, getAnnotations() also extracts the text of
 * every page that has a link, and neither reports a Launch action.
 */
function activeContent(documentScripts: number, scan: ActionScan): PdfFacts["activeContent"] {
  return {
    javaScript: documentScripts > 0 || scan.javaScriptActions > 0,
    launchAction: scan.launchActions > 0,
    details: [
      ...(documentScripts > 0 ? [`document-level JavaScript (${documentScripts})`] : []),
      ...(scan.javaScriptActions > 0 ? [`JavaScript actions (${scan.javaScriptActions})`] : []),
      ...(scan.launchActions > 0 ? [`Launch actions (${scan.launchActions})`] : []),
    ],
  };
}

/** Pages are requested all at once: pdf.js answers them in one pass over the page tree, far faster than in turn. */
function readPages(doc: PDFDocumentProxy): Promise<PageBox[]> {
  const pageNumbers = Array.from({ length: doc.numPages }, (_, index) => index + 1);
  return Promise.all(
    pageNumbers.map(async (pageNumber) => {
      const page = await doc.getPage(pageNumber);
      // The viewport applies /Rotate and /UserUnit to the crop box: the size a reader sees and prints.
      const { width, height } = page.getViewport({ scale: 1 });
      return { widthPt: width, heightPt: height, rotation: page.rotate };
    }),
  );
}

/** Without /P (which the standard security handler requires) pdf.js enforces nothing, so neither do we. */
function permissionsFrom(flags: number[] | null): PdfPermissions {
  const allows = (flag: number) => flags === null || flags.includes(flag);
  return {
    print: allows(PermissionFlag.PRINT),
    printHighQuality: allows(PermissionFlag.PRINT_HIGH_QUALITY),
    copy: allows(PermissionFlag.COPY),
    modify: allows(PermissionFlag.MODIFY_CONTENTS),
    annotate: allows(PermissionFlag.MODIFY_ANNOTATIONS),
    fillForms: allows(PermissionFlag.FILL_INTERACTIVE_FORMS),
    copyForAccessibility: allows(PermissionFlag.COPY_FOR_ACCESSIBILITY),
    assemble: allows(PermissionFlag.ASSEMBLE),
  };
}

interface OutlineNode {
  items: OutlineNode[];
}

function countOutlineEntries(nodes: OutlineNode[]): number {
  return nodes.reduce((count, node) => count + 1 + countOutlineEntries(node.items), 0);
}

/** The document information dictionary as pdf.js reports it: values are whatever the file holds. */
interface DocumentInfo {
  EncryptFilterName?: unknown;
  Producer?: unknown;
  Creator?: unknown;
  Title?: unknown;
  Author?: unknown;
  Subject?: unknown;
  Keywords?: unknown;
  CreationDate?: unknown;
  ModDate?: unknown;
}

/** pdf.js's parsed XMP metadata: `get` answers dc:title as text and dc:creator as a list. */
interface XmpMetadata {
  get(name: string): unknown;
}

function documentProperties(info: DocumentInfo, xmp: XmpMetadata | null): PdfFacts["properties"] {
  const creators = xmp?.get("dc:creator");
  return {
    author: textOrNull(info.Author),
    subject: textOrNull(info.Subject),
    keywords: textOrNull(info.Keywords),
    createdAt: pdfDateToIso(info.CreationDate),
    modifiedAt: pdfDateToIso(info.ModDate),
    xmpTitle: textOrNull(xmp?.get("dc:title")),
    xmpCreators: Array.isArray(creators) ? creators.filter((c): c is string => textOrNull(c) !== null) : [],
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function unreadable(error: unknown): InspectionResult {
  const name = error instanceof Error ? error.name : undefined;
  if (name === "PasswordException") return failed({ kind: "password-required" });
  if (name !== undefined && UNREADABLE_FILE_ERRORS.has(name)) {
    return failed({ kind: "damaged", detail: `${name}: ${(error as Error).message}` });
  }
  throw error;
}

function failed(failure: InspectionFailure): InspectionResult {
  return { ok: false, failure };
}
