import { httpEntry } from "../runtime/lambda-entry.ts";
import { createUploadLinkHandler } from "./create-handler.ts";

export const handler = httpEntry("upload-link", createUploadLinkHandler);
