import { httpEntry } from "../runtime/lambda-entry.ts";
import { createSubmissionStatusHandler } from "./create-handler.ts";

export const handler = httpEntry("submission-status", createSubmissionStatusHandler);
