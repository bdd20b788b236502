/**
 * A real HTTP endpoint in front of an emulator that forwards every request unchanged (headers included, so SigV4
 * signatures still verify) unless told otherwise: refuse calls (an outage, as SES answers it: 503
 * ServiceUnavailable) or hold one request until released. It forces the failures the emulators cannot produce,
 * by real means, with the handlers' SDK clients pointed at it through their connection (ShenbaoLocal.routeThrough).
 *
 * A "call" is one SDK operation: its retries carry the same `amz-sdk-invocation-id`, so refusing a call refuses
 * every attempt the SDK makes for it, and the failure reaches the handler instead of being absorbed by SDK retries.
 */
import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text (form-encoded SES calls read as their decoded parameters). */
  text: string;
  /** The SDK operation this attempt belongs to. */
  callId: string;
}

type Match = (request: ProxiedRequest) => boolean;

export interface FaultProxy {
  url: string;
  /** Refuses every request until `restore()`. */
  outage(): void;
  restore(): void;
  /** Refuses the next `count` calls that match (every attempt of each), then forwards again. */
  failCalls(count: number, match?: Match): void;
  /**
   * Refuses every matching call for good, as SES refuses a message in the sandbox (400 MessageRejected, which the
   * SDK does not retry), until `accept()`.
   */
  reject(match: Match, message: string): void;
  accept(): void;
  /** Holds the next matching request until `release()`; `arrived` resolves when it comes in. */
  holdNext(match: Match): { arrived: Promise<ProxiedRequest>; release(): void };
  /** Requests refused so far, and calls refused so far (distinct invocation ids). */
  readonly refusedRequests: number;
  readonly refusedCalls: number;
  /** Requests forwarded to the emulator, in order. */
  readonly forwarded: readonly ProxiedRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let down = false;
  const failing: Array<{ left: number; match: Match }> = [];
  const refusedCallIds = new Set<string>();
  const holds: Array<{ match: Match; arrived: (r: ProxiedRequest) => void; released: Promise<void> }> = [];
  const forwarded: ProxiedRequest[] = [];
  let refusedRequests = 0;
  const rejecting: Array<{ match: Match; message: string }> = [];

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const request: ProxiedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      text: readable(body, req.headers["content-type"]),
      callId: String(req.headers["amz-sdk-invocation-id"] ?? randomUUID()),
    };

    if (shouldRefuse(request)) {
      refusedRequests += 1;
      refusedCallIds.add(request.callId);
      res.writeHead(503, { "content-type": "text/xml", connection: "close" });
      res.end(
        '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Receiver</Type>' +
          "<Code>ServiceUnavailable</Code><Message>Service is unavailable</Message></Error>" +
          `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
      return;
    }
    const rejection = rejecting.find((r) => r.match(request));
    if (rejection) {
      refusedRequests += 1;
      refusedCallIds.add(request.callId);
      res.writeHead(400, { "content-type": "text/xml", connection: "close" });
      res.end(
        '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
          `<Code>MessageRejected</Code><Message>${rejection.message}</Message></Error>` +
          `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
      return;
    }
    const hold = holds.findIndex((h) => h.match(request));
    if (hold >= 0) {
      const [taken] = holds.splice(hold, 1);
      taken?.arrived(request);
      await taken?.released;
    }
    forwarded.push(request);
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...req.headers, "content-length": String(body.length) },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    out.end(body);
  });

  function shouldRefuse(request: ProxiedRequest): boolean {
    if (down || refusedCallIds.has(request.callId)) return true;
    const rule = failing.find((f) => f.left > 0 && f.match(request));
    if (!rule) return false;
    rule.left -= 1;
    return true;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    outage() {
      down = true;
    },
    restore() {
      down = false;
      // Calls refused during the outage stay refused: their SDK retries must not slip through half-way.
      failing.length = 0;
    },
    failCalls(count, match = () => true) {
      failing.push({ left: count, match });
    },
    reject(match, message) {
      rejecting.push({ match, message });
    },
    accept() {
      rejecting.length = 0;
    },
    holdNext(match) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const arrived = new Promise<ProxiedRequest>((resolve) => {
        holds.push({ match, arrived: resolve, released });
      });
      return { arrived, release };
    },
    get refusedRequests() {
      return refusedRequests;
    },
    get refusedCalls() {
      return refusedCallIds.size;
    },
    get forwarded() {
      return forwarded;
    },
    async close() {
      for (const hold of holds.splice(0)) hold.arrived({} as ProxiedRequest);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function readable(body: Buffer, contentType: string | undefined): string {
  const text = body.toString("utf8");
  if (!contentType?.startsWith("application/x-www-form-urlencoded")) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
