import { Logger } from "@aws-lambda-powertools/logger";

/** One structured logger per function; the service name comes from POWERTOOLS_SERVICE_NAME where set. */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
}
