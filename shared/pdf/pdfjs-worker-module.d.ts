/** pdfjs-dist ships no types for its worker module; inspection needs only the handler it exports. */
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
