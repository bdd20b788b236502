import { EVIDENCE_DOCUMENT_TYPE } from "../application/prescreen-school.ts";
import type { CheckContext } from "../checks/context.ts";
import { verdictOf } from "../checks/index.ts";
import { parseSubmissionName } from "../checks/name-template.ts";
import { type BytesInspector, type Examination, examineFile } from "../examination/examine.ts";
import { composeReceipt, composeReviewerNotice } from "../mail/compose.ts";
import {
  firstFailure,
  noReviewerPending,
  type PendingMailKind,
  pendingMailKey,
} from "../mail/pending-mail.ts";
import type { IssuedLink, PreparedLinks, ReviewerLinkIssuer } from "../reviewer-links/issue-link.ts";
import { SubmissionTaken } from "../submissions/errors.ts";
import { parseUploadKey } from "../submissions/object-key.ts";
import type {
  ApplicationPointer,
  SchoolSnapshot,
  SubmissionRecord,
  SubmissionVerdict,
} from "../submissions/records.ts";
import type { FinalMark, SchoolRepository, SubmissionRepository } from "../submissions/repository.ts";
import { hasVerdict } from "../submissions/states.ts";
import { acceptedHistory, buildVerdict, versionOf } from "./decide.ts";
import { type EvidencePrescreenDeps, prescreenOnEvidence } from "./evidence-prescreen.ts";
import { keepEvidenceText } from "./keep-evidence-text.ts";
import { type Log, type Mailer, MailRejected, type ObjectStore } from "./ports.ts";
import type { SchoolNames } from "./school-names.ts";
import { objectVersionOf, s3VersionIdOf, type UploadedObject } from "./uploaded-object.ts";

export interface ProcessDeps {
  ctx: CheckContext;
  schools: SchoolRepository;
  submissions: SubmissionRepository;
  objects: ObjectStore;
  mailer: Mailer;
  inspector: BytesInspector;
  /**
   * The registered schools' names (cached per container), so the metadata rule recognises another registered
   * college in a file's properties. Without it the rule knows school names only by their pattern.
   */
  schoolNames?: SchoolNames;
  /** Addresses notified of every accepted submission. */
  reviewers: readonly string[];
  /**
   * Issues each reviewer's download link (the API's /r/{linkId} route). Without it, notices carry no link and
   * tell reviewers to download from the operator's side.
   */
  reviewerLinks?: ReviewerLinkIssuer;
  statusUrl?: (submissionId: string) => string;
  /**
   * This delivery: its queue message's id (a redelivery of that message is the same worker) and when its
   * invocation ends, after which another delivery may take the submission over.
   */
  delivery: { id: string; until: Date };
  /** The forms and the evidence text: an accepted 佐证材料's text is kept and the pre-screen recomputed. */
  prescreen?: EvidencePrescreenDeps;
  clock: () => Date;
  log: Log;
}

export type ProcessOutcome =
  | {
      kind: "ignored";
      reason: "foreign-key" | "unknown-school" | "unknown-submission" | "reused-link" | "in-progress";
    }
  | {
      kind: "decided";
      submissionId: string;
      state: SubmissionVerdict["state"];
      resumed: boolean;
      /** When the receipt and the notices were done: what the school waited for (the evidence text comes after). */
      mailedAt: Date;
    };

type Decided = SubmissionRecord & { verdict: SubmissionVerdict; uploadedAt: string };

/**
 * Takes one uploaded object from arrival to receipt. Every step is safe to repeat: S3 and SQS deliver at least
 * once, and the function may die between any two steps, so each step either is pure or is a conditional write that
 * a repetition finds already done. Transient failures throw (the queue redelivers); an applicant's bad file is a
 * verdict, never an exception.
 *
 * Repeating is safe, running twice at once is not: two deliveries of one upload (S3 and SQS duplicate messages,
 * and Lambda runs them side by side) would both find no receipt sent and both send one. So one delivery at a time
 * holds the submission's lease; another that finds it held stops, since the holder's message comes back if the
 * holder fails. The lease is taken by the verdict's own write (which also fences the object version: the claim) and
 * released by the last mark's, so it costs no call of its own; only a redelivery that finds the verdict recorded
 * takes it with a write of its own. Duplicates running at once may both examine the file; one records the verdict.
 * docs/data-model.md ("One accepted upload, call by call") lists every call and why it is needed.
 */
export async function processUpload(object: UploadedObject, deps: ProcessDeps): Promise<ProcessOutcome> {
  const parts = parseUploadKey(object.key);
  if (!parts) {
    deps.log.warn("object outside the upload layout ignored", { key: object.key });
    return { kind: "ignored", reason: "foreign-key" };
  }
  return claimAndDecide(object, parts, deps);
}

/**
 * The school as processing needs it: the snapshot the link request stored on the submission, or, for a record
 * written before snapshots were kept, the school item (undefined if the school is not registered).
 */
type School = SchoolSnapshot & { schoolId: string };

async function schoolOf(submission: SubmissionRecord, deps: ProcessDeps): Promise<School | undefined> {
  if (submission.school) return { schoolId: submission.schoolId, ...submission.school };
  return deps.schools.getSchool(submission.schoolId);
}

async function claimAndDecide(
  object: UploadedObject,
  parts: { schoolId: string; submissionId: string },
  deps: ProcessDeps,
): Promise<ProcessOutcome> {
  const objectVersion = objectVersionOf(object);
  const lease = {
    owner: deps.delivery.id,
    now: deps.clock().toISOString(),
    until: deps.delivery.until.toISOString(),
  };
  // One strongly consistent Query: this submission's record (with the school the link request stored) and the
  // school's accepted history, which numbers the version and names the upload it replaces. Filtered here, not by a
  // FilterExpression: DynamoDB bills every item the Query reads either way, and a school has tens of them.
  const listed = await deps.submissions.listSchoolSubmissions(parts.schoolId);
  const submission = listed.find((s) => s.submissionId === parts.submissionId);
  if (!submission) {
    // Only a key no link was issued for: telling an unregistered school from a stray id costs a read here only.
    if (!(await deps.schools.getSchool(parts.schoolId))) return unknownSchool(object, parts.schoolId, deps);
    deps.log.error("upload without a submission record ignored", { key: object.key });
    return { kind: "ignored", reason: "unknown-submission" };
  }
  if (submission.objectVersion !== undefined && submission.objectVersion !== objectVersion) {
    return reusedLink(submission, objectVersion, deps);
  }
  const school = await schoolOf(submission, deps);
  // A record from before snapshots whose school item is gone: nothing to judge the name against or to write to.
  if (!school) return unknownSchool(object, parts.schoolId, deps);
  const resumed = hasVerdict(submission.state);
  let decided: Decision;
  if (resumed) {
    // The verdict on this version is recorded: resume the side effects under the lease, from the record as it stands
    // once the lease is held (a holder before may have sent and marked more since the Query).
    const taken = await deps.submissions.takeLease(school.schoolId, submission.submissionId, lease);
    if (taken.kind === "held-by-another") return inProgress(submission.submissionId, deps);
    if (taken.kind === "not-found") return { kind: "ignored", reason: "unknown-submission" };
    decided = { submission: asDecided(taken.submission), listed };
  } else {
    const decision = await decide(submission, listed, object, school, objectVersion, lease, deps);
    if ("kind" in decision) return decision;
    decided = decision;
  }
  // The lease is released only when the work is done: after a failure, the same message's retry takes it back.
  await finish(decided, school, deps);
  const mailedAt = deps.clock();
  // After the receipt and the notices; the message is deleted only once this returns (keep-evidence-text.ts).
  const evidenceText = await keepEvidenceText(decided.submission, object, decided.bytes, deps);
  await prescreenOnEvidence(decided.submission, deps, evidenceText ? { text: evidenceText } : {});
  return {
    kind: "decided",
    submissionId: decided.submission.submissionId,
    state: decided.submission.verdict.state,
    resumed,
    mailedAt,
  };
}

type Ignored = Extract<ProcessOutcome, { kind: "ignored" }>;

/** A presigned POST stays valid until it expires; a second upload through it must not change a decision. */
function reusedLink(submission: SubmissionRecord, objectVersion: string, deps: ProcessDeps): Ignored {
  deps.log.warn("second upload through a used link ignored", {
    submissionId: submission.submissionId,
    decidedVersion: submission.objectVersion,
    objectVersion,
  });
  return { kind: "ignored", reason: "reused-link" };
}

function inProgress(submissionId: string, deps: ProcessDeps): Ignored {
  deps.log.info("upload being processed by another delivery; this duplicate stops", { submissionId });
  return { kind: "ignored", reason: "in-progress" };
}

function unknownSchool(object: UploadedObject, schoolId: string, deps: ProcessDeps): ProcessOutcome {
  deps.log.error("upload for an unregistered school ignored", { key: object.key, schoolId });
  return { kind: "ignored", reason: "unknown-school" };
}

/**
 * A decision and what this delivery learnt on the way that the side effects can use instead of reading it again:
 * the school's submissions as listed at the delivery's start, and a 佐证材料's bytes, whose text is read after the
 * receipt.
 */
interface Decision {
  submission: Decided;
  listed: SubmissionRecord[];
  bytes?: Uint8Array;
  /** The reviewers' links the verdict's write stored (their URLs exist only in this delivery's memory). */
  links?: PreparedLinks["links"];
}

/**
 * Examines the upload and records the verdict. The verdict's write is the claim: it fences the object version and
 * takes the lease in the same conditional write, so of two deliveries that both examined the file (duplicates of one
 * upload, or two versions through one link) exactly one records a verdict and goes on to send mail; the other stops.
 */
async function decide(
  submission: SubmissionRecord,
  listed: SubmissionRecord[],
  object: UploadedObject,
  school: School,
  objectVersion: string,
  lease: { owner: string; now: string; until: string },
  deps: ProcessDeps,
): Promise<Decision | Ignored> {
  const uploadedAt = new Date(object.eventTime);
  const { examination, bytes } = await examine(submission, object, school, uploadedAt, deps);
  // Only an accepted upload counts as a version of the school's document (a late one is not accepted).
  const version =
    verdictOf(examination.findings) === "ACCEPTED"
      ? versionOf(
          { ...submission, uploadedAt: object.eventTime },
          acceptedHistory(listed, submission.documentType),
        )
      : undefined;
  const verdict = buildVerdict(submission, examination, uploadedAt, deps.clock(), version);
  // The reviewers' links are stored by the verdict's own write: no request of their own on a first delivery.
  const links = linksFor(submission, verdict, deps);
  let recorded: SubmissionRecord;
  try {
    recorded = await deps.submissions.recordVerdict(
      school.schoolId,
      submission.submissionId,
      objectVersion,
      verdict,
      { uploadedAt: object.eventTime, ...lease },
      links?.entries,
    );
  } catch (error) {
    if (!(error instanceof SubmissionTaken)) throw error;
    return error.by === "another-version"
      ? reusedLink(submission, objectVersion, deps)
      : inProgress(submission.submissionId, deps);
  }
  deps.log.info("verdict recorded", {
    submissionId: submission.submissionId,
    state: recorded.verdict?.state,
    pageCount: verdict.pageCount,
    findings: verdict.findings.map((f) => f.code),
  });
  // Stored only if this write recorded the verdict (a verdict recorded before keeps the links it came with).
  const stored = links?.links.every((link) => recorded.reviewerLinks?.[link.linkHash] !== undefined);
  return {
    submission: asDecided(recorded),
    listed,
    ...(bytes && examination.verdict === "accepted" ? { bytes } : {}),
    ...(links && stored ? { links: links.links } : {}),
  };
}

/** Each reviewer's new link on an accepted submission, to be stored with its verdict; none without an issuer. */
function linksFor(
  submission: SubmissionRecord,
  verdict: SubmissionVerdict,
  deps: ProcessDeps,
): PreparedLinks | undefined {
  if (verdict.state !== "ACCEPTED" || deps.reviewers.length === 0 || !deps.reviewerLinks) return undefined;
  return deps.reviewerLinks.prepare(submission, deps.reviewers);
}

/**
 * Every rule of the call over the stored object, the upload time being the time the deadline rule judges. An object
 * that vanished before it could be read (deleted, or expired by a lifecycle rule) is a verdict, not a retry: the
 * rules find FILE_MISSING. The text a document type only keeps (the 佐证材料's) is not read here: no rule reads it,
 * and the receipt need not wait for it. The bytes of a 佐证材料 come back for that later read (the inspection takes
 * the ones it is given).
 */
async function examine(
  submission: SubmissionRecord,
  object: UploadedObject,
  school: School,
  uploadedAt: Date,
  deps: ProcessDeps,
): Promise<{ examination: Examination; bytes?: Uint8Array }> {
  const input = {
    fileName: submission.fileName,
    documentType: submission.documentType,
    school: { name: school.name, level: school.level },
    submittedAt: uploadedAt,
  };
  const ctx: CheckContext = deps.schoolNames
    ? { ...deps.ctx, registeredSchools: await deps.schoolNames.current() }
    : deps.ctx;
  // The event names the version's size (S3 writes it from the stored object), so no HEAD is needed to refuse it.
  if (object.size > ctx.call.maxFileBytes) {
    // Never read what the call refuses anyway; the policy's size range makes this a defence in depth.
    const content = { size: object.size, sha256: "" };
    return { examination: await examineFile({ ...input, content }, deps.inspector, ctx, NO_TEXT) };
  }
  const bytes = await deps.objects.read(object.key, object.versionId);
  if (!bytes)
    return { examination: await examineFile({ ...input, content: { missing: true } }, deps.inspector, ctx) };
  const kept = deps.prescreen && submission.documentType === EVIDENCE_DOCUMENT_TYPE ? bytes : undefined;
  const content = { bytes: kept ? bytes.slice() : bytes };
  return {
    examination: await examineFile({ ...input, content }, deps.inspector, ctx, NO_TEXT),
    ...(kept ? { bytes: kept } : {}),
  };
}

/** The verdict's inspection: the text only a document type keeps is read after the receipt (keep-evidence-text.ts). */
const NO_TEXT = { keepText: false } as const;

/**
 * The side effects of a decision, each done at most once: superseding, the receipt, the reviewers' notices. Each
 * e-mail is followed by its own mark, so a crash between SES accepting a message and the mark sends that one message
 * again, never another; the delivery's last bookkeeping (every reviewer notified, the lease released) rides on the
 * last mark instead of writes of its own.
 */
async function finish(decision: Decision, school: School, deps: ProcessDeps): Promise<void> {
  const { submission } = decision;
  const accepted = submission.verdict.state === "ACCEPTED";
  const placed = accepted ? await supersedeEarlier(decision, deps) : undefined;
  if (!accepted) {
    await deps.objects.markForDisposal(submission.objectKey, s3VersionIdOf(submission.objectVersion));
  }
  const owner = deps.delivery.id;
  // A message SES refused is pending on the submission: the scheduled retry (or `shenbao mail resend`) owns it now.
  const receiptDue =
    !submission.receiptSentAt && !submission.mailPending?.[pendingMailKey("receipt", school.email)];
  const notifying = accepted && deps.reviewers.length > 0;
  const unsettled = notifying ? deps.reviewers.filter((to) => !reviewerSettled(submission, to)) : [];
  // Every reviewer notified once this delivery's notices are out, unless one is refused (then it is pending).
  const allNotifiedDue = notifying && !submission.reviewersNotifiedAt && noReviewerPending(submission);
  let refused = false;
  let released = false;
  /** What the last mark of this delivery also records. */
  const last = (isLast: boolean): FinalMark | undefined => {
    if (!isLast) return undefined;
    released = true;
    return {
      ...(allNotifiedDue && !refused ? { reviewersNotifiedAt: deps.clock().toISOString() } : {}),
      releaseLease: owner,
    };
  };

  if (receiptDue) {
    const statusUrl = deps.statusUrl?.(submission.submissionId);
    const email = composeReceipt(deps.ctx.call, school, submission, placed?.replaced, statusUrl);
    if (await sendOnce(deps, { to: school.email, ...email }, submission, "receipt")) {
      const at = deps.clock().toISOString();
      await deps.submissions.markReceiptSent(
        school.schoolId,
        submission.submissionId,
        at,
        last(unsettled.length === 0),
      );
    }
  }
  if (unsettled.length > 0) {
    const name = parseSubmissionName(submission.fileName, deps.ctx.call.nameTemplate);
    // A link of each reviewer's own (revocable one by one, every download attributed), stored with the verdict.
    const downloads = await reviewerDownloads(decision, unsettled, deps);
    for (const [index, to] of unsettled.entries()) {
      const email = composeReviewerNotice(
        deps.ctx.call,
        school,
        submission,
        name.ok ? name.major : null,
        downloads?.[index],
      );
      if (await sendOnce(deps, { to, ...email }, submission, "reviewer")) {
        // Each address on its own: a failure on the next one must not send this one again.
        await deps.submissions.markReviewerNotified(
          school.schoolId,
          submission.submissionId,
          to,
          last(index === unsettled.length - 1),
        );
      } else refused = true;
    }
  }
  if (!released) {
    // No mark carried the bookkeeping (nothing left to send, or the last message was refused): one write of its own.
    if (allNotifiedDue && !refused) {
      await deps.submissions.markReviewersNotified(
        school.schoolId,
        submission.submissionId,
        deps.clock().toISOString(),
      );
    }
    await deps.submissions.releaseLease(school.schoolId, submission.submissionId, owner);
  }
}

/**
 * Each unsettled reviewer's link: the ones the verdict's write stored, or (a redelivery, whose first delivery's
 * link ids are gone with it) new ones on the submission in one write; none without an issuer.
 */
async function reviewerDownloads(
  decision: Decision,
  reviewers: readonly string[],
  deps: ProcessDeps,
): Promise<Array<IssuedLink | undefined> | undefined> {
  if (!deps.reviewerLinks) return undefined;
  const stored = decision.links;
  if (stored && reviewers.every((to) => stored.some((link) => link.reviewer === to))) {
    return reviewers.map((to) => stored.find((link) => link.reviewer === to));
  }
  const { submission } = decision;
  const issued = await deps.reviewerLinks.issueOnSubmission(
    submission,
    reviewers,
    submission.reviewerLinks !== undefined,
  );
  return issued.links;
}

/** Notified already, or refused earlier and pending with the retry job. */
function reviewerSettled(submission: Decided, to: string): boolean {
  return (
    (submission.reviewersNotified ?? []).includes(to) ||
    submission.mailPending?.[pendingMailKey("reviewer", to)] !== undefined
  );
}

/**
 * Makes this submission the school's application unless a later upload already is, then supersedes every other
 * accepted version of the document. Converges from any interrupted earlier attempt. Returns the pointer as it
 * stands and the submission this one replaces, for the receipt.
 *
 * The school's submissions are listed again after the pointer moves, unless this call created the pointer: then no
 * other upload of the document had been placed, and every other accepted one places itself later, lists after
 * that, and so finds and supersedes this one or itself. The list taken at the delivery's start (before the verdict,
 * or, on a resumed delivery, after it) then serves the receipt: it holds the upload the verdict says this replaces.
 */
async function supersedeEarlier(
  decision: Decision,
  deps: ProcessDeps,
): Promise<{ pointer: ApplicationPointer; replaced?: Decided }> {
  const { submission } = decision;
  const { schoolId, documentType } = submission;
  const { pointer, created } = await deps.submissions.placeApplication({
    schoolId,
    documentType,
    currentSubmissionId: submission.submissionId,
    currentUploadedAt: submission.uploadedAt,
    updatedAt: deps.clock().toISOString(),
  });
  const all = created ? decision.listed : await deps.submissions.listSchoolSubmissions(schoolId);
  if (!created) {
    const now = deps.clock().toISOString();
    for (const other of all) {
      if (other.documentType !== documentType || other.state !== "ACCEPTED") continue;
      if (other.submissionId === pointer.currentSubmissionId) continue;
      await deps.submissions.markSuperseded(schoolId, other.submissionId, pointer.currentSubmissionId, now);
      await deps.objects.markForDisposal(other.objectKey, s3VersionIdOf(other.objectVersion));
      deps.log.info("submission superseded", {
        submissionId: other.submissionId,
        by: pointer.currentSubmissionId,
      });
    }
  }
  const replacedId = submission.verdict.replaces;
  const replaced = replacedId ? all.find((s) => s.submissionId === replacedId) : undefined;
  return {
    pointer,
    ...(replaced?.verdict && replaced.uploadedAt ? { replaced: asDecided(replaced) } : {}),
  };
}

/**
 * Sends one e-mail. A permanent refusal is recorded on the submission (what, to whom, why) for the scheduled retry
 * and `shenbao mail resend`, and the message is not marked sent; anything else throws for redelivery.
 */
async function sendOnce(
  deps: ProcessDeps,
  email: Parameters<Mailer["send"]>[0],
  submission: Decided,
  kind: PendingMailKind,
): Promise<boolean> {
  const { submissionId } = submission;
  try {
    const { messageId } = await deps.mailer.send(email);
    deps.log.info("e-mail sent", { submissionId, kind, messageId });
    return true;
  } catch (error) {
    if (!(error instanceof MailRejected)) throw error;
    const pending = firstFailure(kind, email, error.message, deps.clock());
    await deps.submissions.deferMail(
      { schoolId: submission.schoolId, submissionId, key: pendingMailKey(kind, email.to) },
      pending,
    );
    deps.log.error("e-mail refused; recorded for retry", {
      submissionId,
      kind,
      error: error.message,
      nextAttemptAt: pending.nextAttemptAt,
    });
    return false;
  }
}

function asDecided(submission: SubmissionRecord): Decided {
  if (!submission.verdict || !submission.uploadedAt) {
    throw new Error(`submission ${submission.submissionId} has no recorded verdict`);
  }
  return submission as Decided;
}
