import { describe, expect, it } from "vitest";
import { activeContent } from "../../../shared/checks/active-content.ts";
import { bookmarks } from "../../../shared/checks/bookmarks.ts";
import type { SubmissionFacts } from "../../../shared/checks/context.ts";
import { pageLimit } from "../../../shared/checks/page-limit.ts";
import { pageSize } from "../../../shared/checks/page-size.ts";
import { pdfReadable } from "../../../shared/checks/pdf-readable.ts";
import { pdfRestrictions } from "../../../shared/checks/pdf-restrictions.ts";
import type { PdfPermissions } from "../../../shared/pdf/facts.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";
import { A4, inspected, LETTER } from "../../helpers/facts.ts";

const ctx = henanContext();
const base: SubmissionFacts = { fileName: GOOD_NAME, documentType: "evidence", size: 1000 };
const ALL_ALLOWED: PdfPermissions = {
  print: true,
  printHighQuality: true,
  copy: true,
  modify: true,
  annotate: true,
  fillForms: true,
  copyForAccessibility: true,
  assemble: true,
};

describe("pdfReadable", () => {
  it.each([
    [{ kind: "empty" } as const, "FILE_EMPTY"],
    [{ kind: "not-pdf", detected: "docx" } as const, "FILE_NOT_PDF"],
    [{ kind: "damaged", detail: "bad xref" } as const, "PDF_DAMAGED"],
    [{ kind: "password-required" } as const, "PDF_PASSWORD_PROTECTED"],
    [{ kind: "timeout", limitMs: 4000 } as const, "PDF_TOO_COMPLEX"],
    [{ kind: "resource-limit", detail: "rss" } as const, "PDF_TOO_COMPLEX"],
  ])("turns %o into %s, an error", (failure, code) => {
    const findings = pdfReadable({ ...base, inspection: { ok: false, failure } }, ctx);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([[code, "error"]]);
    expect(findings[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("names what a non-PDF really is", () => {
    const [f] = pdfReadable(
      { ...base, inspection: { ok: false, failure: { kind: "not-pdf", detected: "docx" } } },
      ctx,
    );
    expect(f?.message).toContain("Word 文档（.docx）");
  });

  it("leaves too-large files to the size rule and readable files alone", () => {
    expect(
      pdfReadable(
        { ...base, inspection: { ok: false, failure: { kind: "too-large", size: 2, limit: 1 } } },
        ctx,
      ),
    ).toEqual([]);
    expect(pdfReadable({ ...base, inspection: inspected() }, ctx)).toEqual([]);
    expect(pdfReadable(base, ctx)).toEqual([]);
  });
});

describe("pageLimit", () => {
  it("accepts exactly the limit of 50 evidence pages", () => {
    expect(pageLimit({ ...base, inspection: inspected({ pageCount: 50 }) }, ctx)).toEqual([]);
  });

  it("rejects 53 pages with expected and found in the message", () => {
    const [f, ...rest] = pageLimit({ ...base, inspection: inspected({ pageCount: 53 }) }, ctx);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: "PDF_TOO_MANY_PAGES",
      severity: "error",
      expected: "≤ 50 页",
      actual: "53 页",
    });
    expect(f?.message).toBe("文件共 53 页，超过佐证材料 50 页的上限。");
    expect(f?.fix).toContain("删减 3 页");
  });

  it("does not limit document types without a page limit", () => {
    expect(
      pageLimit({ ...base, documentType: "application", inspection: inspected({ pageCount: 300 }) }, ctx),
    ).toEqual([]);
  });

  it("follows the call's severity, including off", () => {
    const warn = henanContext({ rules: { PDF_TOO_MANY_PAGES: "warning" } });
    expect(pageLimit({ ...base, inspection: inspected({ pageCount: 51 }) }, warn)[0]?.severity).toBe(
      "warning",
    );
    const off = henanContext({ rules: { PDF_TOO_MANY_PAGES: "off" } });
    expect(pageLimit({ ...base, inspection: inspected({ pageCount: 51 }) }, off)).toEqual([]);
  });
});

describe("pageSize", () => {
  it("accepts A4 portrait, landscape and pages within 5 mm", () => {
    const pages = [
      A4,
      { widthPt: 841.89, heightPt: 595.28, rotation: 90 },
      { widthPt: 600, heightPt: 850, rotation: 0 },
    ];
    expect(pageSize({ ...base, inspection: inspected({ pages }) }, ctx)).toEqual([]);
  });

  it("lists the pages that are not A4, as a warning", () => {
    const pages = [A4, LETTER, A4, LETTER];
    const [f] = pageSize({ ...base, inspection: inspected({ pages }) }, ctx);
    expect(f).toMatchObject({ code: "PDF_PAGE_NOT_A4", severity: "warning" });
    expect(f?.message).toContain("第 2 页、第 4 页");
    expect(f?.message).toContain("216×279 mm");
  });

  it("summarises long lists, and says so when every page is off", () => {
    const some = Array.from({ length: 30 }, (_, i) => (i === 0 ? A4 : LETTER));
    expect(pageSize({ ...base, inspection: inspected({ pages: some }) }, ctx)[0]?.message).toContain(
      "等共 29 页",
    );
    const all = Array.from({ length: 30 }, () => LETTER);
    expect(pageSize({ ...base, inspection: inspected({ pages: all }) }, ctx)[0]?.message).toMatch(
      /^全部 30 页的页面尺寸不是 A4（210×297 mm），例如 216×279 mm（第 1 页）。$/,
    );
  });
});

describe("bookmarks", () => {
  it("warns when evidence has no outline", () => {
    const [f] = bookmarks(
      { ...base, inspection: inspected({ outline: { present: false, entries: 0 } }) },
      ctx,
    );
    expect(f).toMatchObject({ code: "PDF_NO_BOOKMARKS", severity: "warning" });
    expect(f?.message).toContain("佐证材料没有书签");
  });

  it("is silent with an outline, or for types that need none", () => {
    expect(bookmarks({ ...base, inspection: inspected() }, ctx)).toEqual([]);
    const noOutline = inspected({ outline: { present: false, entries: 0 } });
    expect(bookmarks({ ...base, documentType: "plan", inspection: noOutline }, ctx)).toEqual([]);
  });
});

describe("pdfRestrictions", () => {
  it("names every denied permission", () => {
    const permissions = { ...ALL_ALLOWED, print: false, copy: false };
    const [f] = pdfRestrictions(
      { ...base, inspection: inspected({ encryption: { permissions, restricted: true } }) },
      ctx,
    );
    expect(f).toMatchObject({ code: "PDF_RESTRICTED", severity: "error" });
    expect(f?.message).toContain("禁止打印、复制文字");
  });

  it("accepts encryption without restrictions", () => {
    const encryption = { permissions: ALL_ALLOWED, restricted: false };
    expect(pdfRestrictions({ ...base, inspection: inspected({ encryption }) }, ctx)).toEqual([]);
  });
});

describe("activeContent", () => {
  it("rejects JavaScript and launch actions", () => {
    const [f] = activeContent(
      {
        ...base,
        inspection: inspected({
          activeContent: { javaScript: true, launchAction: true, details: ["OpenAction JS"] },
        }),
      },
      ctx,
    );
    expect(f).toMatchObject({ code: "PDF_ACTIVE_CONTENT", severity: "error" });
    expect(f?.message).toContain("JavaScript 脚本、启动外部程序的动作");
  });

  it("is silent for a clean file", () => {
    expect(activeContent({ ...base, inspection: inspected() }, ctx)).toEqual([]);
  });
});
