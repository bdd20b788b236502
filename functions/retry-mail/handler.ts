import { lambdaEntry } from "../runtime/lambda-entry.ts";
import { createRetryMailHandler } from "./create-handler.ts";

export const handler = lambdaEntry(createRetryMailHandler);
