import { httpEntry } from "../runtime/lambda-entry.ts";
import { createSchoolDocumentsHandler } from "./create-handler.ts";

export const handler = httpEntry("school-documents", createSchoolDocumentsHandler);
