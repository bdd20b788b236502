import { lambdaEntry } from "../runtime/lambda-entry.ts";
import { createReviewerLinkHandler } from "./create-handler.ts";

// Not httpEntry: its failure log names the request path, and this path holds the link id.
export const handler = lambdaEntry(createReviewerLinkHandler);
