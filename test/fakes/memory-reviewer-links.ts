/** ReviewerLinkStore in memory: links by hash, with the same outcomes as the DynamoDB adapter's conditional writes. */
import type { ReviewerLinkRecord, ReviewerLinkStore } from "../../shared/reviewer-links/reviewer-link.ts";

export class MemoryReviewerLinkStore implements ReviewerLinkStore {
  readonly links = new Map<string, ReviewerLinkRecord>();

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

  async recordDownload(linkHash: string, at: string): Promise<boolean> {
    const link = this.links.get(linkHash);
    if (!link) return false;
    link.downloads += 1;
    link.lastAccessAt = at;
    return true;
  }

  async revoke(linkHash: string, at: string): Promise<"revoked" | "already" | "not-found"> {
    const link = this.links.get(linkHash);
    if (!link) return "not-found";
    if (link.revokedAt) return "already";
    link.revokedAt = at;
    return "revoked";
  }

  async listForSubmission(submissionId: string): Promise<ReviewerLinkRecord[]> {
    return [...this.links.values()]
      .filter((l) => l.submissionId === submissionId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((l) => structuredClone(l));
  }

  async findByRef(ref: string): Promise<ReviewerLinkRecord[]> {
    return [...this.links.values()].filter((l) => l.linkHash.startsWith(ref)).map((l) => structuredClone(l));
  }
}
