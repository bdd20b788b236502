import { containerDependencies, lambdaEntry } from "../runtime/lambda-entry.ts";
import { createProcessUploadHandler } from "./create-handler.ts";

// Start the inspection worker during initialisation (at full CPU in Lambda), not when the first school waits.
// A configuration error is not raised here: it surfaces, logged, on the first invocation.
try {
  containerDependencies()
    .inspector.warm()
    .catch(() => undefined);
} catch {}

export const handler = lambdaEntry(createProcessUploadHandler);
