/**
 * IssuedLinkStore in memory, with the DynamoDB store's rule: a link is remembered under a key unless an unexpired one
 * is already. `beforeRemember` lets a test slip a concurrent retry's link in between a find and a remember.
 */
import type { IssuedLink, IssuedLinkStore } from "../../shared/uploads/link-replay.ts";

export class MemoryIssuedLinkStore implements IssuedLinkStore {
  readonly links = new Map<string, IssuedLink>();
  beforeRemember?: () => void;

  async find(schoolId: string, key: string): Promise<IssuedLink | undefined> {
    const link = this.links.get(`${schoolId}#${key}`);
    return link ? structuredClone(link) : undefined;
  }

  async remember(schoolId: string, key: string, link: IssuedLink, now: Date): Promise<boolean> {
    this.beforeRemember?.();
    const id = `${schoolId}#${key}`;
    const stored = this.links.get(id);
    if (stored && Date.parse(stored.expiresAt) > now.getTime()) return false;
    this.links.set(id, structuredClone(link));
    return true;
  }
}
