/**
 * The embedded local stack: the whole system on one machine with no AWS account. Emulators on loopback, reached
 * through the stack's explicit `connection` (never the process's environment, so two stacks can share a process),
 * the bucket and table created, S3 notifications delivered to the queue handler as SQS would, and the API served as
 * API Gateway would. Handlers run unchanged.
 *
 *   browser/curl ──POST {uploadUrlBase}──► S3 endpoint: upload gateway (policy) ─► s3rver ─event─► event delivery ─► handler
 *   browser/curl ──/api/…──► apiUrl: local API Gateway ─► route handlers          (web page: staticDir at apiUrl)
 */
import { type AwsClients, type AwsConnection, createAwsClients } from "../../shared/aws/clients.ts";
import { startEmulatorProcess } from "./emulator-process.ts";
import { type EmulatorEndpoints, startEmulators } from "./emulators.ts";
import { createEventDelivery, type EventDelivery, type QueueHandler } from "./event-delivery.ts";
import { createLocalServer, type LocalRoute } from "./http-router.ts";
import { createLocalResources } from "./resources.ts";

export type { DeadLetter } from "./dead-letters.ts";
export { startEmulatorProcess } from "./emulator-process.ts";
export { emulatorConnection, LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from "./emulators.ts";
export type { EventDelivery, QueueHandler } from "./event-delivery.ts";
export type { HttpHandler, LocalRoute } from "./http-router.ts";

export interface LocalStackOptions {
  /** Persistent state (objects, table, dead letters). Omitted: everything is thrown away on stop. */
  dataDir?: string;
  host?: string;
  /** The region the emulators answer for. Default LOCAL_REGION. */
  region?: string;
  /** Port of the API and web page. Default 0 (any free port); the emulators always take free ports. */
  port?: number;
  bucket: string;
  table: string;
  queue: {
    handler: QueueHandler;
    /** Key prefix of the bucket notification filter. Default `uploads/`. */
    prefix?: string;
    batchSize?: number;
    /** Batches handled at once (event-delivery.ts; default 5). */
    maxConcurrency?: number;
    /** An invocation running longer fails its batch, as a Lambda timeout does (event-delivery.ts; default 30 s). */
    timeoutMs?: number;
    maxReceiveCount?: number;
    retryDelayMs?: number;
    /** Send S3's `s3:TestEvent` first, as S3 does when the notification is configured. Default true. */
    sendTestEvent?: boolean;
  };
  routes?: readonly LocalRoute[];
  staticDir?: string;
  /**
   * Run the emulators in a child process of their own (emulator-process.ts), so that under load they work on
   * another core than the handlers and the queue. Default false: in this process (tests start many stacks, and a
   * child costs a second or more to load the emulators).
   */
  emulatorProcess?: boolean;
}

export interface LocalStack {
  /** Base URL of the API and the web page. */
  apiUrl: string;
  /** Where presigned POSTs point: `{s3 endpoint}/{bucket}`. */
  uploadUrlBase: string;
  endpoints: EmulatorEndpoints;
  /** The region the emulators answer for. */
  region: string;
  /** How SDK clients reach this stack: each service's endpoint, the region, the emulators' credentials. */
  connection: AwsConnection;
  /** Clients over `connection`, owned by the stack (closed on stop), for code running next to it. */
  clients: AwsClients;
  /** The SES emulator's mailbox: GET for sent mail (JSON), `?since=<epoch s>` to filter. */
  mailStoreUrl: string;
  eventDelivery: EventDelivery;
  /** Stops everything and closes the clients. */
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const start = options.emulatorProcess ? startEmulatorProcess : startEmulators;
  const emulators = await start({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.region === undefined ? {} : { region: options.region }),
  });
  const clients = createAwsClients(emulators.connection);
  const stops: Array<() => Promise<void>> = [async () => clients.destroy(), () => emulators.stop()];
  const stop = async () => {
    for (const step of stops.splice(0)) await step();
  };
  try {
    await createLocalResources({ bucket: options.bucket, table: options.table }, clients);
    const { queue } = options;
    const eventDelivery = await createEventDelivery({
      handler: queue.handler,
      prefix: queue.prefix ?? "uploads/",
      region: emulators.region,
      ...(queue.batchSize === undefined ? {} : { batchSize: queue.batchSize }),
      ...(queue.maxConcurrency === undefined ? {} : { maxConcurrency: queue.maxConcurrency }),
      ...(queue.timeoutMs === undefined ? {} : { timeoutMs: queue.timeoutMs }),
      ...(queue.maxReceiveCount === undefined ? {} : { maxReceiveCount: queue.maxReceiveCount }),
      ...(queue.retryDelayMs === undefined ? {} : { retryDelayMs: queue.retryDelayMs }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    });
    const unsubscribe = emulators.onS3Event((event) => eventDelivery.publishS3Event(event));
    stops.unshift(async () => {
      unsubscribe();
      await eventDelivery.stop();
    });
    if (queue.sendTestEvent ?? true) eventDelivery.sendTestEvent(options.bucket);

    const server = await createLocalServer({
      routes: options.routes ?? [],
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
      region: emulators.region,
    });
    stops.unshift(() => server.close());

    return {
      apiUrl: server.url,
      uploadUrlBase: `${emulators.endpoints.s3}/${options.bucket}`,
      endpoints: emulators.endpoints,
      region: emulators.region,
      connection: emulators.connection,
      clients,
      mailStoreUrl: `${emulators.endpoints.ses}/store`,
      eventDelivery,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
