/**
 * The local stack's dead-letter queue for `shenbao dlq`, which runs in another process: an admin API on the same
 * server as the school API, answering loopback callers only and never a browser (a request with an Origin header is
 * refused, so no web page can replay). The AWS stack has no such route: there the CLI talks to SQS itself.
 *
 *   GET  /_local/dead-letters          → { deadLetters: [...] }
 *   POST /_local/dead-letters/replay   { ids?: string[] } → { replayed: [...], notFound: [...] }
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { EventDelivery } from "./event-delivery.ts";
import type { LocalRoute } from "./http-router.ts";

export const DEAD_LETTERS_PATH = "/_local/dead-letters";

export function deadLetterRoutes(delivery: () => EventDelivery | undefined): LocalRoute[] {
  return [
    {
      method: "GET",
      path: DEAD_LETTERS_PATH,
      functionName: "local-dead-letters",
      handler: async (event) =>
        guard(event, delivery, async (queue) => reply(200, { deadLetters: queue.listDeadLetters() })),
    },
    {
      method: "POST",
      path: `${DEAD_LETTERS_PATH}/replay`,
      functionName: "local-dead-letters",
      handler: async (event) =>
        guard(event, delivery, async (queue) => {
          const ids = idsOf(event);
          if (ids === null) return reply(400, { message: "body must be {} or { ids: string[] }" });
          const present = new Set(queue.listDeadLetters().map((l) => l.messageId));
          const replayed = await queue.replayDeadLetters(ids);
          return reply(200, { replayed, notFound: (ids ?? []).filter((id) => !present.has(id)) });
        }),
    },
  ];
}

async function guard(
  event: APIGatewayProxyEventV2,
  delivery: () => EventDelivery | undefined,
  act: (queue: EventDelivery) => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!isLoopback(event.requestContext.http.sourceIp) || event.headers.origin !== undefined) {
    return reply(403, { message: "the local admin API answers command-line callers on this machine only" });
  }
  const queue = delivery();
  if (!queue) return reply(503, { message: "the local stack is starting" });
  return act(queue);
}

function isLoopback(ip: string): boolean {
  return ip === "::1" || /^127\./.test(ip);
}

/** undefined: every letter; null: a malformed body. */
function idsOf(event: APIGatewayProxyEventV2): string[] | undefined | null {
  if (!event.body) return undefined;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    const { ids } = JSON.parse(text) as { ids?: unknown };
    if (ids === undefined) return undefined;
    return Array.isArray(ids) && ids.every((id) => typeof id === "string") ? ids : null;
  } catch {
    return null;
  }
}

function reply(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
