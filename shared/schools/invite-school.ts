import { tokenLink } from "../api/page-links.ts";
import type { CallDefinition } from "../call/schema.ts";
import type { MailLog } from "../mail/mail-log.ts";
import { invitationView } from "../mail/operator-views.ts";
import { invitationEmail } from "../messages/operator-mail.ts";
import type { Mailer } from "../processing/ports.ts";
import type { SchoolRecord } from "../submissions/records.ts";
import type { SchoolRepository } from "../submissions/repository.ts";
import { generateSchoolToken, hashToken } from "../submissions/tokens.ts";

export type InvitationOutcome =
  | { kind: "sent"; school: SchoolRecord; to: string; issuedAt: string; logged: boolean }
  /** A revoked school is not invited: revocation is an operator's decision that an invitation must not undo. */
  | { kind: "skipped-revoked"; school: SchoolRecord }
  /** Nothing changed: the old token (if any) still works. */
  | { kind: "mail-failed"; school: SchoolRecord; error: unknown }
  /** The e-mail went out but its token could not be made valid: invite again. */
  | { kind: "token-failed"; school: SchoolRecord; error: unknown };

export interface InvitationDeps {
  call: CallDefinition;
  schools: Pick<SchoolRepository, "replaceToken">;
  mailer: Mailer;
  mailLog: MailLog;
  /** The upload page; the link is `{publicUrl}/#token=…` (a fragment never reaches a server's logs). */
  publicUrl: string;
  now: Date;
}

/**
 * E-mails a school its upload link and a fresh token, then makes that token the school's only valid one. The mail
 * goes first: if it cannot be sent, the school keeps the token it has; if the switch then fails, the mailed token
 * is dead and a second invitation mends it. The other order could leave a school with no working token at all.
 */
export async function inviteSchool(school: SchoolRecord, deps: InvitationDeps): Promise<InvitationOutcome> {
  if (school.status !== "active") return { kind: "skipped-revoked", school };
  const token = generateSchoolToken(school.schoolId);
  const issuedAt = deps.now.toISOString();
  const uploadUrl = tokenLink(deps.publicUrl, token);
  const email = invitationEmail(invitationView(deps.call, school, { uploadUrl, token }));
  try {
    await deps.mailer.send({ to: school.email, ...email });
  } catch (error) {
    return { kind: "mail-failed", school, error };
  }
  try {
    await deps.schools.replaceToken(school.schoolId, hashToken(token), issuedAt);
  } catch (error) {
    return { kind: "token-failed", school, error };
  }
  // The log is for the operator's `submissions show`; losing an entry must not turn a good invitation into an error.
  const logged = await deps.mailLog
    .claim({
      schoolId: school.schoolId,
      kind: "invitation",
      key: issuedAt,
      to: school.email,
      subject: email.subject,
      at: issuedAt,
    })
    .catch(() => false);
  return { kind: "sent", school, to: school.email, issuedAt, logged };
}
