/**
 * An accepted 佐证材料 through processUpload with in-memory ports: its page texts kept beside it, the school's
 * pre-screen recomputed against them, and what a failure of either does to the receipt (nothing lost, nothing twice).
 */

import { beforeEach, describe, expect, it } from "vitest";
import type { PrescreenEvidence } from "../../../shared/application/evidence-text.ts";
import { readPrescreen } from "../../../shared/application/prescreen-read.ts";
import { saveApplicationForm } from "../../../shared/application/save-form.ts";
import type { CheckContext } from "../../../shared/checks/context.ts";
import type { TextLayerFacts } from "../../../shared/pdf/facts.ts";
import { evidenceTextOf } from "../../../shared/processing/evidence-prescreen.ts";
import { type ProcessDeps, processUpload } from "../../../shared/processing/process-upload.ts";
import type { UploadedObject } from "../../../shared/processing/uploaded-object.ts";
import {
  type SchoolRecord,
  type SubmissionRecord,
  schoolSnapshotOf,
} from "../../../shared/submissions/records.ts";
import { FakeInspector } from "../../fakes/fake-inspector.ts";
import { MemoryEvidenceText } from "../../fakes/memory-evidence-text.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemoryMailer } from "../../fakes/memory-mailer.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { henanContext } from "../../helpers/call.ts";
import { callRecorder } from "../../helpers/counting-port.ts";
import { inspected, pdfFacts } from "../../helpers/facts.ts";
import { pendingSubmission, storedUpload } from "../../helpers/pending-upload.ts";
import { registeredSchool } from "../../helpers/school-record.ts";
import { PARTNER1_CODE, passingInput, SCHOOL_CODE } from "../prescreen/fixtures.ts";

const DEADLINE = "2024-11-15T15:59:59.999Z";
const UPLOADED = "2024-11-15T01:04:59.000Z";
const SCHOOL_ID = "12410000415804312X";
/** What passingInput() cites: the school on page 1, partner 1 on page 2, partner 2 on page 3. */
const SCHOOL_NAME = "郑州示例职业技术学院";
const PARTNER1 = "河南示例数智科技有限公司";

const school: SchoolRecord = registeredSchool(SCHOOL_ID);

/** A text layer over `pages` pages: each entry a page's text, or null for a page without text. */
function textLayer(pages: (string | null)[]): TextLayerFacts {
  return {
    pagesExamined: pages.length,
    pagesWithoutText: pages.flatMap((p, i) => (p === null ? [i + 1] : [])),
    pageTexts: pages.map((p) => p ?? ""),
    truncated: false,
    fonts: [],
    sizes: [],
    leadings: [],
  };
}

/** 20 pages: the school's name on page 1, page 2 as given, page 3 scanned, the rest unrelated text. */
function evidencePages(page2: string): (string | null)[] {
  return [
    `${SCHOOL_NAME}\n统一社会信用代码：${SCHOOL_CODE}`,
    page2,
    null,
    ...Array.from({ length: 17 }, () => "其他佐证材料"),
  ];
}

let ctx: CheckContext;
let schools: MemorySchoolRepository;
let submissions: MemorySubmissionRepository;
let objects: MemoryObjectStore;
let mailer: MemoryMailer;
let forms: MemoryApplicationForms;
let evidenceText: MemoryEvidenceText;
let inspector: FakeInspector;
let now: Date;

beforeEach(async () => {
  ctx = henanContext({ deadline: DEADLINE });
  schools = new MemorySchoolRepository();
  submissions = new MemorySubmissionRepository();
  objects = new MemoryObjectStore();
  mailer = new MemoryMailer();
  // The pointers the pre-screen reads with the form are the submissions' (one partition in the table).
  forms = new MemoryApplicationForms(submissions);
  evidenceText = new MemoryEvidenceText();
  inspector = new FakeInspector(
    inspected({
      pageCount: 20,
      title: "佐证材料",
      textLayer: textLayer(evidencePages(`合作企业：${PARTNER1}\n统一社会信用代码：${PARTNER1_CODE}`)),
    }),
  );
  now = new Date("2024-11-15T01:05:01.000Z");
  await schools.registerSchool(school);
});

function deps(delivery = "message-1"): ProcessDeps {
  return {
    ctx,
    schools,
    submissions,
    objects,
    mailer,
    inspector,
    reviewers: [],
    delivery: { id: delivery, until: new Date(now.getTime() + 15 * 60_000) },
    prescreen: { forms, evidenceText },
    clock: () => now,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}

/**
 * An upload through a link issued now: its snapshot is of the school as stored (whether it has saved its form). A
 * `legacy` record's snapshot predates `hasForm`, as records written before it.
 */
async function uploaded(
  documentType = "evidence",
  snapshot: "current" | "legacy" = "current",
): Promise<{ submission: SubmissionRecord; object: UploadedObject }> {
  const current = pendingSubmission(
    ctx.call.id,
    (await schools.getSchool(SCHOOL_ID)) ?? school,
    documentType,
  );
  const { hasForm: _, ...legacy } = current.school ?? schoolSnapshotOf(school);
  const submission = snapshot === "legacy" ? { ...current, school: legacy } : current;
  await submissions.createPending(submission);
  const object = storedUpload(objects, submission, UPLOADED);
  return { submission, object };
}

async function saveForm(): Promise<void> {
  const saved = await saveApplicationForm(SCHOOL_ID, passingInput(), {
    ctx,
    forms,
    schools,
    submissions,
    evidenceText,
    now: new Date("2024-11-14T01:00:00.000Z"),
    by: "school",
  });
  expect(saved.kind).toBe("saved");
}

const findingsOf = async (section: string) =>
  ((await forms.getForm(SCHOOL_ID))?.prescreen?.evidence ?? [])
    .filter((f) => f.section === section)
    .map((f) => f.code);

describe("evidenceTextOf", () => {
  it("keeps each examined page's text, marks pages without text scanned and leaves unread pages out", () => {
    const facts = pdfFacts({
      pageCount: 4,
      textLayer: { ...textLayer(["甲", null, "丙"]), truncated: true },
    });
    expect(evidenceTextOf(facts)).toEqual({
      pageCount: 4,
      pages: [{ kind: "text", text: "甲" }, { kind: "scanned" }, { kind: "text", text: "丙" }],
    } satisfies PrescreenEvidence);
  });

  it("is undefined when the text layer was not read", () => {
    expect(evidenceTextOf(pdfFacts({ pageCount: 4 }))).toBeUndefined();
  });
});

describe("an accepted 佐证材料 in processUpload", () => {
  it("keeps its page texts and recomputes the stored pre-screen: name found, scanned page for people", async () => {
    await saveForm();
    // Saved before any evidence: the page references cannot be checked yet.
    expect(await findingsOf("partners.1")).toEqual([]);
    const { submission, object } = await uploaded();

    expect(await processUpload(object, deps())).toMatchObject({ kind: "decided", state: "ACCEPTED" });

    const kept = await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId);
    expect(kept?.pageCount).toBe(20);
    expect(kept?.pages[2]).toEqual({ kind: "scanned" });
    expect(await findingsOf("school")).toContain("EVIDENCE_CLAIM_FOUND");
    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_FOUND");
    expect(await findingsOf("partners.1")).not.toContain("EVIDENCE_CLAIM_NOT_FOUND");
    expect(await findingsOf("partners.2")).toEqual(["EVIDENCE_PAGE_SCANNED"]);
    const scanned = (await forms.getForm(SCHOOL_ID))?.prescreen?.evidence.find(
      (f) => f.code === "EVIDENCE_PAGE_SCANNED",
    );
    expect(scanned?.message).toContain("扫描页，需人工核对");
    expect((await forms.getForm(SCHOOL_ID))?.prescreenAt).toBe(now.toISOString());
    expect(mailer.to(school.email)).toHaveLength(1);
  });

  it("judges the page texts and the record it holds, reading back neither", async () => {
    await saveForm();
    const { submission, object } = await uploaded();
    const reads: string[] = [];
    const counted = deps();
    counted.submissions = new Proxy(submissions, {
      get(target, property, receiver) {
        if (property === "getSubmission") reads.push("getSubmission");
        return Reflect.get(target, property, receiver);
      },
    });
    const store = evidenceText;
    counted.prescreen = {
      forms,
      evidenceText: {
        writeEvidenceText: (...args) => store.writeEvidenceText(...args),
        readEvidenceText: (...args) => {
          reads.push("readEvidenceText");
          return store.readEvidenceText(...args);
        },
      },
    };

    await processUpload(object, counted);

    expect(reads).toEqual([]);
    expect(await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId)).toBeDefined();
    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_FOUND");
  });

  it("reads the form and the evidence's pointer in one call, and only that for a school without a form", async () => {
    const calls: string[] = [];
    const counting = callRecorder(calls);
    const counted = () => {
      const d = deps();
      d.submissions = counting(submissions, "submissions");
      d.prescreen = { forms: counting(forms, "forms"), evidenceText };
      return d;
    };
    const prescreenCalls = () =>
      calls.filter((c) => c.startsWith("forms.") || c === "submissions.getApplication");

    // A record written before snapshots said whether the school had a form reads as before.
    const without = await uploaded("evidence", "legacy");
    await processUpload(without.object, counted());
    expect(prescreenCalls()).toEqual(["forms.getFormAndApplication"]);
    expect(await forms.getForm(SCHOOL_ID)).toBeUndefined();

    calls.length = 0;
    await saveForm();
    const withForm = await uploaded();
    await processUpload(withForm.object, counted());
    expect(prescreenCalls()).toEqual(["forms.getFormAndApplication", "forms.savePrescreen"]);
    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_FOUND");
  });

  it("asks nothing of the forms when the link's snapshot says the school had no form; a form saved since is healed by its readers", async () => {
    // The link is issued before the form is saved (the race): processing skips, and the form's pre-screen judged no
    // evidence until a reader finds the evidence current and recomputes it against it and its text.
    const { submission, object } = await uploaded();
    expect(submission.school?.hasForm).toBe(false);
    await saveForm();
    const before = await forms.getForm(SCHOOL_ID);
    const formCalls: string[] = [];
    const counted = deps();
    counted.prescreen = {
      forms: new Proxy(forms, {
        get(target, property, receiver) {
          if (typeof property === "string" && property !== "constructor") formCalls.push(property);
          return Reflect.get(target, property, receiver);
        },
      }),
      evidenceText,
    };

    expect(await processUpload(object, counted)).toMatchObject({ kind: "decided", state: "ACCEPTED" });

    expect(formCalls).toEqual([]);
    expect(await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId)).toBeDefined();
    expect(await forms.getForm(SCHOOL_ID)).toEqual(before);
    expect(before?.prescreenBasis?.evidenceSubmissionId).toBeNull();

    const { stored, evidence } = await readPrescreen(SCHOOL_ID, {
      ctx,
      forms,
      submissions,
      evidenceText,
      now: () => now,
    });
    expect(evidence).toEqual({ submissionId: submission.submissionId, pageCount: 20 });
    expect(stored?.prescreenBasis).toMatchObject({
      evidenceSubmissionId: submission.submissionId,
      evidenceText: true,
    });
    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_FOUND");
    expect(await findingsOf("partners.2")).toEqual(["EVIDENCE_PAGE_SCANNED"]);

    // A link issued after the save tells processing the school has a form.
    const next = await uploaded();
    expect(next.submission.school?.hasForm).toBe(true);
  });

  it("reads no form when the call sets no conditions (the pre-screen would be empty)", async () => {
    await saveForm();
    const before = await forms.getForm(SCHOOL_ID);
    ctx = { ...ctx, call: { ...ctx.call, eligibility: undefined } };
    const { object } = await uploaded();
    const formReads: string[] = [];
    const counted = deps();
    counted.prescreen = {
      forms: new Proxy(forms, {
        get(target, property, receiver) {
          if (typeof property === "string" && property !== "constructor") formReads.push(property);
          return Reflect.get(target, property, receiver);
        },
      }),
      evidenceText,
    };

    expect(await processUpload(object, counted)).toMatchObject({ kind: "decided", state: "ACCEPTED" });

    expect(formReads).toEqual([]);
    expect(await forms.getForm(SCHOOL_ID)).toEqual(before);
  });

  it("warns when the cited page's text lacks the claimed company name", async () => {
    await saveForm();
    inspector = new FakeInspector(
      inspected({
        pageCount: 20,
        title: "佐证材料",
        textLayer: textLayer(evidencePages("合作协议（无企业名称）")),
      }),
    );
    const { object } = await uploaded();

    await processUpload(object, deps());

    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_NOT_FOUND");
    expect(await findingsOf("partners.1")).not.toContain("EVIDENCE_CLAIM_FOUND");
  });

  it("keeps nothing and recomputes nothing for a refused evidence file or another document type", async () => {
    await saveForm();
    const before = await forms.getForm(SCHOOL_ID);
    inspector = new FakeInspector(
      inspected({ pageCount: 53, textLayer: textLayer(evidencePages(PARTNER1)) }),
    );
    const refused = await uploaded();
    expect(await processUpload(refused.object, deps())).toMatchObject({ state: "REJECTED" });

    inspector = new FakeInspector(
      inspected({ pageCount: 20, textLayer: textLayer(evidencePages(PARTNER1)) }),
    );
    const plan = await uploaded("plan");
    await processUpload(plan.object, deps("message-2"));

    expect(evidenceText.writes).toBe(0);
    expect(await forms.getForm(SCHOOL_ID)).toEqual(before);
  });

  it("does nothing to the pre-screen of a school without a form, and still keeps the text", async () => {
    const { submission, object } = await uploaded();
    await processUpload(object, deps());
    expect(forms.forms.size).toBe(0);
    expect(await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId)).toBeDefined();
  });

  it("writes once and mails once when the same message is delivered again", async () => {
    await saveForm();
    const { submission, object } = await uploaded();
    await processUpload(object, deps());
    const first = await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId);

    now = new Date(now.getTime() + 60_000);
    expect(await processUpload(object, deps())).toMatchObject({ resumed: true, state: "ACCEPTED" });

    expect(evidenceText.writes).toBe(1);
    expect(await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId)).toEqual(first);
    expect(mailer.to(school.email)).toHaveLength(1);
  });
});

describe("the text after the receipt", () => {
  it("decides on an inspection without the text, mails, and only then reads the text, behind other inspections", async () => {
    await saveForm();
    const { submission, object } = await uploaded();
    const events: string[] = [];
    const counted = deps();
    counted.reviewers = ["reviewer@review.henan.gov.cn"];
    const fake = inspector;
    counted.inspector = {
      inspectBytes: (bytes, options) => {
        events.push(`inspect text=${options?.textLayer} priority=${options?.priority ?? "first"}`);
        return fake.inspectBytes(bytes, options);
      },
    };
    counted.mailer = {
      send: (email) => {
        events.push(`send ${email.to}`);
        return mailer.send(email);
      },
    };
    counted.submissions = recording(submissions, events, [
      "recordVerdict",
      "markReceiptSent",
      "markReviewerNotified",
    ]);
    counted.prescreen = { forms, evidenceText: recording(evidenceText, events, ["writeEvidenceText"]) };

    await processUpload(object, counted);

    expect(events).toEqual([
      "inspect text=false priority=first",
      "recordVerdict",
      `send ${school.email}`,
      "markReceiptSent",
      "send reviewer@review.henan.gov.cn",
      "markReviewerNotified",
      "inspect text=if-readable priority=background",
      "writeEvidenceText",
    ]);
    expect((await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId))?.pages[0]).toMatchObject(
      {
        kind: "text",
      },
    );
  });

  it("a redelivery after the text is kept neither reads nor inspects the file again", async () => {
    await saveForm();
    const { object } = await uploaded();
    await processUpload(object, deps());
    const reads: string[] = [];
    const counted = deps();
    counted.objects = recording(objects, reads, ["read"]);

    expect(await processUpload(object, counted)).toMatchObject({ resumed: true, state: "ACCEPTED" });

    expect(reads).toEqual([]);
    expect(inspector.asked).toHaveLength(2);
    expect(evidenceText.writes).toBe(1);
  });

  it("a duplicate delivery between the last mark and the text mails nothing and at worst keeps the same text twice", async () => {
    await saveForm();
    const { submission, object } = await uploaded();
    const fake = inspector;
    let duplicate: Promise<unknown> | undefined;
    const first = deps("message-1");
    first.inspector = {
      inspectBytes: async (bytes, options) => {
        // The lease went with the last mark: another message of the same upload arrives while the text is read.
        if (options?.priority === "background" && !duplicate)
          duplicate = processUpload(object, deps("message-2"));
        await duplicate;
        return fake.inspectBytes(bytes, options);
      },
    };

    await expect(processUpload(object, first)).resolves.toMatchObject({ state: "ACCEPTED", resumed: false });
    await expect(duplicate).resolves.toMatchObject({ state: "ACCEPTED", resumed: true });

    expect(mailer.to(school.email)).toHaveLength(1);
    expect(evidenceText.writes).toBe(2);
    const kept = await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId);
    expect(kept?.pageCount).toBe(20);
    expect(kept?.pages[1]).toEqual({
      kind: "text",
      text: `合作企业：${PARTNER1}\n统一社会信用代码：${PARTNER1_CODE}`,
    });
  });

  it.each([
    [
      "pdf.js cannot read the text layer",
      inspected({ pageCount: 20, textLayerUnreadable: "UnknownErrorException: bad CMap" }),
    ],
    [
      "the inspection with the text runs out of time",
      { ok: false, failure: { kind: "timeout", limitMs: 4000 } } as const,
    ],
  ])(
    "when %s: accepted and mailed, a warning logged, every page kept as without text, for people to check",
    async (_, textRead) => {
      await saveForm();
      const { submission, object } = await uploaded();
      const warnings: Array<[string, Record<string, unknown>]> = [];
      const fake = inspector;
      const counted = deps();
      counted.inspector = {
        inspectBytes: (bytes, options) =>
          options?.textLayer ? Promise.resolve(textRead) : fake.inspectBytes(bytes, options),
      };
      counted.log = {
        ...counted.log,
        warn: (message, ...extra) => warnings.push([message, Object.assign({}, ...extra)]),
      };

      expect(await processUpload(object, counted)).toMatchObject({ kind: "decided", state: "ACCEPTED" });

      expect(mailer.to(school.email)).toHaveLength(1);
      const kept = await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId);
      expect(kept?.pageCount).toBe(20);
      expect(kept?.pages).toHaveLength(20);
      expect(kept?.pages.every((p) => p.kind === "scanned")).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.[0]).toContain("evidence text unreadable");
      expect(warnings[0]?.[1]).toMatchObject({ submissionId: submission.submissionId, pageCount: 20 });
      expect(JSON.stringify(warnings[0]?.[1])).toMatch(textRead.ok ? /bad CMap/ : /timeout/);
      // Every cited page is for people to check; nothing is claimed found or missing on a page never read.
      expect(await findingsOf("partners.1")).toEqual(["EVIDENCE_PAGE_SCANNED"]);
      expect(await findingsOf("school")).toEqual(["EVIDENCE_PAGE_SCANNED"]);
    },
  );
});

describe("a redelivery that must read the file again", () => {
  it("keeps every page as without text, with a warning, when the object is gone by then", async () => {
    await saveForm();
    const { submission, object } = await uploaded();
    failNextTextWrite();
    await expect(processUpload(object, deps())).rejects.toThrow("S3 unavailable");
    objects.delete(object.key);
    const warnings: string[] = [];
    const again = deps();
    again.log = {
      ...again.log,
      warn: (message, ...extra) => warnings.push(`${message} ${JSON.stringify(extra)}`),
    };

    expect(await processUpload(object, again)).toMatchObject({ state: "ACCEPTED", resumed: true });

    const kept = await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId);
    expect(kept?.pages).toHaveLength(20);
    expect(kept?.pages.every((p) => p.kind === "scanned")).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("the object is gone");
    expect(mailer.to(school.email)).toHaveLength(1);
  });
});

/** The next write of an evidence text fails as S3 would when unavailable; later writes go through. */
function failNextTextWrite(): void {
  const write = evidenceText.writeEvidenceText.bind(evidenceText);
  let failures = 1;
  evidenceText.writeEvidenceText = async (...args) => {
    if (failures-- > 0) throw new Error("S3 unavailable");
    return write(...args);
  };
}

/** The object with the named methods recorded in `events` when called. */
function recording<T extends object>(target: T, events: string[], names: readonly string[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function" || !names.includes(String(property))) return value;
      return (...args: unknown[]) => {
        events.push(String(property));
        return value.apply(object, args);
      };
    },
  });
}

describe("failures: the queue redelivers, the receipt goes out once", () => {
  it("a failed text write comes after the receipt; the redelivery reads the file again and keeps it, mailing nothing", async () => {
    await saveForm();
    const { submission, object } = await uploaded();
    failNextTextWrite();

    await expect(processUpload(object, deps())).rejects.toThrow("S3 unavailable");
    const decided = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(decided?.state).toBe("ACCEPTED");
    expect(decided?.receiptSentAt).toBeDefined();
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId)).toBeUndefined();
    expect(await findingsOf("partners.1")).toEqual([]);

    // The message was not deleted: it comes back, finds the upload decided and no text kept.
    expect(await processUpload(object, deps())).toMatchObject({ state: "ACCEPTED", resumed: true });
    expect(await evidenceText.readEvidenceText(SCHOOL_ID, submission.submissionId)).toMatchObject({
      pageCount: 20,
    });
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_FOUND");
    // Inspected three times: the verdict's inspection, the failed delivery's text, the redelivery's text.
    expect(inspector.asked.map((o) => o.textLayer)).toEqual([false, "if-readable", "if-readable"]);
  });

  it("a failed pre-screen save comes after the receipt; the redelivery recomputes without mailing again", async () => {
    await saveForm();
    const { object } = await uploaded();
    const save = forms.savePrescreen.bind(forms);
    let failures = 1;
    forms.savePrescreen = async (...args) => {
      if (failures-- > 0) throw new Error("DynamoDB throttled");
      return save(...args);
    };

    await expect(processUpload(object, deps())).rejects.toThrow("DynamoDB throttled");
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(await findingsOf("partners.1")).toEqual([]);

    expect(await processUpload(object, deps())).toMatchObject({ state: "ACCEPTED", resumed: true });
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(await findingsOf("partners.1")).toContain("EVIDENCE_CLAIM_FOUND");
  });
});
