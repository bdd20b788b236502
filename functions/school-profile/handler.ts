import { httpEntry } from "../runtime/lambda-entry.ts";
import { createSchoolProfileHandler } from "./create-handler.ts";

export const handler = httpEntry("school-profile", createSchoolProfileHandler);
