/**
 * The page-tree walk against qpdf on a corpus generated here from several producers: on every honest file the walk,
 * the file's own /Count and `qpdf --show-npages` agree; on every liar the walk agrees with qpdf's own walk of the
 * tree (its --json page list), not with the count the file declares, and the checks report the disagreement.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageCount } from "../../../shared/checks/page-count.ts";
import { pageLimit } from "../../../shared/checks/page-limit.ts";
import { inspectPdfBytes } from "../../../shared/pdf/inspect-pdf.ts";
import { walkPageTree } from "../../../shared/pdf/page-tree-walk.ts";
import { flatTreePdf, handmadePdf, pageBody, pagesBody } from "../../fixtures/pdf/handmade-pdf.ts";
import { buildCorpus, type Corpus, hasTool, qpdfCounts } from "../../fixtures/pdf/page-count-corpus.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";

const QPDF = hasTool("qpdf");
if (!QPDF) console.warn("qpdf is not installed: the comparisons with qpdf are skipped (.ci/run installs it)");

let corpus: Corpus;
let dir: string;

beforeAll(async () => {
  corpus = await buildCorpus();
  for (const tool of corpus.missingTools)
    console.warn(`${tool} is not installed: its corpus files are skipped`);
  dir = (await import("node:fs/promises")).mkdtemp(
    join((await import("node:os")).tmpdir(), "shenbao-npages-"),
  ) as never;
  dir = await (dir as unknown as Promise<string>);
}, 60_000);

afterAll(async () => {
  await corpus?.cleanup();
  await (await import("node:fs/promises")).rm(dir, { recursive: true, force: true });
});

async function onDisk(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, "-")}.pdf`);
  await writeFile(path, bytes);
  return path;
}

const ctx = henanContext();

describe("honest files", () => {
  it("the corpus holds every producer whose tool is installed", () => {
    const names = corpus.honest.map((f) => f.name).join("\n");
    expect(names).toMatch(/pdf-lib/);
    expect(names).toMatch(/pdfkit/);
    expect(names).toMatch(/incremental/);
    if (hasTool("gs")) expect(names).toMatch(/Ghostscript pdfwrite/);
    if (hasTool("gs")) expect(names).toMatch(/image PDF \(Ghostscript viewjpeg/);
    if (hasTool("convert")) expect(names).toMatch(/image PDF/);
    if (QPDF) expect(names).toMatch(/--linearize[\s\S]*--object-streams=generate[\s\S]*--encrypt/);
    expect(corpus.honest.length).toBeGreaterThanOrEqual(QPDF ? 9 : 6);
  });

  it("walk = /Count = pdf.js, and no finding, on every honest file", async () => {
    for (const { name, bytes } of corpus.honest) {
      const walk = walkPageTree(bytes);
      expect(walk, name).not.toBeNull();
      expect(walk?.declaredCount, name).toBe(walk?.pages);
      const result = await inspectPdfBytes(bytes);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.failure)}`);
      expect(result.facts.pageCount, name).toBe(walk?.pages);
      expect(result.facts.pages.length, name).toBe(walk?.pages);
      expect(
        pageCount({ fileName: GOOD_NAME, documentType: "evidence", size: 1, inspection: result }, ctx),
        name,
      ).toEqual([]);
    }
  });

  it.skipIf(!QPDF)("walk = qpdf --show-npages = qpdf's own walk, on every honest file", async () => {
    for (const { name, bytes } of corpus.honest) {
      const counts = qpdfCounts(await onDisk(name, bytes));
      const walk = walkPageTree(bytes);
      expect({ name, walk: walk?.pages, ...counts }).toEqual({
        name,
        walk: counts.declared,
        declared: counts.declared,
        walked: counts.declared,
      });
    }
  });
});

describe("liars", () => {
  it("each is caught: PDF_PAGE_COUNT_INCONSISTENT names both numbers, and the checks use the walked count", async () => {
    expect(corpus.liars.length).toBeGreaterThanOrEqual(QPDF ? 5 : 4);
    for (const { name, bytes, claimed, pages } of corpus.liars) {
      const result = await inspectPdfBytes(bytes);
      if (name.includes("cycle")) {
        // pdf.js refuses a cyclic tree outright (PDF_DAMAGED); the walk finishes and names the cycle.
        expect(result).toMatchObject({ ok: false, failure: { kind: "damaged" } });
        expect(walkPageTree(bytes)).toMatchObject({ pages, cycles: 1 });
        continue;
      }
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.failure)}`);
      expect(result.facts.pageTree?.pages, name).toBe(pages);
      expect(result.facts.pageCount, name).toBe(pages);
      const findings = pageCount(
        { fileName: GOOD_NAME, documentType: "evidence", size: 1, inspection: result },
        ctx,
      );
      expect(
        findings.map((f) => [f.code, f.severity]),
        name,
      ).toEqual([["PDF_PAGE_COUNT_INCONSISTENT", "error"]]);
      expect(findings[0]?.message, name).toContain(`共 ${pages} 页`);
      if (claimed !== null && claimed !== pages)
        expect(findings[0]?.message, name).toContain(`${claimed} 页`);
    }
  });

  it("a file declaring 10 pages whose tree holds 60 is over the evidence limit of 50", async () => {
    const liar = corpus.liars.find((l) => l.name.startsWith("/Count too low"));
    const result = await inspectPdfBytes(liar?.bytes ?? new Uint8Array());
    const findings = pageLimit(
      { fileName: GOOD_NAME, documentType: "evidence", size: 1, inspection: result },
      ctx,
    );
    expect(findings.map((f) => [f.code, f.actual])).toEqual([["PDF_TOO_MANY_PAGES", "60 页"]]);
  });

  it("pdf.js alone believes the /Count too low and the /N too low (what the walk corrects)", async () => {
    const { getDocument } = await import("../../../shared/pdf/pdfjs-in-process.ts");
    for (const liar of corpus.liars.filter((l) => /too low/.test(l.name))) {
      const doc = await getDocument({ data: liar.bytes.slice(), isEvalSupported: false, verbosity: 0 })
        .promise;
      expect(doc.numPages, liar.name).toBe(liar.claimed);
      await doc.destroy();
    }
  });

  it.skipIf(!QPDF)(
    "the walk agrees with qpdf's own walk, where qpdf's --show-npages repeats the lie",
    async () => {
      for (const { name, bytes, claimed, pages } of corpus.liars) {
        const counts = qpdfCounts(await onDisk(name, bytes));
        if (name.includes("cycle")) {
          // qpdf refuses the tree ("Loop detected in /Pages structure"); the walk skips the looping kid.
          expect(counts.walked, name).toBeNull();
          continue;
        }
        expect({ name, walked: counts.walked, declared: counts.declared }).toEqual({
          name,
          walked: pages,
          declared: claimed === null || name.includes("/N") ? counts.declared : claimed,
        });
      }
    },
  );
});

describe("bounds", () => {
  it("stops, with null rather than a guess, when a tree is deeper than allowed or the time runs out", () => {
    const deep: Record<number, string> = { 1: "<< /Type /Catalog /Pages 2 0 R >>" };
    for (let node = 2; node < 40; node++) deep[node] = pagesBody([node + 1], 1);
    deep[40] = pageBody(39);
    const bytes = handmadePdf(deep);
    expect(walkPageTree(bytes)?.pages).toBe(1);
    expect(walkPageTree(bytes, { budgetMs: 1000, maxDepth: 10, maxVisits: 1000 })).toBeNull();
    expect(walkPageTree(flatTreePdf(600), { budgetMs: -1, maxDepth: 10, maxVisits: 1_000_000 })).toBeNull();
    expect(walkPageTree(flatTreePdf(600), { budgetMs: 1000, maxDepth: 10, maxVisits: 100 })).toBeNull();
  });

  it("reports null, and leaves pdf.js's count in place, for an encrypted file whose tree is in an object stream", async () => {
    if (!QPDF) return void console.warn("qpdf missing: encrypted object-stream case skipped");
    const { spawnSync } = await import("node:child_process");
    const input = await onDisk(
      "enc-os-in",
      await (await import("../../fixtures/pdf/make-fixtures.ts")).makePdf({ pages: 3 }),
    );
    const output = join(dir, "enc-os.pdf");
    spawnSync("qpdf", ["--encrypt", "", "owner", "256", "--", input, output]);
    const bytes = new Uint8Array(await (await import("node:fs/promises")).readFile(output));
    expect(walkPageTree(bytes)).toBeNull();
    const result = await inspectPdfBytes(bytes);
    expect(result.ok && [result.facts.pageCount, result.facts.pageTree]).toEqual([3, null]);
  });
});
