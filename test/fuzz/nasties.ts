/**
 * Hand-made hostile PDFs, each aimed at one way a parser can be made to hang, loop, exhaust memory or crash.
 * Deterministic, so a failure reproduces byte for byte.
 */
import { PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { A4, makePdf } from "../fixtures/pdf/make-fixtures.ts";
import { mutate } from "./mutations.ts";
import type { Seed } from "./seeds.ts";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

/** `%PDF-1.7` and then `megabytes` MB of pseudo-random bytes (xorshift, fixed seed). */
export function headerThenGarbage(megabytes: number): Uint8Array {
  const out = new Uint8Array(megabytes * 1024 * 1024);
  const header = bytesOf("%PDF-1.7\n");
  out.set(header);
  let state = 0x9e3779b9;
  for (let i = header.length; i < out.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

/** A two-page file whose startxref names an offset far past its end. */
export async function xrefPastEof(): Promise<Uint8Array> {
  const text = latin1(await makePdf({ pages: 2, useObjectStreams: false }));
  return bytesOf(text.replace(/startxref\s+\d+/, "startxref 999999999"));
}

/** A page without a MediaBox of its own whose /Parent is itself: inherited attributes are looked up forever. */
export async function cyclicParent(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(A4);
  page.node.delete(PDFName.of("MediaBox"));
  page.node.set(PDFName.of("Parent"), page.ref);
  return doc.save({ useObjectStreams: false });
}

/** The root page-tree node lists itself among its kids. */
export async function kidsListingItself(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage(A4);
  const root = doc.catalog.Pages();
  const rootRef = doc.catalog.get(PDFName.of("Pages"));
  if (!rootRef) throw new Error("pdf-lib wrote no /Pages");
  root.set(PDFName.of("Kids"), doc.context.obj([rootRef, ...root.Kids().asArray()]));
  return doc.save({ useObjectStreams: false });
}

/** Two page-tree nodes, each the other's only kid. */
export async function kidsLoopOfTwo(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage(A4);
  const root = doc.catalog.Pages();
  const rootRef = doc.catalog.get(PDFName.of("Pages"));
  if (!rootRef) throw new Error("pdf-lib wrote no /Pages");
  const inner = doc.context.register(
    doc.context.obj({ Type: "Pages", Kids: [rootRef], Count: 1, Parent: rootRef }),
  );
  root.set(PDFName.of("Kids"), doc.context.obj([inner]));
  return doc.save({ useObjectStreams: false });
}

/** One page, while the page tree claims 2,147,483,647. */
export async function pageCountClaim(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage(A4);
  doc.catalog.Pages().set(PDFName.of("Count"), PDFNumber.of(2_147_483_647));
  return doc.save({ useObjectStreams: false });
}

/** One page whose document information dictionary holds an array nested `depth` deep. */
export async function deeplyNestedInfo(depth: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage(A4);
  doc.setTitle("nested");
  const text = latin1(await doc.save({ useObjectStreams: false }));
  return bytesOf(
    text.replace("/Title (nested)", `/Title (nested) /Keywords ${"[".repeat(depth)}${"]".repeat(depth)}`),
  );
}

/**
 * Found by this fuzz (FUZZ_SEED 42, case 681): the owner-password file with a generation number of 10^26. pdf.js
 * answers, and a moment later rejects a promise nobody awaits; before the inspection worker dropped such
 * rejections, Node ended the worker for it, failing whichever file was being inspected then.
 */
export function strayRejectionFile(ownerOnlySeed: Seed): Uint8Array {
  return mutate(ownerOnlySeed.bytes, [
    { kind: "nest", at: 148_138_216, depth: 35, opener: "[" },
    { kind: "number", nth: 33, value: "99999999999999999999999999" },
    { kind: "flip", at: 654_332_207, bit: 5 },
  ]);
}
