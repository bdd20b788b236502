import { httpEntry } from "../runtime/lambda-entry.ts";
import { createApplicationFormHandler } from "./create-handler.ts";

export const handler = httpEntry("application-form", createApplicationFormHandler);
