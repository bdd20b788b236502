/**
 * processUpload with in-memory ports (test/fakes): every outcome of one delivery, without AWS. The fakes pass the
 * same repository contract as the DynamoDB adapter (test/unit/fakes), so these tests exercise the real decisions.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { CheckContext } from "../../../shared/checks/context.ts";
import { type ProcessDeps, processUpload } from "../../../shared/processing/process-upload.ts";
import { cachedSchoolNames } from "../../../shared/processing/school-names.ts";
import type { UploadedObject } from "../../../shared/processing/uploaded-object.ts";
import { createReviewerLinkIssuer } from "../../../shared/reviewer-links/issue-link.ts";
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import { uploadKey } from "../../../shared/submissions/object-key.ts";
import type { SchoolRecord, SubmissionRecord } from "../../../shared/submissions/records.ts";
import { FakeInspector } from "../../fakes/fake-inspector.ts";
import { MemoryMailer } from "../../fakes/memory-mailer.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { GOOD_NAME, henanContext } from "../../helpers/call.ts";
import { inspected } from "../../helpers/facts.ts";
import {
  PDF_HEADER,
  pendingSubmission as pendingRecord,
  storedUpload,
} from "../../helpers/pending-upload.ts";
import { registeredSchool } from "../../helpers/school-record.ts";

const DEADLINE = "2024-11-15T15:59:59.999Z";
const BEFORE = "2024-11-15T01:04:59.000Z";
const AFTER = "2024-11-15T16:00:30.000Z";
const REVIEWER = "review@hnjyt.example.cn";
const SCHOOL_ID = "12410000415804312X";

const school: SchoolRecord = registeredSchool(SCHOOL_ID);

let ctx: CheckContext;
let schools: MemorySchoolRepository;
let submissions: MemorySubmissionRepository;
let objects: MemoryObjectStore;
let mailer: MemoryMailer;
let inspector: FakeInspector;
let reviewerLinks: MemoryReviewerLinkStore;
let now: Date;

beforeEach(async () => {
  ctx = henanContext({ deadline: DEADLINE });
  schools = new MemorySchoolRepository();
  submissions = new MemorySubmissionRepository();
  objects = new MemoryObjectStore();
  mailer = new MemoryMailer();
  reviewerLinks = new MemoryReviewerLinkStore(submissions);
  // A title of its own, as a school's export carries one (an empty title adds PDF_TITLE_GENERIC).
  inspector = new FakeInspector(inspected({ pageCount: 12, title: "佐证材料" }));
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
    reviewers: [REVIEWER],
    reviewerLinks: createReviewerLinkIssuer({
      store: reviewerLinks,
      apiUrl: "https://api.example.test/",
      lifetimeSeconds: 3600,
      clock: () => now,
    }),
    delivery: { id: delivery, until: new Date(now.getTime() + 15 * 60_000) },
    clock: () => now,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}

async function pendingSubmission(): Promise<SubmissionRecord> {
  const submission = pendingRecord(ctx.call.id, school);
  await submissions.createPending(submission);
  return submission;
}

function upload(submission: SubmissionRecord, bytes = PDF_HEADER, at = BEFORE): UploadedObject {
  return storedUpload(objects, submission, at, bytes);
}

const codes = (s: SubmissionRecord | undefined) => s?.verdict?.findings.map((f) => f.code);

describe("processUpload with in-memory ports", () => {
  it("accepts a good file: verdict recorded, receipt and reviewer notice sent, pointer set", async () => {
    const submission = await pendingSubmission();

    const outcome = await processUpload(upload(submission), deps());

    expect(outcome).toStrictEqual({
      kind: "decided",
      submissionId: submission.submissionId,
      state: "ACCEPTED",
      resumed: false,
      mailedAt: now,
    });
    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(stored?.verdict).toMatchObject({ state: "ACCEPTED", pageCount: 12, version: 1 });
    expect(stored?.receiptSentAt).toBe(now.toISOString());
    expect(stored?.reviewersNotified).toStrictEqual([REVIEWER]);
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(mailer.to(REVIEWER)).toHaveLength(1);
    // The reviewer's notice names the major parsed from the file name.
    expect(mailer.to(REVIEWER)[0]?.text).toContain("数控技术");
    expect((await submissions.getApplication(SCHOOL_ID, "evidence"))?.currentSubmissionId).toBe(
      submission.submissionId,
    );
    expect(objects.disposed).toStrictEqual([]);
    // The lease is released once the work is done.
    expect(submissions.leaseOf(SCHOOL_ID, submission.submissionId)).toBeUndefined();
  });

  it("rejects a file with an error finding: receipt only, object marked for disposal", async () => {
    const submission = await pendingSubmission();
    inspector = new FakeInspector(inspected({ pageCount: 53 }));

    const outcome = await processUpload(upload(submission), deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "REJECTED" });
    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(codes(stored)).toContain("PDF_TOO_MANY_PAGES");
    expect(stored?.verdict?.version).toBeUndefined();
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(mailer.to(REVIEWER)).toHaveLength(0);
    expect(objects.disposed).toStrictEqual([`${submission.objectKey}@v1`]);
    expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toBeUndefined();
  });

  it("rules a file uploaded after the deadline LATE, through the deadline rule's finding", async () => {
    const submission = await pendingSubmission();

    const outcome = await processUpload(upload(submission, undefined, AFTER), deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "LATE" });
    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(codes(stored)).toStrictEqual(["DEADLINE_PASSED"]);
    expect(stored?.verdict?.version).toBeUndefined();
    expect(mailer.to(REVIEWER)).toHaveLength(0);
    expect(await submissions.getApplication(SCHOOL_ID, "evidence")).toBeUndefined();
  });

  it("rejects with FILE_MISSING when the object vanished before it was read, without inspecting", async () => {
    const submission = await pendingSubmission();
    const object = upload(submission);
    objects.delete(submission.objectKey);

    const outcome = await processUpload(object, deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "REJECTED" });
    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(codes(stored)).toStrictEqual(["FILE_MISSING"]);
    expect(stored?.verdict).toMatchObject({ size: 0, sha256: "", pageCount: null });
    expect(inspector.inspected).toHaveLength(0);
    expect(mailer.to(school.email)).toHaveLength(1);
  });

  it("rules a vanished object uploaded late LATE, with both findings", async () => {
    const submission = await pendingSubmission();
    const object = upload(submission, undefined, AFTER);
    objects.delete(submission.objectKey);

    await processUpload(object, deps());

    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(stored?.state).toBe("LATE");
    expect(codes(stored)).toStrictEqual(["DEADLINE_PASSED", "FILE_MISSING"]);
  });

  it("ignores a second upload through a used link and leaves the decision alone", async () => {
    const submission = await pendingSubmission();
    await processUpload(upload(submission), deps());
    const decided = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);

    const outcome = await processUpload(upload(submission, new Uint8Array([1, 2, 3])), deps("message-2"));

    expect(outcome).toStrictEqual({ kind: "ignored", reason: "reused-link" });
    expect(await submissions.getSubmission(SCHOOL_ID, submission.submissionId)).toStrictEqual(decided);
    expect(mailer.sent).toHaveLength(2);
  });

  it("resumes a redelivery after a transient mail failure and sends only what is missing", async () => {
    const submission = await pendingSubmission();
    const object = upload(submission);
    mailer.failOnce(REVIEWER, new Error("Throttling"));

    await expect(processUpload(object, deps())).rejects.toThrow("Throttling");
    expect(mailer.to(school.email)).toHaveLength(1);
    // The same message comes back: it takes its own lease back and resumes.
    const outcome = await processUpload(object, deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "ACCEPTED", resumed: true });
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(mailer.to(REVIEWER)).toHaveLength(1);
    expect(inspector.inspected).toHaveLength(1);
  });

  it("stops a duplicate delivery while another delivery holds the lease", async () => {
    const submission = await pendingSubmission();
    const object = upload(submission);
    await submissions.acquireLease(SCHOOL_ID, submission.submissionId, {
      owner: "message-other",
      now: now.toISOString(),
      until: new Date(now.getTime() + 60_000).toISOString(),
    });

    const outcome = await processUpload(object, deps());

    expect(outcome).toStrictEqual({ kind: "ignored", reason: "in-progress" });
    expect((await submissions.getSubmission(SCHOOL_ID, submission.submissionId))?.state).toBe("PENDING");
    expect(mailer.sent).toHaveLength(0);
    expect(submissions.leaseOf(SCHOOL_ID, submission.submissionId)?.owner).toBe("message-other");
  });

  it("logs a refused receipt and does not retry it", async () => {
    const submission = await pendingSubmission();
    mailer.reject(school.email);

    const outcome = await processUpload(upload(submission), deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "ACCEPTED" });
    const stored = await submissions.getSubmission(SCHOOL_ID, submission.submissionId);
    expect(stored?.receiptSentAt).toBeUndefined();
    expect(mailer.to(REVIEWER)).toHaveLength(1);
  });

  it("ignores keys outside the layout and uploads for unknown schools or submissions", async () => {
    const submission = await pendingSubmission();
    const object = upload(submission);

    expect(await processUpload({ ...object, key: "elsewhere/x.pdf" }, deps())).toStrictEqual({
      kind: "ignored",
      reason: "foreign-key",
    });
    expect(
      await processUpload(
        { ...object, key: uploadKey("12410000MB0000000Y", submission.submissionId, GOOD_NAME) },
        deps(),
      ),
    ).toStrictEqual({ kind: "ignored", reason: "unknown-school" });
    expect(
      await processUpload({ ...object, key: uploadKey(SCHOOL_ID, newSubmissionId(), GOOD_NAME) }, deps()),
    ).toStrictEqual({ kind: "ignored", reason: "unknown-submission" });
  });

  it("judges and addresses the receipt from the school as recorded with the link, reading no school item", async () => {
    const reads = countSchoolReads();
    // The snapshot names an address the school item does not: the receipt goes where the link request said.
    const recorded = pendingRecord(ctx.call.id, { ...school, email: "link-time@hnzj.example.cn" });
    await submissions.createPending(recorded);

    const outcome = await processUpload(upload(recorded), deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "ACCEPTED" });
    expect(reads.count).toBe(0);
    expect(mailer.to("link-time@hnzj.example.cn")).toHaveLength(1);
    expect(mailer.to(school.email)).toHaveLength(0);
  });

  it("reads the school for a record written before the snapshot was kept", async () => {
    const reads = countSchoolReads();
    const { school: _snapshot, ...older } = pendingRecord(ctx.call.id, school);
    await submissions.createPending(older);

    const outcome = await processUpload(upload(older), deps());

    expect(outcome).toMatchObject({ kind: "decided", state: "ACCEPTED" });
    expect(reads.count).toBe(1);
    expect(mailer.to(school.email)).toHaveLength(1);
    expect(mailer.to(REVIEWER)[0]?.text).toContain(school.name);
  });

  it("ignores a record from before the snapshot whose school is not registered, releasing the lease", async () => {
    const unregistered = registeredSchool("12410000MB0000000Y");
    const { school: _snapshot, ...older } = pendingRecord(ctx.call.id, unregistered);
    await submissions.createPending(older);

    const outcome = await processUpload(upload(older), deps());

    expect(outcome).toStrictEqual({ kind: "ignored", reason: "unknown-school" });
    expect(mailer.sent).toHaveLength(0);
    expect(submissions.leaseOf(unregistered.schoolId, older.submissionId)).toBeUndefined();
  });

  it("supersedes the earlier accepted version with a later one", async () => {
    const first = await pendingSubmission();
    await processUpload(upload(first), deps());
    const second = await pendingSubmission();
    now = new Date("2024-11-15T02:00:00.000Z");

    await processUpload(upload(second, undefined, "2024-11-15T01:59:00.000Z"), deps("message-2"));

    expect((await submissions.getSubmission(SCHOOL_ID, first.submissionId))?.state).toBe("SUPERSEDED");
    expect((await submissions.getSubmission(SCHOOL_ID, second.submissionId))?.verdict).toMatchObject({
      version: 2,
      replaces: first.submissionId,
    });
    expect(objects.disposed).toStrictEqual([`${first.objectKey}@v1`]);
  });
});

describe("processUpload and the registered schools' names", () => {
  /** Registered under a name the rule's school-name pattern would not recognise on its own. */
  const OTHER = "河南某某专修园";

  async function uploadTitled(title: string, delivery: string, extra: Partial<ProcessDeps>) {
    inspector = new FakeInspector(inspected({ pageCount: 12, title }));
    const submission = await pendingSubmission();
    await processUpload(upload(submission), { ...deps(delivery), ...extra });
    return submissions.getSubmission(SCHOOL_ID, submission.submissionId);
  }

  it("warns when the Title names another registered college, reading the names once", async () => {
    await schools.registerSchool({ ...school, schoolId: "12410000000000001X", name: OTHER });
    let reads = 0;
    const schoolNames = cachedSchoolNames({
      list: async () => {
        reads += 1;
        return (await schools.listSchools()).map((s) => s.name);
      },
      clock: () => now,
      maxAgeMs: 5 * 60_000,
    });

    const stored = await uploadTitled(`${OTHER}申报材料`, "message-1", { schoolNames });

    expect(stored?.state).toBe("ACCEPTED");
    const warning = stored?.verdict?.findings.find((f) => f.code === "PDF_METADATA_OTHER_SCHOOL");
    expect(warning).toMatchObject({ severity: "warning", actual: OTHER, expected: school.name });
    expect(mailer.to(school.email)[0]?.text).toContain(OTHER);

    // A second upload in the same container: the same finding, no second listing.
    const again = await uploadTitled(`${OTHER}申报材料`, "message-2", { schoolNames });
    expect(codes(again)).toContain("PDF_METADATA_OTHER_SCHOOL");
    expect(reads).toBe(1);
  });

  it("without the names, the same Title passes: the warning comes from the registered list", async () => {
    await schools.registerSchool({ ...school, schoolId: "12410000000000001X", name: OTHER });

    const stored = await uploadTitled(`${OTHER}申报材料`, "message-1", {});

    expect(codes(stored)).not.toContain("PDF_METADATA_OTHER_SCHOOL");
  });

  it("is silent when the Title names the submitter itself", async () => {
    const schoolNames = cachedSchoolNames({
      list: async () => (await schools.listSchools()).map((s) => s.name),
      clock: () => now,
      maxAgeMs: 5 * 60_000,
    });

    const stored = await uploadTitled(`${school.name}申报材料`, "message-1", { schoolNames });

    expect(codes(stored)).not.toContain("PDF_METADATA_OTHER_SCHOOL");
  });
});

/** Counts the school items processing reads from here on. */
function countSchoolReads(): { count: number } {
  const reads = { count: 0 };
  const getSchool = schools.getSchool.bind(schools);
  schools.getSchool = async (id) => {
    reads.count += 1;
    return getSchool(id);
  };
  return reads;
}
