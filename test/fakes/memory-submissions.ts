/**
 * SubmissionRepository in memory, for fast tests of the orchestrations. Each method makes the same decision as the
 * DynamoDB adapter by calling the same pure functions (shared/submissions/transitions.ts); the contract tests in
 * test/integration/repository/submission-repository-contract.ts run against both. Records are copied in and out
 * (as JSON, which, like the adapter, drops undefined fields), so a caller can never mutate what is stored.
 */
import {
  claimable,
  type PendingMail,
  type PendingMailId,
  type PendingMailRef,
  pendingOf,
} from "../../shared/mail/pending-mail.ts";
import {
  SubmissionAlreadyExists,
  SubmissionNotFound,
  SubmissionStateConflict,
  SubmissionTaken,
} from "../../shared/submissions/errors.ts";
import type {
  ApplicationPointer,
  ReviewerLinkEntry,
  SubmissionRecord,
  SubmissionVerdict,
} from "../../shared/submissions/records.ts";
import type {
  ClaimOutcome,
  FinalMark,
  LeaseOutcome,
  PlacedApplication,
  SubmissionRepository,
  TakenLease,
} from "../../shared/submissions/repository.ts";
import type { SubmissionState } from "../../shared/submissions/states.ts";
import {
  advances,
  canAddReviewer,
  canClaim,
  canRecordClaimedVerdict,
  canRecordVerdict,
  canSupersede,
  canTakeLease,
  changeWhenLost,
  claimed,
  claimedVerdictWhenLost,
  claimedWithVerdict,
  classifyClaim,
  type Lease,
  leaseWhenLost,
  marked,
  remainingMark,
  type SentMark,
  superseded,
  type VerdictClaim,
  verdictWhenLost,
  withVerdict,
} from "../../shared/submissions/transitions.ts";

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const key = (schoolId: string, id: string) => `${schoolId}#${id}`;

export class MemorySubmissionRepository implements SubmissionRepository {
  private readonly submissions = new Map<string, SubmissionRecord>();

  /**
   * The stored record itself (not a copy), for the in-memory reviewer-link store, which keeps links on it as the
   * DynamoDB adapter keeps them on the submission's item.
   */
  storedSubmission(schoolId: string, submissionId: string): SubmissionRecord | undefined {
    return this.submissions.get(key(schoolId, submissionId));
  }

  /** Every stored record itself (see storedSubmission). */
  storedSubmissions(): SubmissionRecord[] {
    return [...this.submissions.values()];
  }
  private readonly applications = new Map<string, ApplicationPointer>();
  private readonly leases = new Map<string, Lease>();

  async createPending(submission: SubmissionRecord): Promise<void> {
    const k = key(submission.schoolId, submission.submissionId);
    if (this.submissions.has(k)) throw new SubmissionAlreadyExists(submission.submissionId);
    this.submissions.set(k, copy(submission));
  }

  async getSubmission(schoolId: string, submissionId: string): Promise<SubmissionRecord | undefined> {
    const stored = this.submissions.get(key(schoolId, submissionId));
    return stored ? copy(stored) : undefined;
  }

  /** Oldest first, as the adapter's query by ULID sort key. */
  async listSchoolSubmissions(schoolId: string): Promise<SubmissionRecord[]> {
    return [...this.submissions.values()]
      .filter((s) => s.schoolId === schoolId)
      .sort((a, b) => compare(a.submissionId, b.submissionId))
      .map(copy);
  }

  /** Oldest link first, as the adapter's index on (state, createdAt#id). */
  async listByState(state: SubmissionState): Promise<SubmissionRecord[]> {
    return [...this.submissions.values()]
      .filter((s) => s.state === state)
      .sort((a, b) => compare(`${a.createdAt}#${a.submissionId}`, `${b.createdAt}#${b.submissionId}`))
      .map(copy);
  }

  async claim(
    schoolId: string,
    submissionId: string,
    claim: { objectVersion: string; uploadedAt: string; now: string },
  ): Promise<ClaimOutcome> {
    const k = key(schoolId, submissionId);
    const stored = this.submissions.get(k);
    if (stored && canClaim(stored)) {
      const next = claimed(stored, claim);
      this.submissions.set(k, copy(next));
      return { kind: "claimed", submission: copy(next) };
    }
    const outcome = classifyClaim(stored && copy(stored), claim);
    if (outcome.kind === "write") throw new Error("unreachable: a claimable submission was not claimed");
    return outcome;
  }

  async recordVerdict(
    schoolId: string,
    submissionId: string,
    objectVersion: string,
    verdict: SubmissionVerdict,
    claim?: VerdictClaim,
    reviewerLinks?: Readonly<Record<string, ReviewerLinkEntry>>,
  ): Promise<SubmissionRecord> {
    const k = key(schoolId, submissionId);
    const stored = this.submissions.get(k);
    const links = reviewerLinks && Object.keys(reviewerLinks).length > 0 ? { reviewerLinks } : {};
    if (claim) {
      if (stored && canRecordClaimedVerdict(stored, this.leases.get(k), objectVersion, claim)) {
        const next = copy({ ...claimedWithVerdict(stored, objectVersion, claim, verdict), ...links });
        this.submissions.set(k, next);
        this.leases.set(k, { owner: claim.owner, until: claim.until });
        return copy(next);
      }
      const lost = claimedVerdictWhenLost(
        stored && copy(stored),
        this.leases.get(k),
        objectVersion,
        claim.owner,
      );
      if (lost.kind === "already-recorded") return lost.submission;
      if (lost.kind === "not-found") throw new SubmissionNotFound(submissionId);
      throw new SubmissionTaken(
        submissionId,
        lost.kind === "other-version" ? "another-version" : "another-delivery",
      );
    }
    if (stored && canRecordVerdict(stored, objectVersion)) {
      const next = copy({ ...withVerdict(stored, verdict), ...links });
      this.submissions.set(k, next);
      return copy(next);
    }
    const lost = verdictWhenLost(stored && copy(stored), objectVersion);
    if (lost.kind === "already-recorded") return lost.submission;
    if (lost.kind === "not-found") throw new SubmissionNotFound(submissionId);
    throw new SubmissionStateConflict(submissionId, `PROCESSING object version ${objectVersion}`);
  }

  async getApplication(schoolId: string, documentType: string): Promise<ApplicationPointer | undefined> {
    const stored = this.applications.get(key(schoolId, documentType));
    return stored ? copy(stored) : undefined;
  }

  async advanceApplication(pointer: ApplicationPointer): Promise<ApplicationPointer> {
    return (await this.placeApplication(pointer)).pointer;
  }

  async placeApplication(pointer: ApplicationPointer): Promise<PlacedApplication> {
    const k = key(pointer.schoolId, pointer.documentType);
    const stored = this.applications.get(k);
    if (advances(stored, pointer)) {
      this.applications.set(k, copy(pointer));
      return { pointer: copy(pointer), created: stored === undefined };
    }
    return { pointer: copy(stored as ApplicationPointer), created: false };
  }

  async markSuperseded(schoolId: string, submissionId: string, by: string, at: string): Promise<void> {
    const k = key(schoolId, submissionId);
    const stored = this.submissions.get(k);
    if (stored && canSupersede(stored, by)) {
      this.submissions.set(k, superseded(stored, by, at));
      return;
    }
    this.lost(stored, submissionId, `ACCEPTED (or SUPERSEDED by ${by})`);
  }

  async markReceiptSent(schoolId: string, submissionId: string, at: string, then?: FinalMark): Promise<void> {
    this.mark(schoolId, submissionId, { receiptSentAt: at, ...then });
  }

  async markReviewersNotified(schoolId: string, submissionId: string, at: string): Promise<void> {
    this.setOnce(schoolId, submissionId, "reviewersNotifiedAt", at);
  }

  async markReviewerNotified(
    schoolId: string,
    submissionId: string,
    address: string,
    then?: FinalMark,
  ): Promise<void> {
    this.mark(schoolId, submissionId, { reviewer: address, ...then });
  }

  /** What the adapter's one UpdateItem (and its retry of the remaining parts) leaves behind. */
  private mark(schoolId: string, submissionId: string, mark: SentMark): void {
    const k = key(schoolId, submissionId);
    const stored = this.submissions.get(k);
    if (!stored) throw new SubmissionNotFound(submissionId);
    const rest = remainingMark(stored, this.leases.get(k), mark);
    this.submissions.set(k, marked(stored, rest));
    if (rest.releaseLease !== undefined) this.leases.delete(k);
  }

  async deferMail(id: PendingMailId, mail: PendingMail): Promise<void> {
    const k = key(id.schoolId, id.submissionId);
    const stored = this.submissions.get(k);
    if (!stored || stored.mailPending?.[id.key]) return;
    this.submissions.set(k, { ...stored, mailPending: { ...stored.mailPending, [id.key]: copy(mail) } });
  }

  async listPendingMail(): Promise<PendingMailRef[]> {
    return [...this.submissions.values()]
      .filter((s) => s.verdict !== undefined)
      .flatMap(pendingOf)
      .map(copy);
  }

  async claimPendingMail(
    id: PendingMailId,
    claim: { owner: string; now: string; until: string },
  ): Promise<SubmissionRecord | undefined> {
    const k = key(id.schoolId, id.submissionId);
    const stored = this.submissions.get(k);
    const mail = stored?.mailPending?.[id.key];
    if (!stored || !mail || !claimable(mail, claim.now)) return undefined;
    const next = this.withEntry(stored, id.key, {
      ...mail,
      claimOwner: claim.owner,
      claimUntil: claim.until,
    });
    this.submissions.set(k, next);
    return copy(next);
  }

  async completePendingMail(
    id: PendingMailId,
    owner: string,
    at: string,
  ): Promise<SubmissionRecord | undefined> {
    const k = key(id.schoolId, id.submissionId);
    const stored = this.submissions.get(k);
    if (stored?.mailPending?.[id.key]?.claimOwner !== owner) return undefined;
    const { [id.key]: _sent, ...rest } = stored.mailPending;
    const address = id.key.slice("reviewer:".length);
    const marked: SubmissionRecord =
      id.key === "receipt"
        ? { ...stored, receiptSentAt: stored.receiptSentAt ?? at }
        : canAddReviewer(stored, address)
          ? { ...stored, reviewersNotified: [...(stored.reviewersNotified ?? []), address] }
          : stored;
    const { mailPending: _map, ...record } = marked;
    const next = Object.keys(rest).length > 0 ? { ...record, mailPending: rest } : record;
    this.submissions.set(k, next);
    return copy(next);
  }

  async failPendingMail(id: PendingMailId, owner: string, mail: PendingMail): Promise<void> {
    const k = key(id.schoolId, id.submissionId);
    const stored = this.submissions.get(k);
    if (stored?.mailPending?.[id.key]?.claimOwner !== owner) return;
    this.submissions.set(k, this.withEntry(stored, id.key, mail));
  }

  private withEntry(stored: SubmissionRecord, entryKey: string, mail: PendingMail): SubmissionRecord {
    return { ...stored, mailPending: { ...stored.mailPending, [entryKey]: copy(mail) } };
  }

  async acquireLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<LeaseOutcome> {
    const k = key(schoolId, submissionId);
    const exists = this.submissions.has(k);
    if (canTakeLease(exists, this.leases.get(k), lease)) {
      this.leases.set(k, { owner: lease.owner, until: lease.until });
      return "acquired";
    }
    return leaseWhenLost(exists);
  }

  async takeLease(
    schoolId: string,
    submissionId: string,
    lease: { owner: string; now: string; until: string },
  ): Promise<TakenLease> {
    const outcome = await this.acquireLease(schoolId, submissionId, lease);
    const stored = this.submissions.get(key(schoolId, submissionId));
    if (outcome === "acquired" && stored) return { kind: "acquired", submission: copy(stored) };
    return stored ? { kind: "held-by-another" } : { kind: "not-found" };
  }

  async releaseLease(schoolId: string, submissionId: string, owner: string): Promise<void> {
    const k = key(schoolId, submissionId);
    if (this.leases.get(k)?.owner === owner) this.leases.delete(k);
  }

  /** Who holds the lease now, for tests that arrange or inspect it. */
  leaseOf(schoolId: string, submissionId: string): Lease | undefined {
    return this.leases.get(key(schoolId, submissionId));
  }

  private setOnce(
    schoolId: string,
    submissionId: string,
    attribute: "receiptSentAt" | "reviewersNotifiedAt",
    at: string,
  ): void {
    const k = key(schoolId, submissionId);
    const stored = this.submissions.get(k);
    if (!stored) throw new SubmissionNotFound(submissionId);
    this.submissions.set(k, { ...stored, [attribute]: stored[attribute] ?? at });
  }

  private lost(stored: SubmissionRecord | undefined, submissionId: string, expected: string): never {
    if (changeWhenLost(stored) === "not-found") throw new SubmissionNotFound(submissionId);
    throw new SubmissionStateConflict(submissionId, expected);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
