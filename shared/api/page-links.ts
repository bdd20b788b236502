/**
 * The one place links to the school's upload page are made: receipts (the status page), reminders (the page),
 * invitations and token lists (the page with a token). `publicUrl` may be given with or without a trailing slash
 * (the API's generated URL ends in one); a link never gets `//` before its fragment. The fragment never reaches a
 * server's logs, which is why tokens and submission ids travel there.
 */

/** The page itself: `https://host/path/`. */
export function pageLink(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/`;
}

/** A submission's status on the page: `https://host/#/submissions/{id}`. */
export function statusLink(publicUrl: string, submissionId: string): string {
  return `${pageLink(publicUrl)}#/submissions/${submissionId}`;
}

/** The page signed in with a school's token: `https://host/#token={token}`. */
export function tokenLink(publicUrl: string, token: string): string {
  return `${pageLink(publicUrl)}#token=${token}`;
}
