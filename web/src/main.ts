import "./polyfills.ts";
import { createMajorCatalog } from "../../shared/call/major-catalog.ts";
import { CallDefinition } from "../../shared/call/schema.ts";
import type { CheckContext } from "../../shared/checks/context.ts";
import { WEB_TEXT } from "../../shared/messages/web.ts";
import { type Api, ApiError, createApi } from "./api.ts";
import type { MeResponse, SubmissionView } from "./api-types.ts";
import { type ServerClock, serverClock } from "./clock.ts";
import { loadConfig } from "./config.ts";
import { fill, focusRegion, h } from "./dom.ts";
import { forgetToken, savedToken, saveToken, takeTokenFromFragment } from "./token.ts";
import { createApplicationForm } from "./view/application-form.ts";
import { createDocumentsPanel } from "./view/documents.ts";
import { renderStatus } from "./view/history.ts";
import { renderMasthead } from "./view/masthead.ts";
import { renderRequirements } from "./view/requirements.ts";
import { isDecided, renderResult } from "./view/result.ts";
import { renderTokenForm } from "./view/token-form.ts";
import { createUploadPanel } from "./view/upload-panel.ts";

/** What the page knows once the school is signed in. */
interface Session {
  api: Api;
  me: MeResponse;
  ctx: CheckContext;
  clock: ServerClock;
}

const root = document.getElementById("app") as HTMLElement;

async function boot(): Promise<void> {
  document.title = WEB_TEXT.page.title;
  const config = await loadConfig();
  const route = takeTokenFromFragment();
  const api = createApi(config.apiBase, savedToken);
  if (!savedToken()) return askForToken(api, null, route.submissionId);
  await signIn(api, route.submissionId);
}

function askForToken(api: Api, problem: string | null, submissionId?: string): void {
  fill(
    root,
    h("header", { class: "masthead" }, h("h1", {}, WEB_TEXT.page.title)),
    h(
      "main",
      { id: "main" },
      renderTokenForm(problem, (token) => {
        saveToken(token);
        void signIn(api, submissionId);
      }),
    ),
  );
  document.getElementById("token")?.focus();
}

async function signIn(api: Api, submissionId?: string): Promise<void> {
  fill(root, h("main", { id: "main" }, h("p", { class: "loading", role: "status" }, WEB_TEXT.page.loading)));
  let session: Session;
  try {
    const { body: me, startedMs, endedMs } = await api.me();
    const call = CallDefinition.parse(me.call.definition);
    session = {
      api,
      me,
      // Spelling suggestions only: homophone ones (pinyin-pro, most of a script's size) come with the server's verdict.
      ctx: { call, catalog: createMajorCatalog(me.call.majors) },
      clock: serverClock(me.serverTime, startedMs, endedMs),
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetToken();
      return askForToken(api, WEB_TEXT.token.rejected, submissionId);
    }
    fill(
      root,
      h(
        "main",
        { id: "main" },
        h(
          "div",
          { class: "alert alert-error", role: "alert" },
          h(
            "p",
            {},
            WEB_TEXT.page.loadFailed,
            " ",
            error instanceof ApiError ? error.message : WEB_TEXT.errors.apiNetwork,
          ),
          h(
            "button",
            { type: "button", class: "button", onclick: () => void signIn(api, submissionId) },
            WEB_TEXT.page.retry,
          ),
        ),
      ),
    );
    return;
  }
  renderPage(session);
  if (submissionId) await showSubmission(session, submissionId);
}

function renderPage(session: Session): void {
  const { me, ctx, clock, api } = session;
  const resultSection = h("section", {
    class: "card result-card",
    id: "result",
    "aria-labelledby": "result-heading",
  });
  resultSection.hidden = true;
  const statusSlot = h("div", { id: "status-slot" });

  const showVerdict = async (view: SubmissionView) => {
    await refresh(session, statusSlot, showById);
    showResult(session, resultSection, view);
  };
  const refreshAll = () => void refresh(session, statusSlot, showById);
  const showById = (id: string) => void showSubmission(session, id);
  const signOut = () => {
    forgetToken();
    askForToken(api, null);
  };
  const panel = createUploadPanel({
    api,
    ctx,
    school: me.school,
    clock,
    onVerdict: (view) => void showVerdict(view),
    onUnauthorized: () => {
      forgetToken();
      askForToken(api, WEB_TEXT.token.rejected);
    },
    onDeadlineRefused: refreshAll,
  });

  fill(
    root,
    h("a", { class: "skip-link", href: "#upload" }, WEB_TEXT.page.skipToUpload),
    renderMasthead(ctx.call, me.school, signOut),
    h(
      "main",
      { id: "main" },
      renderRequirements(ctx, me.school, clock, panel.deadlinePassed),
      panel.element,
      resultSection,
      // The school's submissions stay right under the upload; the long 申报书 form and its pre-screen follow.
      statusSlot,
      createApplicationForm({
        api,
        clock,
        call: ctx.call,
        school: me.school,
        onUnauthorized: () => {
          forgetToken();
          askForToken(api, WEB_TEXT.token.rejected);
        },
      }),
      // The documents are generated from the form above: their buttons come after it.
      createDocumentsPanel(savedToken),
    ),
    ctx.call.contact ? h("footer", { class: "page-footer" }, WEB_TEXT.page.footer, ctx.call.contact) : null,
  );
  fill(statusSlot, renderStatus(ctx.call, me, showById));
}

/**
 * Reloads the school's submissions and the server's time after a verdict or a refusal, so the history, the current
 * application and the countdown are the server's.
 */
async function refresh(
  session: Session,
  statusSlot: HTMLElement,
  onView: (id: string) => void,
): Promise<void> {
  try {
    const { body, startedMs, endedMs } = await session.api.me();
    session.me = body;
    session.clock.resync(body.serverTime, startedMs, endedMs);
    fill(statusSlot, renderStatus(session.ctx.call, body, onView));
  } catch {
    // The verdict is shown regardless; the history catches up on the next load.
  }
}

function showResult(session: Session, section: HTMLElement, view: SubmissionView): void {
  if (!isDecided(view)) return;
  fill(
    section,
    h("h2", { id: "result-heading", class: "visually-hidden" }, WEB_TEXT.findings.heading),
    renderResult(session.ctx.call, session.me, view),
  );
  section.hidden = false;
  history.replaceState(
    history.state,
    "",
    `${location.pathname}${location.search}#/submissions/${view.submissionId}`,
  );
  const heading = document.getElementById("verdict-heading");
  if (heading) focusRegion(heading);
}

async function showSubmission(session: Session, submissionId: string): Promise<void> {
  const section = document.getElementById("result");
  if (!section) return;
  try {
    showResult(session, section, await session.api.submission(submissionId));
  } catch {
    // A stale link from an old e-mail: the page is still usable without it.
  }
}

void boot();
