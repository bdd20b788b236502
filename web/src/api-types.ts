/**
 * The shapes the API answers with, as the page reads them: the very views the functions build their bodies from
 * (shared/api/*-view.ts), as types only, so no server code comes into the page's bundle. Every field is JSON already
 * (dates are ISO strings).
 */
import type {
  ApplicationFormView,
  SavedApplicationFormView,
} from "../../shared/api/application-form-view.ts";
import type { ProfileView } from "../../shared/api/profile-view.ts";
import type { submissionView } from "../../shared/api/submission-view.ts";
import type { UploadLinkView } from "../../shared/api/upload-link-view.ts";
import type { ApplicationFormInput } from "../../shared/application/form.ts";

export type { ApiErrorBody } from "../../shared/api/responses.ts";

export type SubmissionView = ReturnType<typeof submissionView>;

/** GET /api/me. */
export type MeResponse = ProfileView;

/** POST /api/upload-links' 201. */
export type UploadLinkResponse = UploadLinkView;

/** GET /api/me/application-form: the saved draft (null before the first save), its pre-screen, the field paths a
 * finished form still lacks, until when it may change and the accepted evidence it cites. */
export type ApplicationFormResponse = ApplicationFormView;

/** PUT /api/me/application-form: the draft as typed. */
export interface ApplicationFormRequest {
  form: ApplicationFormInput | Record<string, unknown>;
}

/** PUT /api/me/application-form's 200: the draft as stored (normalised) and its new pre-screen. */
export type SavedApplicationFormResponse = SavedApplicationFormView;
