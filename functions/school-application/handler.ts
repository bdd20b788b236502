import { httpEntry } from "../runtime/lambda-entry.ts";
import { createSchoolApplicationHandler } from "./create-handler.ts";

export const handler = httpEntry("school-application", createSchoolApplicationHandler);
