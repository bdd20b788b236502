/**
 * ReviewerLinkStore in memory: link items by hash, and links on submissions kept on the records of the in-memory
 * submission repository it is given (as the DynamoDB adapter keeps them on the submission's item), with the same
 * outcomes as the adapter's conditional writes.
 */
import {
  type LinkHome,
  linksOfSubmission,
  type ReviewerLinkRecord,
  type ReviewerLinkStore,
} from "../../shared/reviewer-links/reviewer-link.ts";
import type { ReviewerLinkEntry, SubmissionRecord } from "../../shared/submissions/records.ts";
import type { MemorySubmissionRepository } from "./memory-submissions.ts";

export class MemoryReviewerLinkStore implements ReviewerLinkStore {
  readonly links = new Map<string, ReviewerLinkRecord>();

  /** `submissions`: where links on submissions are kept; without it, no submission has any. */
  constructor(private readonly submissions?: MemorySubmissionRepository) {}

  async create(link: ReviewerLinkRecord): Promise<void> {
    if (this.links.has(link.linkHash)) throw new Error(`reviewer link ${link.linkHash} exists`);
    this.links.set(link.linkHash, structuredClone(link));
  }

  async createMany(links: readonly ReviewerLinkRecord[]): Promise<void> {
    if (new Set(links.map((l) => l.linkHash)).size !== links.length) {
      throw new Error("reviewer links in one batch share a hash");
    }
    for (const link of links) this.links.set(link.linkHash, structuredClone(link));
  }

  async get(linkHash: string): Promise<ReviewerLinkRecord | undefined> {
    const link = this.links.get(linkHash);
    return link ? structuredClone(link) : undefined;
  }

  async getOnSubmission(schoolId: string, submissionId: string): Promise<ReviewerLinkRecord[] | undefined> {
    const stored = this.submissions?.storedSubmission(schoolId, submissionId);
    return stored ? linksOfSubmission(structuredClone(stored)) : undefined;
  }

  async addToSubmission(
    home: LinkHome,
    links: Readonly<Record<string, ReviewerLinkEntry>>,
    mapExists: boolean,
  ): Promise<void> {
    if (Object.keys(links).length === 0) return;
    const stored = this.submissions?.storedSubmission(home.schoolId, home.submissionId);
    const current = stored?.reviewerLinks;
    const clash = Object.keys(links).some((hash) => current?.[hash] !== undefined);
    if (!stored || (current !== undefined) !== mapExists || clash) {
      throw new Error(`reviewer links of submission ${home.submissionId} changed`);
    }
    stored.reviewerLinks = { ...current, ...structuredClone(links) };
  }

  async recordDownload(linkHash: string, at: string, home?: LinkHome): Promise<boolean> {
    const link = home ? this.entryOn(home, linkHash) : this.links.get(linkHash);
    if (!link) return false;
    link.downloads += 1;
    link.lastAccessAt = at;
    return true;
  }

  async revoke(linkHash: string, at: string, home?: LinkHome): Promise<"revoked" | "already" | "not-found"> {
    const link = home ? this.entryOn(home, linkHash) : this.links.get(linkHash);
    if (!link) return "not-found";
    if (link.revokedAt) return "already";
    link.revokedAt = at;
    return "revoked";
  }

  async listForSubmission(submissionId: string, schoolId?: string): Promise<ReviewerLinkRecord[]> {
    const items = [...this.links.values()]
      .filter((l) => l.submissionId === submissionId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((l) => structuredClone(l));
    const onItem = schoolId ? ((await this.getOnSubmission(schoolId, submissionId)) ?? []) : [];
    return [...items, ...onItem];
  }

  async findByRef(ref: string): Promise<ReviewerLinkRecord[]> {
    const items = [...this.links.values()].filter((l) => l.linkHash.startsWith(ref));
    const onSubmissions = (this.submissions?.storedSubmissions() ?? [])
      .filter((s: SubmissionRecord) => s.state === "ACCEPTED" || s.state === "SUPERSEDED")
      .flatMap((s) => linksOfSubmission(structuredClone(s)))
      .filter((l) => l.linkHash.startsWith(ref));
    return [...items.map((l) => structuredClone(l)), ...onSubmissions];
  }

  private entryOn(home: LinkHome, linkHash: string): ReviewerLinkEntry | undefined {
    return this.submissions?.storedSubmission(home.schoolId, home.submissionId)?.reviewerLinks?.[linkHash];
  }
}
