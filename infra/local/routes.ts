/**
 * The local API Gateway's routes, from the one route table (shared/api/routes.ts) the CDK stack reads too. Each
 * route calls the handler of the function that answers it in AWS, under that function's name.
 */
import { type HttpFunctionName, ROUTES } from "../../shared/api/routes.ts";
import type { HttpHandler, LocalRoute } from "./http-router.ts";

/**
 * A handler per function. The page's function is optional: the local stack serves the page from the router's
 * static directory instead (the files as built, re-read on every request while one develops the page).
 */
export type LocalHandlers = Record<Exclude<HttpFunctionName, "web-page">, HttpHandler> &
  Partial<Record<"web-page", HttpHandler>>;

export function localRoutes(handlers: LocalHandlers): LocalRoute[] {
  return ROUTES.flatMap((route) => {
    const handler = handlers[route.function];
    return handler ? [{ method: route.method, path: route.path, handler, functionName: route.function }] : [];
  });
}
