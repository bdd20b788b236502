import { lambdaEntry } from "../runtime/lambda-entry.ts";
import { createSendRemindersHandler } from "./create-handler.ts";

export const handler = lambdaEntry(createSendRemindersHandler);
