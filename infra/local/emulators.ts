/**
 * S3 (s3rver), DynamoDB (dynalite) and SES (aws-ses-v2-local) in this process, on loopback, on ephemeral ports.
 *
 * The S3 endpoint is a small front, not s3rver itself: multipart POST uploads to `/{bucket}` go to the upload
 * gateway, which enforces the signed POST policy as S3 does; every other request goes straight to s3rver's request
 * listener. So presigned POSTs made by the real SDK against the S3 endpoint point at the gateway with no local branch
 * anywhere, and no unchecked upload path exists. Nothing here touches the process's environment: whoever talks to
 * the emulators gets their `connection` (endpoint per service, region, credentials) and builds clients from it.
 */
import { EventEmitter } from "node:events";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import sesLocal from "aws-ses-v2-local";
import dynalite from "dynalite";
import S3rver from "s3rver";
import { type AwsConnection, createS3Client, uniformConnection } from "../../shared/aws/clients.ts";
import { bucketCorsHeaders } from "./bucket-cors.ts";
import { toS3Notification } from "./s3-notification.ts";
import { createUploadGateway, type PostedObject, putObjectStore } from "./upload-gateway.ts";

/** s3rver accepts no other key pair; dynalite and the SES emulator accept any. */
export const LOCAL_CREDENTIALS = Object.freeze({ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });

/** The region the emulators answer for unless told otherwise (a developer's AWS_REGION is not consulted). */
export const LOCAL_REGION = "us-east-1";

export interface EmulatorEndpoints {
  s3: string;
  dynamodb: string;
  ses: string;
}

export interface EmulatorOptions {
  /** Persistent data directory (s3/, dynamodb/). Omitted: a temporary directory for S3, DynamoDB in memory. */
  dataDir?: string;
  host?: string;
  /** The buckets' region, as events and POST credential scopes carry it. Default LOCAL_REGION. */
  region?: string;
  /** Id of the bucket notification configuration named in events. */
  notificationConfigurationId?: string;
  /** Upper bound on any single POST upload, whatever its policy says (the gateway holds a file in memory). */
  maxUploadBytes?: number;
  /**
   * Called as each S3 response is about to end; a promise returned holds the response's end until it settles. The
   * emulator process (emulator-process.ts) holds responses until its parent has the events they caused, so that, as
   * in one process, an event is queued before the S3 call that caused it answers.
   */
  beforeResponse?: () => Promise<void> | undefined;
}

export interface Emulators {
  endpoints: EmulatorEndpoints;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  /** How SDK clients reach these emulators: each service's endpoint, the region, the one key pair s3rver accepts. */
  connection: AwsConnection;
  /** S3 event notifications as S3 would send them (keys form-URL-encoded). Returns an unsubscribe function. */
  onS3Event(listener: (event: S3Event) => void): () => void;
  stop(): Promise<void>;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? LOCAL_REGION;
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const s3Dir = options.dataDir
      ? join(options.dataDir, "s3")
      : await mkdtemp(join(tmpdir(), "shenbao-s3-"));
    // s3rver answers ListBuckets with 500 when its directory is missing.
    await mkdir(s3Dir, { recursive: true });
    if (!options.dataDir) cleanups.push(() => rm(s3Dir, { recursive: true, force: true }));

    const s3rver = new S3rver({ directory: s3Dir, silent: true });
    const events = new EventEmitter();
    // Objects the gateway is storing right now (by PUT), counted in case two uploads of one key overlap.
    const posted = new Map<string, number>();
    s3rver.on("event", (raw: S3Event) => {
      const record = raw.Records[0];
      const id = record ? `${record.s3.bucket.name}/${record.s3.object.key}` : "";
      const eventName = posted.has(id) ? "ObjectCreated:Post" : undefined;
      const configurationId = options.notificationConfigurationId ?? "shenbao-local";
      events.emit("event", toS3Notification(raw, { region, configurationId, eventName }));
    });

    const s3Front = createServer();
    const s3Endpoint = `http://${urlHost(host)}:${await listen(s3Front, host)}`;
    cleanups.push(() => close(s3Front));
    // Made on first use: a stack that never receives a browser upload needs none.
    let gatewayClient: S3Client | undefined;
    const gatewayS3 = () => {
      gatewayClient ??= createS3Client({
        endpoint: s3Endpoint,
        region,
        // A copy: the SDK writes a `$source` marker into the credentials object, and throws on a frozen one.
        credentials: { ...LOCAL_CREDENTIALS },
      });
      return gatewayClient;
    };
    cleanups.push(async () => gatewayClient?.destroy());
    const putObject = putObjectStore(gatewayS3);
    const gateway = createUploadGateway({
      // Marks the object while it is stored, so its event reads ObjectCreated:Post as S3's would.
      store: async (object: PostedObject) => {
        const id = `${object.bucket}/${object.key}`;
        posted.set(id, (posted.get(id) ?? 0) + 1);
        try {
          return await putObject(object);
        } finally {
          const left = (posted.get(id) ?? 1) - 1;
          if (left > 0) posted.set(id, left);
          else posted.delete(id);
        }
      },
      corsHeaders: bucketCorsHeaders(gatewayS3),
      credentials: [LOCAL_CREDENTIALS],
      region,
      ...(options.maxUploadBytes === undefined ? {} : { maxObjectBytes: options.maxUploadBytes }),
    });
    const s3rverListener = s3rver.callback();
    const { beforeResponse } = options;
    s3Front.on("request", (req: IncomingMessage, res: ServerResponse) => {
      if (beforeResponse) holdEnd(res, beforeResponse);
      if (isPostUpload(req)) void gateway(req, res);
      else s3rverListener(req, res);
    });

    const dynamo = dynalite({
      // Tables are ACTIVE at once: with the default 500 ms, writes right after CreateTable fail.
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(options.dataDir ? { path: join(options.dataDir, "dynamodb") } : {}),
    });
    const dynamoEndpoint = `http://${urlHost(host)}:${await listen(dynamo, host)}`;
    cleanups.push(() => close(dynamo));

    const ses = await startSesServer({ host, port: 0 });
    cleanups.push(() => close(ses));
    const sesEndpoint = `http://${urlHost(host)}:${(ses.address() as AddressInfo).port}`;

    const endpoints = { s3: s3Endpoint, dynamodb: dynamoEndpoint, ses: sesEndpoint };
    return {
      endpoints,
      credentials: { ...LOCAL_CREDENTIALS },
      region,
      connection: emulatorConnection(endpoints, region),
      onS3Event(listener) {
        events.on("event", listener);
        return () => events.off("event", listener);
      },
      async stop() {
        events.removeAllListeners();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * aws-ses-v2-local is CommonJS with `exports.default`: Node's ESM import yields the module object, while vitest and
 * bundlers honour `__esModule` and yield the function itself.
 */
const startSesServer: typeof sesLocal.default =
  typeof (sesLocal as unknown) === "function"
    ? (sesLocal as unknown as typeof sesLocal.default)
    : sesLocal.default;

/**
 * The connection to emulators at `endpoints`, with the only key pair s3rver accepts (a copy per call: the SDK writes
 * a `$source` marker into a credentials object). A developer's own profile or session token never comes into it.
 */
export function emulatorConnection(
  endpoints: EmulatorEndpoints,
  region: string = LOCAL_REGION,
): AwsConnection {
  return uniformConnection({ region, credentials: { ...LOCAL_CREDENTIALS } }, endpoints);
}

/**
 * A browser-based POST upload: `POST /{bucket}` without a query (`POST /{bucket}?delete` is DeleteObjects). Whatever
 * its Content-Type, such a request goes to the gateway, so nothing reaches s3rver's own unchecked POST handler.
 */
function isPostUpload(req: IncomingMessage): boolean {
  return req.method === "POST" && /^\/[^/?]+\/?$/.test(req.url ?? "");
}

/** Delays `res.end` (however s3rver or the gateway calls it, a piped body included) until `hold`'s promise settles. */
function holdEnd(res: ServerResponse, hold: () => Promise<void> | undefined): void {
  const end = res.end;
  res.end = function heldEnd(this: ServerResponse, ...args: unknown[]) {
    const waiting = hold();
    const finish = () => (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (!waiting) return finish();
    void waiting.then(finish, finish);
    return this;
  } as ServerResponse["end"];
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Closes a server and, so that SDK keep-alive sockets cannot hold it open, every connection it still has. */
async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closed;
}
