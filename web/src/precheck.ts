import type { CheckContext, SubmissionFacts } from "../../shared/checks/context.ts";
import type { Finding } from "../../shared/checks/finding.ts";
import { checkBeforeUpload } from "../../shared/checks/upload-rules.ts";
import type { InspectionResult } from "../../shared/pdf/facts.ts";
import { sniffFileType } from "../../shared/pdf/sniff.ts";

/** How much of a file the type sniffer reads: enough for a PDF header after junk and for zip member names. */
const HEAD_BYTES = 4096;

/**
 * The checks a browser can run before any byte is sent: the call's own rules (shared/checks/upload-rules.ts, the
 * server's), given the name, type, size and time, and the first bytes of the file as a synthetic inspection result,
 * so that an empty or non-PDF file gets exactly the finding the server would record after the upload.
 */
export async function precheckFile(
  file: Blob & { name: string },
  facts: Omit<SubmissionFacts, "fileName" | "size" | "inspection">,
  ctx: CheckContext,
): Promise<Finding[]> {
  const inspection = await inspectHead(file);
  return checkBeforeUpload(
    { ...facts, fileName: file.name, size: file.size, ...(inspection ? { inspection } : {}) },
    ctx,
  );
}

/** A failure the first bytes already prove; undefined when they look like a PDF (the server inspects the rest). */
async function inspectHead(file: Blob): Promise<InspectionResult | undefined> {
  if (file.size === 0) return { ok: false, failure: { kind: "empty" } };
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const detected = sniffFileType(head);
  if (detected === "pdf") return undefined;
  return { ok: false, failure: { kind: "not-pdf", detected } };
}
