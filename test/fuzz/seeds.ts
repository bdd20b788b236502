/**
 * The real files the fuzz mutates, byte for byte the same on every run (a fixed FUZZ_SEED must reproduce a case):
 * pdf-lib output without dates, the local stack's sample with its dates pinned, and the two encrypted files qpdf
 * made (test/fixtures/pdf/README.md). Between them they hold what a parser branches on: object streams and a
 * classic xref table, Flate content, a CJK font, XMP metadata, outlines, link, JavaScript and Launch actions,
 * rotated pages, and AES-256 encryption with and without an open password.
 */
import { readFile } from "node:fs/promises";
import { samplePdf } from "../../infra/local/sample-pdf.ts";
import { A4, A4_LANDSCAPE, chineseApplicationPdf, makePdf } from "../fixtures/pdf/make-fixtures.ts";

export interface Seed {
  name: string;
  bytes: Uint8Array;
  /** What the unmutated file gets, so the corpus is known to start from files the pipeline really sees. */
  baseline: { verdict: "accepted" | "rejected"; pageCount: number | null };
}

const FIXTURES = new URL("../fixtures/pdf/", import.meta.url);

export async function fuzzSeeds(): Promise<Seed[]> {
  const accepted = (pageCount: number) => ({ verdict: "accepted" as const, pageCount });
  return [
    { name: "text, object streams", bytes: await makePdf({ pages: 3 }), baseline: accepted(3) },
    {
      name: "text, classic xref table",
      bytes: await makePdf({ pages: 2, useObjectStreams: false }),
      baseline: accepted(2),
    },
    { name: "Chinese, outline, XMP", bytes: await chineseApplicationPdf(5), baseline: accepted(5) },
    { name: "local-stack sample", bytes: await pinnedSamplePdf(4), baseline: accepted(4) },
    {
      name: "URI, Launch and JavaScript links",
      bytes: await makePdf({
        pages: [{ link: "uri" }, { link: "launch" }, { link: "javascript" }],
        useObjectStreams: false,
      }),
      baseline: { verdict: "rejected", pageCount: 3 },
    },
    {
      name: "document JavaScript, Launch on open",
      bytes: await makePdf({ pages: 1, documentJavaScript: true, launchOnOpen: true }),
      baseline: { verdict: "rejected", pageCount: 1 },
    },
    {
      name: "landscape and rotated pages",
      bytes: await makePdf({ pages: [{ size: A4_LANDSCAPE }, { size: A4, rotate: 90 }], outline: true }),
      baseline: accepted(2),
    },
    {
      name: "AES-256, owner password only",
      bytes: new Uint8Array(await readFile(new URL("encrypted-owner-only.pdf", FIXTURES))),
      baseline: { verdict: "rejected", pageCount: 2 },
    },
    {
      name: "AES-256, open password",
      bytes: new Uint8Array(await readFile(new URL("encrypted-user-password.pdf", FIXTURES))),
      baseline: { verdict: "rejected", pageCount: null },
    },
  ];
}

/** samplePdf stamps the current time into the file; the same-length fixed dates keep every offset valid. */
async function pinnedSamplePdf(pages: number): Promise<Uint8Array> {
  const text = Buffer.from(await samplePdf({ pages })).toString("latin1");
  return new Uint8Array(Buffer.from(text.replace(/D:\d{14}/g, "D:20241101090000"), "latin1"));
}
