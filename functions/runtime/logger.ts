import { Logger } from "@aws-lambda-powertools/logger";

/**
 * One structured logger per function; the service name comes from POWERTOOLS_SERVICE_NAME where set. `logLevel`
 * given (the local stack passes its own) wins; omitted, Powertools reads POWERTOOLS_LOG_LEVEL, as in Lambda.
 */
export function createLogger(serviceName: string, logLevel?: string): Logger {
  return new Logger({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName,
    ...(logLevel === undefined ? {} : { logLevel: logLevel as LogLevel }),
  });
}

type LogLevel = NonNullable<ConstructorParameters<typeof Logger>[0]>["logLevel"];
