import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HENAN_2024 } from "../../../shared/call/henan-2024.ts";
import { resolveCall } from "../../../shared/call/load-call.ts";
import { canonicalName, namePartsOf, parseSubmissionName } from "../../../shared/checks/name-template.ts";

const TEMPLATE = HENAN_2024.nameTemplate;
const FIXED = "职业教育高水平专业化产教融合实训中心申报材料";
const SCHOOL = "河南工业职业技术学院";
const GOOD = `${SCHOOL}${FIXED}（数控技术专业）.pdf`;
const parse = (name: string) => parseSubmissionName(name, TEMPLATE);
const MAJORS = [...new Set(resolveCall(HENAN_2024).catalog.entries.map((e) => e.name))];

describe("parseSubmissionName", () => {
  it("reads the official name exactly", () => {
    expect(parse(GOOD)).toEqual({
      ok: true,
      school: SCHOOL,
      major: "数控技术",
      extension: "pdf",
      canonical: GOOD,
      exact: true,
      variations: [],
    });
    expect(parse(`郑州铁路职业技术学院${FIXED}（铁道机车运用与维护专业）.pdf`)).toMatchObject({
      ok: true,
      school: "郑州铁路职业技术学院",
      major: "铁道机车运用与维护",
      exact: true,
    });
  });

  it.each([
    [`${SCHOOL}${FIXED}(数控技术专业).pdf`, ["bracket-width"]],
    [`${SCHOOL} ${FIXED}（ 数控技术 专业）.pdf`, ["whitespace"]],
    [`\u3000${SCHOOL}${FIXED}（数控技术专业）\u3000.pdf`, ["whitespace"]],
    [`${SCHOOL}${FIXED}（数控技术专业）.PDF`, ["extension-case"]],
    [`${SCHOOL}${FIXED}（数控技术专业）.Pdf`, ["extension-case"]],
    [`${SCHOOL}${FIXED}（数控技术专业）.pdf.pdf`, ["repeated-extension"]],
    [`${SCHOOL}${FIXED}（数控技术专业）(1).pdf`, ["copy-suffix"]],
    [`${SCHOOL}${FIXED}（数控技术专业） (2).pdf`, ["whitespace", "copy-suffix"]],
    [`${SCHOOL}${FIXED}（数控技术专业） - 副本.pdf`, ["whitespace", "copy-suffix"]],
    [`${SCHOOL}${FIXED}（机电专业）（数控技术专业）.pdf`, ["extra-group"]],
    [`${SCHOOL}${FIXED}（数控技术专业）．ｐｄｆ`, ["character-form"]],
    [`${SCHOOL}${FIXED}﹙数控技术专业﹚.pdf`, ["bracket-width"]],
  ])("tolerates %s, naming %o", (name, variations) => {
    expect(parse(name)).toEqual({
      ok: true,
      school: SCHOOL,
      major: "数控技术",
      extension: expect.any(String),
      canonical: GOOD,
      exact: false,
      variations,
    });
  });

  it("reads a decomposed (NFD) name as the composed one", () => {
    // Chinese characters have no decomposition; a school name with a Latin accent does.
    const school = "河南Café职业学院";
    const name = canonicalName(TEMPLATE, { school, major: "数控技术" });
    expect(parse(name.normalize("NFD"))).toMatchObject({
      ok: true,
      school,
      exact: false,
      variations: ["character-form"],
    });
    expect(parse(GOOD.normalize("NFD"))).toMatchObject({ ok: true, school: SCHOOL, exact: true });
  });

  it("reads full-width Latin letters as half-width ones", () => {
    expect(parse(`${SCHOOL}${FIXED}（ＶＲ技术专业）.pdf`)).toMatchObject({
      ok: true,
      major: "VR技术",
      exact: false,
    });
  });

  it("keeps brackets inside the major, full-width, and reads 专业 at the end as the fixed word", () => {
    expect(parse(`${SCHOOL}${FIXED}(数控技术(中外合作)专业).pdf`)).toMatchObject({
      ok: true,
      major: "数控技术（中外合作）",
    });
    expect(parse(`${SCHOOL}${FIXED}（数控技术专业专业）.pdf`)).toMatchObject({
      ok: true,
      major: "数控技术专业",
    });
  });

  it.each([
    [`${SCHOOL}${FIXED}（数控技术专业）.docx`, ".docx"],
    [`${SCHOOL}${FIXED}（数控技术专业）.pdf.docx`, ".docx"],
    [`${SCHOOL}${FIXED}（数控技术专业）.doc`, ".doc"],
    [`${SCHOOL}${FIXED}（数控技术专业）`, ""],
  ])("rejects %s for its extension %s, still reading the school and major", (name, extension) => {
    const parsed = parse(name);
    expect(parsed).toEqual({
      ok: false,
      reason: "not-pdf-extension",
      extension,
      stem: { ok: true, school: SCHOOL, major: "数控技术" },
    });
    expect(namePartsOf(parsed)).toEqual({ school: SCHOOL, major: "数控技术" });
  });

  it.each([
    [`${FIXED}（数控技术专业）.pdf`, { kind: "missing-school" }],
    [`${SCHOOL}${FIXED}（专业）.pdf`, { kind: "missing-major" }],
    [`${SCHOOL}${FIXED}（  专业）.pdf`, { kind: "missing-major" }],
    [`${SCHOOL}${FIXED}（机电专业）（专业）.pdf`, { kind: "missing-major" }],
    [`${SCHOOL}${FIXED}（数控技术）.pdf`, { kind: "missing-fixed-text", text: "专业）" }],
    [`${SCHOOL}${FIXED}（数控技术专业群）.pdf`, { kind: "missing-fixed-text", text: "专业）" }],
    [`${SCHOOL}申报材料（数控技术专业）.pdf`, { kind: "missing-fixed-text", text: `${FIXED}（` }],
    [`${SCHOOL}${FIXED}数控技术专业.pdf`, { kind: "missing-fixed-text", text: `${FIXED}（` }],
    [`${SCHOOL}${FIXED}（数控技术专业）终稿.pdf`, { kind: "trailing-text", text: "终稿" }],
    [`数控技术.pdf`, { kind: "missing-fixed-text", text: `${FIXED}（` }],
    [".pdf", { kind: "empty" }],
    [" .PDF", { kind: "empty" }],
  ])("rejects %s: %o", (name, problem) => {
    const parsed = parse(name);
    expect(parsed).toEqual({ ok: false, reason: "template-mismatch", problem });
    expect(namePartsOf(parsed)).toBeUndefined();
  });

  it("builds the matcher from the template, so another call's template needs no code", () => {
    const template = "{major}专业-{school}-2025年申报书";
    expect(parseSubmissionName("护理专业-郑州卫生健康职业学院-2025年申报书.pdf", template)).toMatchObject({
      ok: true,
      school: "郑州卫生健康职业学院",
      major: "护理",
      exact: true,
    });
    expect(parseSubmissionName("护理专业-郑州卫生健康职业学院.pdf", template)).toMatchObject({
      ok: false,
      problem: { kind: "missing-fixed-text", text: "-2025年申报书" },
    });
  });
});

// Schools are drawn from characters real school names use, leaving out those of the fixed words' end "申报材料（",
// so that a generated school never contains the fixed words themselves.
const SCHOOL_CHARS = [
  ..."河南郑州开封洛阳平顶山安阳鹤壁新乡焦作濮阳许昌漯河三门峡商丘周口驻马店信阳济源工业职业技术学院铁路交通信息医学师范农业水利电力财经艺术建筑大学高等专科学校（）",
];
const school = fc
  .array(fc.constantFrom(...SCHOOL_CHARS), { minLength: 1, maxLength: 20 })
  .map((chars) => `${chars.join("")}学院`);
const major = fc.constantFrom(...MAJORS);

/** A name with any combination of the variations a reviewer tolerates. */
const variant = fc.record({
  halfWidth: fc.boolean(),
  spaces: fc.array(fc.tuple(fc.nat(), fc.constantFrom(" ", "\u3000", "\u00a0", "\t", "\u200b")), {
    maxLength: 4,
  }),
  extension: fc.constantFrom("pdf", "PDF", "Pdf", "pDF"),
  nfd: fc.boolean(),
  copySuffix: fc.constantFrom("", "(1)", " (2)", " - 副本", "-副本(3)"),
});

describe("parseSubmissionName properties", () => {
  it("reads back the school and major of every canonical name, exactly", () => {
    fc.assert(
      fc.property(school, major, (s, m) => {
        const name = canonicalName(TEMPLATE, { school: s, major: m });
        expect(parse(name)).toEqual({
          ok: true,
          school: s,
          major: m,
          extension: "pdf",
          canonical: name,
          exact: true,
          variations: [],
        });
      }),
    );
  });

  it("reads the same school and major through any tolerated variation, exact only when unchanged", () => {
    fc.assert(
      fc.property(school, major, variant, (s, m, v) => {
        const canonical = canonicalName(TEMPLATE, { school: s, major: m });
        let stem = canonical.slice(0, -".pdf".length);
        if (v.halfWidth) stem = stem.replace(/（/g, "(").replace(/）/g, ")");
        const chars = [...stem];
        for (const [at, space] of v.spaces) chars.splice(at % (chars.length + 1), 0, space);
        let name = `${chars.join("")}${v.copySuffix}.${v.extension}`;
        if (v.nfd) name = name.normalize("NFD");
        const parsed = parse(name);
        expect(parsed).toMatchObject({ ok: true, school: s, major: m, canonical, exact: name === canonical });
        if (parsed.ok) expect(parsed.variations.length === 0).toBe(parsed.exact);
      }),
    );
  });

  it("never throws, whatever the name", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string()),
        (name) => {
          const parsed = parse(name);
          expect(typeof parsed.ok).toBe("boolean");
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        expect(() => parse(`${a}${FIXED}（${b}专业）${c}.pdf`)).not.toThrow();
      }),
    );
  });

  it("never reads a name that lacks one of the fixed parts", () => {
    const fixedParts = [`${FIXED}（`, "专业）"];
    fc.assert(
      fc.property(
        school,
        major,
        fc.constantFrom(0, 1),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (s, m, which, from, length, whole) => {
          const part = fixedParts[which] ?? "";
          // Remove the whole part, or a run strictly inside it: a run at its edge could be supplied by the
          // neighbouring school or major ("…学院职" + "业教育…"), which is then a genuine reading.
          let damaged = "";
          if (!whole && part.length > 2) {
            const start = 1 + (from % (part.length - 2));
            const end = start + 1 + (length % (part.length - 1 - start));
            damaged = part.slice(0, start) + part.slice(end);
          }
          const name = which === 0 ? `${s}${damaged}${m}专业）.pdf` : `${s}${FIXED}（${m}${damaged}.pdf`;
          expect(parse(name).ok).toBe(false);
        },
      ),
    );
  });
});
