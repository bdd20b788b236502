import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";
import { type BuiltDependencies, dependenciesFromEnvironment } from "./dependencies.ts";
import { type HttpHandler, withErrorHandling } from "./http.ts";
import { createLogger } from "./logger.ts";

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

let container: BuiltDependencies | undefined;

/**
 * The dependencies of this Lambda container, built from its environment on first use and kept for every later
 * invocation. Only the two-line entry files call this; everything else receives its dependencies.
 */
export function containerDependencies(): BuiltDependencies {
  container ??= dependenciesFromEnvironment(process.env);
  return container;
}

/**
 * A Lambda entry: the handler built by `create` from the container's dependencies on the first invocation, so
 * that a configuration error fails that invocation (logged, and for HTTP answered by the handler's 500), not the
 * import.
 */
export function lambdaEntry<E, R>(create: (deps: BuiltDependencies) => Handler<E, R>): Handler<E, R> {
  let handler: Handler<E, R> | undefined;
  return (event, context) => {
    handler ??= create(containerDependencies());
    return handler(event, context);
  };
}

/**
 * An HTTP Lambda entry: as lambdaEntry, and a configuration error is answered like any other failure, a 500 in
 * Chinese for the school and an error log with the cause for the operator.
 */
export function httpEntry(
  service: string,
  create: (deps: BuiltDependencies & { logger: Logger }) => HttpHandler,
): HttpHandler {
  const logger = createLogger(service);
  return withErrorHandling(
    logger,
    lambdaEntry((deps) => create({ ...deps, logger })),
  );
}
