// Types for the two emulators that ship none; only what infra/local uses.

declare module "s3rver" {
  import type { EventEmitter } from "node:events";
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface S3rverOptions {
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    serviceEndpoint?: string;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  /** s3rver is a Koa app; `callback()` is its request listener, `'event'` carries S3 notification records. */
  class S3rver extends EventEmitter {
    constructor(options?: S3rverOptions);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }

  export = S3rver;
}

declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }

  function dynalite(options?: DynaliteOptions): Server;

  export = dynalite;
}
