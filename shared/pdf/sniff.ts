/**
 * What kind of file a few leading bytes say this is. Pure and browser-safe: the upload page runs it on the first
 * bytes of the chosen file before anything is sent.
 */
import type { SniffedType } from "./facts.ts";

/** Acrobat, and pdf.js after it, accept a PDF header preceded by up to this much junk. */
const PDF_HEADER_SEARCH_LIMIT = 1024;
/** How much of a zip to search for the member names that tell Office and OFD files apart. */
const ZIP_NAME_SEARCH_LIMIT = 8192;
const TEXT_SAMPLE_LIMIT = 1024;

const PDF_HEADER = bytesOf("%PDF-");

const MAGIC: ReadonlyArray<{ type: SniffedType; bytes: readonly number[] }> = [
  { type: "ole", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: "png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "gif", bytes: bytesOf("GIF87a") },
  { type: "gif", bytes: bytesOf("GIF89a") },
  { type: "tiff", bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: "tiff", bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: "rar", bytes: [...bytesOf("Rar!"), 0x1a, 0x07] },
  { type: "7z", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
];

const ZIP_SIGNATURES = [bytesOf("PK\x03\x04"), bytesOf("PK\x05\x06"), bytesOf("PK\x07\x08")];

/** Member names that identify a zip's format; OFD first because an OFD package may also hold other folders. */
const ZIP_MEMBERS: ReadonlyArray<{ type: SniffedType; name: number[] }> = [
  { type: "ofd", name: bytesOf("OFD.xml") },
  { type: "docx", name: bytesOf("word/") },
  { type: "xlsx", name: bytesOf("xl/") },
  { type: "pptx", name: bytesOf("ppt/") },
];

const HTML_OPENINGS = ["<!doctype html", "<html", "<head", "<body"];

/** Classifies a file from its first bytes (a few KB is plenty; less still works for everything but zip flavours). */
export function sniffFileType(head: Uint8Array): "pdf" | SniffedType {
  if (pdfHeaderOffset(head) !== -1) return "pdf";
  for (const { type, bytes } of MAGIC) {
    if (startsWith(head, bytes)) return type;
  }
  if (ZIP_SIGNATURES.some((signature) => startsWith(head, signature))) return zipFlavour(head);
  if (looksLikeHtml(head)) return "html";
  if (looksLikeHeaderlessPdf(head)) return "pdf-headerless";
  if (looksLikeText(head)) return "text";
  return "unknown";
}

/** The version in the PDF header ("1.7", "2.0"), or null when there is no header or it names no version. */
export function pdfHeaderVersion(head: Uint8Array): string | null {
  const offset = pdfHeaderOffset(head);
  if (offset === -1) return null;
  const start = offset + PDF_HEADER.length;
  const [major, dot, minor] = [head[start], head[start + 1], head[start + 2]];
  if (major === undefined || minor === undefined || !isDigit(major) || dot !== 0x2e || !isDigit(minor))
    return null;
  return `${String.fromCharCode(major)}.${String.fromCharCode(minor)}`;
}

function pdfHeaderOffset(head: Uint8Array): number {
  return indexOf(head, PDF_HEADER, PDF_HEADER_SEARCH_LIMIT + PDF_HEADER.length);
}

function zipFlavour(head: Uint8Array): SniffedType {
  for (const { type, name } of ZIP_MEMBERS) {
    if (indexOf(head, name, ZIP_NAME_SEARCH_LIMIT) !== -1) return type;
  }
  return "zip";
}

function looksLikeHtml(head: Uint8Array): boolean {
  const start = skipBomAndWhitespace(head);
  const opening = String.fromCharCode(...head.subarray(start, start + 16)).toLowerCase();
  return HTML_OPENINGS.some((tag) => opening.startsWith(tag));
}

/** An indirect object's opening, "12 0 obj". */
const OBJECT_OPENING = /^\d{1,10}[\0\t\n\f\r ]+\d{1,5}[\0\t\n\f\r ]+obj\b/;
const OBJECT_ANYWHERE = /(?:^|[\0\t\n\f\r ])\d{1,10}[\0\t\n\f\r ]+\d{1,5}[\0\t\n\f\r ]+obj\b/;
const FILE_STRUCTURE = /\b(?:endobj|xref|trailer|startxref)\b/;

/**
 * A PDF body without its "%PDF-" header: it opens with an indirect object (after whitespace and comments), or holds
 * one together with PDF file structure (endobj, xref, trailer, startxref). A text that merely mentions "1 0 obj" in
 * a sentence has neither.
 */
function looksLikeHeaderlessPdf(head: Uint8Array): boolean {
  const sample = String.fromCharCode(...head.subarray(0, Math.min(head.length, 8192)));
  const body = sample.replace(/^\uFEFF?(?:[\0\t\n\f\r ]+|%[^\r\n]*[\r\n]*)*/, "");
  if (OBJECT_OPENING.test(body)) return true;
  return (
    OBJECT_ANYWHERE.test(sample) &&
    /\bendobj\b/.test(sample) &&
    FILE_STRUCTURE.test(sample.replace(/\bendobj\b/g, ""))
  );
}

/**
 * Text in the encodings Chinese users produce: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
 * Control characters other than whitespace mean binary.
 */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  const sample = head.subarray(0, TEXT_SAMPLE_LIMIT);
  if (sample.some((byte) => (byte < 0x20 && !isTextWhitespace(byte)) || byte === 0x7f)) return false;
  return decodes(sample, "utf-8") || decodes(sample, "gb18030");
}

function decodes(bytes: Uint8Array, encoding: string): boolean {
  try {
    // `stream` because the sample may end inside a multi-byte character.
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function skipBomAndWhitespace(head: Uint8Array): number {
  let index = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (index < head.length && isTextWhitespace(head[index] ?? 0)) index++;
  return index;
}

function isTextWhitespace(byte: number): boolean {
  return byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** First index of needle in haystack that ends within the first `limit` bytes, or -1. */
function indexOf(haystack: Uint8Array, needle: readonly number[], limit: number): number {
  const last = Math.min(haystack.length, limit) - needle.length;
  outer: for (let start = 0; start <= last; start++) {
    for (let offset = 0; offset < needle.length; offset++) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return start;
  }
  return -1;
}

function bytesOf(ascii: string): number[] {
  return Array.from(ascii, (character) => character.charCodeAt(0));
}
