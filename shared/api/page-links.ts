/**
 * The one place public links are made: to the school's upload page for receipts (the status page), reminders (the
 * page), invitations and token lists (the page with a token); to the API's route for reviewers' downloads. The base
 * may be given with or without a trailing slash (the API's generated URL ends in one); a link never gets `//`. The
 * page's fragment never reaches a server's logs, which is why tokens and submission ids travel there; a reviewer
 * link's id is in its path, which the API's access log leaves out (it logs the route, `GET /r/{linkId}`).
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

/** A reviewer's download link on the API: `https://host/r/{linkId}` (the id is the credential, in the path). */
export function reviewerLink(apiUrl: string, linkId: string): string {
  return `${pageLink(apiUrl)}r/${linkId}`;
}
