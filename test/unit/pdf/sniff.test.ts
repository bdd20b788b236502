import { describe, expect, it } from "vitest";
import type { SniffedType } from "../../../shared/pdf/facts.ts";
import { pdfHeaderVersion, sniffFileType } from "../../../shared/pdf/sniff.ts";
import { chineseText, docxLikeZip, tinyPng } from "../../fixtures/pdf/make-fixtures.ts";

const ascii = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));
const bytes = (...values: number[]) => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const zipWithMember = (name: string) => concat(ascii("PK\x03\x04"), new Uint8Array(26), ascii(name));

describe("sniffFileType", () => {
  it.each<[string, Uint8Array]>([
    ["a PDF header at the start", ascii("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")],
    ["a PDF header after 1000 bytes of junk", concat(new Uint8Array(1000).fill(0x20), ascii("%PDF-1.4\n"))],
    ["a PDF header at the 1024-byte limit", concat(new Uint8Array(1024), ascii("%PDF-1.4\n"))],
  ])("recognises %s", (_, head) => {
    expect(sniffFileType(head)).toBe("pdf");
  });

  it("does not look for a PDF header past the first 1024 bytes", () => {
    expect(sniffFileType(concat(new Uint8Array(1025).fill(0x41), ascii("%PDF-1.4\n")))).toBe("text");
  });

  it.each<[SniffedType, Uint8Array]>([
    ["docx", docxLikeZip()],
    ["xlsx", zipWithMember("xl/workbook.xml")],
    ["pptx", zipWithMember("ppt/presentation.xml")],
    ["ofd", zipWithMember("OFD.xml")],
    ["zip", zipWithMember("photos/1.jpg")],
    ["zip", ascii("PK\x05\x06")],
    ["ole", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)],
    ["png", tinyPng()],
    ["jpeg", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46)],
    ["gif", ascii("GIF89a\x01\x00")],
    ["gif", ascii("GIF87a\x01\x00")],
    ["tiff", bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)],
    ["tiff", bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8)],
    ["rar", bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00)],
    ["7z", bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4)],
    ["html", ascii("<!DOCTYPE html>\n<html lang=zh>")],
    ["html", concat(bytes(0xef, 0xbb, 0xbf), ascii("\n  <html>"))],
    ["text", chineseText()],
    ["text", concat(bytes(0xef, 0xbb, 0xbf), chineseText())],
    ["text", new TextEncoder().encode("申报材料").subarray(0, 5)],
    ["text", bytes(0xc9, 0xea, 0xb1, 0xa8, 0xb2, 0xc4, 0xc1, 0xcf)],
    ["text", bytes(0xff, 0xfe, 0x33, 0x75)],
    ["unknown", bytes(0x00, 0x01, 0x02, 0x03, 0xfe, 0x00)],
    ["unknown", new Uint8Array(0)],
  ])("detects %s", (expected, head) => {
    expect(sniffFileType(head)).toBe(expected);
  });
});

describe("pdfHeaderVersion", () => {
  it.each<[string, Uint8Array, string | null]>([
    ["a 1.x header", ascii("%PDF-1.7\n"), "1.7"],
    ["a 2.0 header", ascii("%PDF-2.0\r"), "2.0"],
    ["a header after junk", ascii("\r\nJUNK%PDF-1.3\n"), "1.3"],
    ["a header without a version", ascii("%PDF-\n1 0 obj"), null],
    ["a malformed version", ascii("%PDF-1,4\n"), null],
    ["a file cut inside the version", ascii("%PDF-1"), null],
    ["a file that is not a PDF", ascii("<html>"), null],
  ])("reads %s", (_, head, expected) => {
    expect(pdfHeaderVersion(head)).toBe(expected);
  });
});
