/**
 * The shapes the API answers with, as the page reads them: the very views the functions build their bodies from
 * (shared/api/*-view.ts), as types only, so no server code comes into the page's bundle. Every field is JSON already
 * (dates are ISO strings).
 */
import type { ApplicationView, SavedApplicationView } from "../../shared/api/application-view.ts";
import type { ProfileView } from "../../shared/api/profile-view.ts";
import type { submissionView } from "../../shared/api/submission-view.ts";
import type { UploadLinkView } from "../../shared/api/upload-link-view.ts";
import type { ApplicationDetailsInput } from "../../shared/application/details.ts";

export type { ApiErrorBody } from "../../shared/api/responses.ts";

export type SubmissionView = ReturnType<typeof submissionView>;

/** GET /api/me. */
export type MeResponse = ProfileView;

/** POST /api/upload-links' 201. */
export type UploadLinkResponse = UploadLinkView;

/** GET /api/me/application. */
export type ApplicationDetailsResponse = ApplicationView;

/** The details for the summary table, as GET/PUT /api/me/application answer them. */
export type ApplicationDetailsView = NonNullable<ApplicationView["details"]>;

/** PUT /api/me/application: what the form sends, and the 200's body. */
export type ApplicationDetailsRequest = ApplicationDetailsInput;
export type SavedApplicationDetailsResponse = SavedApplicationView;
