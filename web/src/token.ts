/**
 * The school's bearer token: taken once from the link's fragment (`#token=sbt_…`, never sent to any server in a
 * URL), then removed from the address bar and history, and kept in sessionStorage for this tab only.
 */
const STORAGE_KEY = "shenbao.token";

/** Where the token lives when the browser refuses storage (some private modes): this page's lifetime only. */
let inMemory: string | null = null;

/** What the fragment asks for besides the token: a submission to show, as receipt e-mails link to it. */
export interface FragmentRoute {
  submissionId?: string;
}

export function takeTokenFromFragment(loc: Location = location, hist: History = history): FragmentRoute {
  const fragment = loc.hash.replace(/^#/, "");
  if (fragment === "") return {};
  // "#token=…", "#/submissions/{id}" or "#/submissions/{id}?token=…"
  const routed = fragment.startsWith("/");
  const queryAt = fragment.indexOf("?");
  const path = routed ? fragment.slice(0, queryAt === -1 ? undefined : queryAt) : "";
  const query = routed ? (queryAt === -1 ? "" : fragment.slice(queryAt + 1)) : fragment;
  const params = new URLSearchParams(query);
  const token = params.get("token");
  const submissionId = /^\/submissions\/([0-9A-Za-z]{26})$/.exec(path)?.[1];
  if (token) {
    saveToken(token);
    // Out of the address bar and the history entry: a shared screen or a bookmark must not leak it.
    hist.replaceState(
      hist.state,
      "",
      `${loc.pathname}${loc.search}${submissionId ? `#/submissions/${submissionId}` : ""}`,
    );
  }
  return submissionId ? { submissionId } : {};
}

export function savedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? inMemory;
  } catch {
    return inMemory;
  }
}

export function saveToken(token: string): void {
  inMemory = token.trim();
  try {
    sessionStorage.setItem(STORAGE_KEY, inMemory);
  } catch {
    // Without storage the token lives only in memory for this page.
  }
}

export function forgetToken(): void {
  inMemory = null;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
