/**
 * pdf.js made usable in this thread under Node, from source or bundled: its worker code runs in-process (pdf.js's
 * "fake worker"), so no worker file has to be found at run time. Isolation is the inspector's job, not pdf.js's.
 * Loading it changes global built-ins (see pdfjs-node-globals.ts): import it only where inspection runs.
 */
// First, and as a bare import so that import sorting keeps it first: it must run before pdf.js loads.
import "./pdfjs-node-globals.ts";

import { WorkerMessageHandler } from "pdfjs-dist/legacy/build/pdf.worker.mjs";
import { restoreGlobals } from "./pdfjs-node-globals.ts";
import "pdfjs-dist/legacy/build/pdf.mjs";

// pdf.js looks for an in-process worker here before it tries to load `GlobalWorkerOptions.workerSrc`.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler };
restoreGlobals();

export type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
export { getDocument, PermissionFlag, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";
