import type { Command } from "commander";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { LINKS_TEXT } from "../shared/messages/reviewer-links.ts";
import { findSubmission } from "../shared/operator/submission-list.ts";
import {
  hashLinkId,
  linkIdIn,
  linkRef,
  looksLikeLinkRef,
  parseLinkId,
} from "../shared/reviewer-links/link-id.ts";
import { homeOf, linkStatus, type ReviewerLinkRecord } from "../shared/reviewer-links/reviewer-link.ts";
import type { SubmissionRecord } from "../shared/submissions/records.ts";
import { SUBMISSION_STATES } from "../shared/submissions/states.ts";
import { type Operator, operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { json, out, renderTable } from "./table.ts";
import { UsageError } from "./usage-error.ts";

const T = LINKS_TEXT;

/**
 * `shenbao links list|revoke`: the reviewers' download links of a submission, and revoking them. A link is named by
 * its reference (the first 12 hex digits of its id's hash, as the logs name it), or by the link itself.
 */
export function registerLinksCommand(program: Command): void {
  const links = program.command("links").description("Reviewers' download links: list and revoke");

  withTarget(
    links
      .command("list")
      .description("A submission's reviewer links: reviewer, expiry, status, downloads")
      .argument("<submission>", "submission id or receipt number"),
  ).action(async (id: string, opts: TargetOptions) => {
    const op = await operator(opts.endpoint);
    const submission = await submissionOf(op, id);
    const list = await op.reviewerLinks.listForSubmission(submission.submissionId, submission.schoolId);
    const now = new Date();
    if (opts.json) {
      json({ submissionId: submission.submissionId, links: list.map((l) => linkView(l, now)) });
      return;
    }
    if (list.length === 0) {
      out(T.none(id));
      return;
    }
    out(T.heading(submission.submissionId, submission.verdict?.receiptNumber, list.length));
    out(
      renderTable(
        T.columns,
        list.map((l) => [
          linkRef(l.linkHash),
          l.reviewer,
          time(l.createdAt),
          time(l.expiresAt),
          T.status[linkStatus(l, now)],
          String(l.downloads),
          time(l.lastAccessAt),
        ]),
      ),
    );
  });

  withTarget(
    links
      .command("revoke")
      .description("Revoke one link (the link, its id or its reference), or every live link of a submission")
      .argument("[link]", "the link from the e-mail, its id, or its reference from `links list`")
      .option("--submission <id>", "revoke every live link of this submission (id or receipt number)"),
  ).action(async (link: string | undefined, opts: TargetOptions & { submission?: string }) => {
    if (link && opts.submission) throw new UsageError(T.bothGiven);
    if (!link && !opts.submission) throw new UsageError(T.nothingGiven);
    const op = await operator(opts.endpoint);
    const now = new Date();
    if (!link) {
      const submission = await submissionOf(op, opts.submission ?? "");
      const live = (
        await op.reviewerLinks.listForSubmission(submission.submissionId, submission.schoolId)
      ).filter((l) => linkStatus(l, now) === "live");
      const revoked = [];
      for (const l of live) {
        if ((await op.reviewerLinks.revoke(l.linkHash, now.toISOString(), homeOf(l))) === "revoked")
          revoked.push(l);
      }
      if (opts.json)
        json({ submissionId: submission.submissionId, revoked: revoked.map((l) => linkView(l, now)) });
      else out(T.revokedCount(revoked.length, submission.submissionId));
      return;
    }
    const target = await linkNamed(op, link);
    const outcome = await op.reviewerLinks.revoke(target.linkHash, now.toISOString(), homeOf(target));
    const ref = linkRef(target.linkHash);
    if (outcome === "not-found") throw new UsageError(T.linkNotFound(ref));
    if (opts.json) json({ ref, reviewer: target.reviewer, outcome });
    else
      out(outcome === "revoked" ? T.revoked(ref, target.reviewer) : T.alreadyRevoked(ref, target.reviewer));
  });
}

async function submissionOf(op: Operator, id: string): Promise<SubmissionRecord> {
  const all = (await Promise.all(SUBMISSION_STATES.map((state) => op.submissions.listByState(state)))).flat();
  const submission = findSubmission(all, id);
  if (!submission) throw new UsageError(T.submissionNotFound(id));
  return submission;
}

/**
 * The one link an operator names: by the link or its id (hashed here; read from the submission it names, or from its
 * own item if issued before links named their submission), or by a reference.
 */
async function linkNamed(op: Operator, value: string): Promise<ReviewerLinkRecord> {
  const linkId = linkIdIn(value);
  const shape = linkId ? parseLinkId(linkId) : undefined;
  if (linkId && shape) {
    const linkHash = hashLinkId(linkId);
    const found =
      shape.kind === "item"
        ? await op.reviewerLinks.get(linkHash)
        : (await op.reviewerLinks.getOnSubmission(shape.schoolId, shape.submissionId))?.find(
            (l) => l.linkHash === linkHash,
          );
    if (!found) throw new UsageError(T.linkNotFound(value));
    return found;
  }
  const ref = value.trim().toLowerCase();
  if (!looksLikeLinkRef(ref)) throw new UsageError(T.badLink(value));
  const matches = await op.reviewerLinks.findByRef(ref);
  if (matches.length === 0) throw new UsageError(T.linkNotFound(value));
  if (matches.length > 1) throw new UsageError(T.ambiguousRef(ref, matches.length));
  return matches[0] as ReviewerLinkRecord;
}

function linkView(l: ReviewerLinkRecord, now: Date) {
  return {
    ref: linkRef(l.linkHash),
    reviewer: l.reviewer,
    status: linkStatus(l, now),
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    revokedAt: l.revokedAt ?? null,
    downloads: l.downloads,
    lastAccessAt: l.lastAccessAt ?? null,
    receiptNumber: l.receiptNumber,
    versionId: l.versionId ?? null,
  };
}

function time(iso: string | undefined): string {
  return iso ? formatBeijingTime(new Date(iso), { zoneSuffix: false }) : "";
}
