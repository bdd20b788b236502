/**
 * A link kept on its submission cannot leak a near miss through timing: the id's school and submission (not secret)
 * choose the item read, and the id's hash is compared with crypto.timingSafeEqual against every link on it (a
 * placeholder when there is none or no submission), so a wrong secret, an unknown submission and a link of another
 * submission take one path to one answer. Proven on the code path with a spy; timing itself is not measured.
 */
import * as crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { hashLinkId } from "../../../shared/reviewer-links/link-id.ts";
import { openReviewerLink } from "../../../shared/reviewer-links/open-link.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemoryReviewerLinkStore } from "../../fakes/memory-reviewer-links.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { acceptedWithLinks } from "../../helpers/links-on-submission.ts";
import { aPendingSubmission } from "../../integration/repository/records.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
const NOW = new Date("2024-11-15T02:00:00.000Z");
const REVIEWERS = ["a@review.example.cn", "b@review.example.cn", "c@review.example.cn"];

let submissions: MemorySubmissionRepository;
let store: MemoryReviewerLinkStore;
let objects: MemoryObjectStore;

beforeEach(() => {
  submissions = new MemorySubmissionRepository();
  store = new MemoryReviewerLinkStore(submissions);
  objects = new MemoryObjectStore();
});

async function accepted(withLinks = true) {
  const { submission, ids } = await acceptedWithLinks(
    { submissions, store, objects },
    {
      reviewers: REVIEWERS,
      clock: () => NOW,
      uploadedAt: "2024-11-15T01:04:59.000Z",
      claimedAt: "2024-11-15T01:05:01.000Z",
      withLinks,
    },
  );
  return { submission, ids };
}

const open = (id: string) => openReviewerLink(id, { links: store, objects, clock: () => NOW });

/** Every timingSafeEqual call compared the presented id's hash, 32 bytes each side, against these stored hashes. */
function expectComparisons(presented: string, stored: string[]): void {
  const calls = timingSafeEqual.mock.calls as Array<[Buffer, Buffer]>;
  expect(calls.map(([s]) => s.toString("hex"))).toEqual(stored);
  for (const [s, p] of calls) {
    expect(s.length).toBe(32);
    expect(p.toString("hex")).toBe(hashLinkId(presented));
  }
}

describe("opening a link kept on its submission", () => {
  it("compares the id's hash against every link on the item, the match included, whatever its position", async () => {
    const { ids } = await accepted();
    const hashes = ids.map(hashLinkId).sort();
    for (const id of ids) {
      timingSafeEqual.mockClear();
      expect((await open(id)).kind).toBe("download");
      // In the stored order (by issue time): not stopping at the match.
      expect(timingSafeEqual).toHaveBeenCalledTimes(REVIEWERS.length);
      const compared = (timingSafeEqual.mock.calls as Array<[Buffer, Buffer]>).map(([s]) =>
        s.toString("hex"),
      );
      expect([...compared].sort()).toEqual(hashes);
    }
  });

  it("takes the same path for a wrong secret: every link compared, none matching", async () => {
    const { ids } = await accepted();
    const wrong = `${ids[0]?.slice(0, -1)}${ids[0]?.endsWith("A") ? "B" : "A"}`;
    timingSafeEqual.mockClear();

    expect(await open(wrong)).toStrictEqual({ kind: "not-found" });
    expectComparisons(
      wrong,
      (await store.getOnSubmission(aPendingSubmission().schoolId, ids[0]?.split(".")[1] ?? ""))?.map(
        (l) => l.linkHash,
      ) ?? [],
    );
  });

  it("compares against a placeholder when the submission is unknown or holds no links", async () => {
    const { ids } = await accepted();
    const [schoolId, , secret] = ids[0]?.split(".") ?? [];
    const unknown = `${schoolId}.01JCZZZZZZZZZZZZZZZZZZZZZZ.${secret}`;
    const bare = await accepted(false);
    const noLinks = `${schoolId}.${bare.submission.submissionId}.${secret}`;
    for (const id of [unknown, noLinks]) {
      timingSafeEqual.mockClear();
      expect(await open(id), id).toStrictEqual({ kind: "not-found" });
      expectComparisons(id, ["0".repeat(64)]);
    }
  });
});
