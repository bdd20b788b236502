/**
 * Inspects PDFs in a worker thread that is killed and replaced when a file takes too long or too much memory, so no
 * file can crash, hang or exhaust the calling process. One file at a time per inspector; calls queue.
 *
 * Three bounds, because each misses something: the time bound catches loops; the worker's heap limit catches object
 * graphs; and a watchdog on the process's resident memory catches what neither sees — pdf.js inflates streams into
 * ArrayBuffers, which live outside the JavaScript heap, so a decompression bomb sails past the heap limit.
 *
 * The worker entry. Bundled: inspect-worker.ts built as a separate entry named inspect-worker.mjs next to the bundle
 * that holds this file (found by default; infra/constructs/inspect-worker-bundle.ts builds it), or pass `workerUrl`.
 * From source (tsx, vitest): the same bundle made on the fly by esbuild and cached (source-worker.ts), because
 * loading the .ts entry through tsx's API (Node 20 applies no `--import` hooks to a worker's entry) makes tsx process
 * pdf.js too: ~1.5 s and ~400 MB to start instead of ~0.2 s and ~30 MB. That route remains the fallback.
 * This file never imports pdf.js: loading it replaces global built-ins, which must stay inside the worker.
 */
import { open } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import type { InspectionFailure, InspectionResult, TextLayerMode } from "./facts.ts";
import type { InspectRequest, WorkerMessage } from "./inspect-protocol.ts";

export interface InspectorOptions {
  /** Longest one inspection may take once the worker has the file, in ms. Default 4000. */
  timeoutMs?: number;
  /** The worker's JavaScript heap (V8 old generation), in MB. Default 256. */
  maxHeapMb?: number;
  /** How far the process's resident memory may grow during one inspection, in MB. Default 512. */
  maxRssGrowthMb?: number;
  /** Larger inputs are refused (files unread). Default 100 MiB. */
  maxBytes?: number;
  /** The worker's entry module; see above for the default. */
  workerUrl?: URL | Promise<URL>;
}

/** What to read besides the facts every file gets. */
export interface InspectRequestOptions {
  /** The text layer (fonts, sizes, line spacing, page text), for the document types whose text is checked or kept. */
  textLayer?: TextLayerMode;
  /**
   * "background" for a read nobody waits on (an accepted 佐证材料's text, read after its receipt): a pool of inspectors
   * (infra/local/inspector-pool.ts) serves every other request first. Default "first". One inspector serves in order.
   */
  priority?: InspectPriority;
}

export type InspectPriority = "first" | "background";

export interface Inspector {
  /**
   * Inspects `bytes` and takes them: when they span their whole ArrayBuffer, it is transferred to the worker, not
   * copied, and is left detached (empty) for the caller.
   */
  inspectBytes(bytes: Uint8Array, options?: InspectRequestOptions): Promise<InspectionResult>;
  /** Inspects a file; one larger than `maxBytes` is refused by its size, before a byte is read. */
  inspectFile(path: string, options?: InspectRequestOptions): Promise<InspectionResult>;
  /** Starts the worker now rather than on the first file, so that the first school does not wait for it. */
  warm(): Promise<void>;
  /** Ends the worker. Calls still queued or running are rejected with InspectorError. */
  close(): Promise<void>;
}

/** The inspector itself failed (its worker would not start, crashed, or the inspector was closed): not a verdict. */
export class InspectorError extends Error {
  override name = "InspectorError";
}

const DEFAULTS = { timeoutMs: 4000, maxHeapMb: 256, maxRssGrowthMb: 512, maxBytes: 100 * 1024 * 1024 };
const MEMORY_SAMPLE_INTERVAL_MS = 25;
/** A bundled worker starts in ~0.2 s, one through tsx in ~1.5 s; this only catches a worker that never starts. */
const STARTUP_TIMEOUT_MS = 30_000;
const MB = 1024 * 1024;

export function createInspector(options: InspectorOptions = {}): Inspector {
  const { workerUrl, ...limits } = options;
  return new IsolatedInspector({
    ...DEFAULTS,
    ...definedOnly(limits),
    workerUrl: Promise.resolve(workerUrl ?? defaultWorkerUrl()),
  });
}

type Settings = Required<Omit<InspectorOptions, "workerUrl">> & { workerUrl: Promise<URL> };

interface Job {
  id: number;
  settle(outcome: { result: InspectionResult } | { error: Error }): void;
}

interface RunningWorker {
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
}

class IsolatedInspector implements Inspector {
  readonly #settings: Settings;
  #current: RunningWorker | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #nextJobId = 1;
  #closed = false;
  readonly #terminations = new Set<Promise<number>>();

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  inspectBytes(bytes: Uint8Array, options: InspectRequestOptions = {}): Promise<InspectionResult> {
    return this.#enqueue(async () => {
      if (bytes.byteLength > this.#settings.maxBytes) return this.#tooLarge(bytes.byteLength);
      return this.#inspect(bytes, options);
    });
  }

  inspectFile(path: string, options: InspectRequestOptions = {}): Promise<InspectionResult> {
    return this.#enqueue(async () => {
      const file = await open(path, "r");
      try {
        const { size } = await file.stat();
        if (size > this.#settings.maxBytes) return this.#tooLarge(size);
        const bytes = new Uint8Array(size);
        let filled = 0;
        while (filled < size) {
          const { bytesRead } = await file.read(bytes, filled, size - filled, filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return this.#inspect(filled === size ? bytes : bytes.slice(0, filled), options);
      } finally {
        await file.close();
      }
    });
  }

  warm(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#readyWorker();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    if (current) {
      current.job?.settle({ error: new InspectorError("the inspector was closed during an inspection") });
      this.#discard(current);
    }
    await Promise.all(this.#terminations);
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.#closed) throw new InspectorError("the inspector is closed");
      return task();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #tooLarge(size: number): InspectionResult {
    return { ok: false, failure: { kind: "too-large", size, limit: this.#settings.maxBytes } };
  }

  async #inspect(bytes: Uint8Array, options: InspectRequestOptions): Promise<InspectionResult> {
    const running = await this.#readyWorker();
    const { timeoutMs, maxRssGrowthMb } = this.#settings;
    return new Promise<InspectionResult>((resolve, reject) => {
      let deadline: NodeJS.Timeout | undefined;
      let watchdog: NodeJS.Timeout | undefined;
      const job: Job = {
        id: this.#nextJobId++,
        settle: (outcome) => {
          if (running.job !== job) return;
          running.job = null;
          clearTimeout(deadline);
          clearInterval(watchdog);
          if ("result" in outcome) resolve(outcome.result);
          else reject(outcome.error);
        },
      };
      const stop = (failure: InspectionFailure) => {
        job.settle({ result: { ok: false, failure } });
        this.#discard(running);
      };

      running.job = job;
      const request: InspectRequest = { id: job.id, bytes: ownBuffer(bytes), textLayer: options.textLayer };
      try {
        running.worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
      } catch (error) {
        job.settle({
          error: new InspectorError("the file could not be sent to the inspection worker", { cause: error }),
        });
        return;
      }
      const baselineRss = process.memoryUsage.rss();
      deadline = setTimeout(() => stop({ kind: "timeout", limitMs: timeoutMs }), timeoutMs);
      watchdog = setInterval(() => {
        const growthMb = (process.memoryUsage.rss() - baselineRss) / MB;
        if (growthMb > maxRssGrowthMb) {
          const detail = `memory grew by ${Math.round(growthMb)} MB during inspection (limit ${maxRssGrowthMb} MB)`;
          stop({ kind: "resource-limit", detail });
        }
      }, MEMORY_SAMPLE_INTERVAL_MS);
    });
  }

  async #readyWorker(): Promise<RunningWorker> {
    const running = this.#current ?? this.#startWorker(await this.#settings.workerUrl);
    this.#current = running;
    try {
      await running.ready;
    } catch (error) {
      throw this.#closed ? new InspectorError("the inspector was closed", { cause: error }) : error;
    }
    return running;
  }

  #startWorker(workerUrl: URL): RunningWorker {
    const { maxHeapMb } = this.#settings;
    // No inherited flags: the caller's (`--input-type`, a test runner's loaders) could stop the entry from loading.
    const workerOptions = { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } };
    const worker = workerUrl.pathname.endsWith(".ts")
      ? new Worker(tsxBootstrap(workerUrl), { ...workerOptions, eval: true })
      : new Worker(workerUrl, workerOptions);
    const { promise: ready, resolve: started, reject: failedToStart } = withResolvers<void>();
    const running: RunningWorker = { worker, ready, job: null };
    const startupTimer = setTimeout(() => {
      failedToStart(
        new InspectorError(`the inspection worker did not start within ${STARTUP_TIMEOUT_MS} ms`),
      );
      this.#discard(running);
    }, STARTUP_TIMEOUT_MS);
    ready.then(
      () => clearTimeout(startupTimer),
      () => clearTimeout(startupTimer),
    );

    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") return started();
      if (running.job?.id !== message.id) return;
      if (message.type === "result") return running.job.settle({ result: message.result });
      const cause = Object.assign(new Error(message.message), { stack: message.stack });
      running.job.settle({ error: new InspectorError("inspection failed inside the worker", { cause }) });
    });
    worker.on("error", (error: Error & { code?: string }) => {
      failedToStart(new InspectorError("the inspection worker failed to start", { cause: error }));
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        const detail = `the JavaScript heap limit of ${maxHeapMb} MB was reached`;
        running.job?.settle({ result: { ok: false, failure: { kind: "resource-limit", detail } } });
      } else {
        running.job?.settle({ error: new InspectorError("the inspection worker crashed", { cause: error }) });
      }
    });
    worker.on("exit", (code) => {
      failedToStart(new InspectorError(`the inspection worker exited with code ${code} while starting`));
      running.job?.settle({ error: new InspectorError(`the inspection worker exited with code ${code}`) });
      if (this.#current === running) this.#current = null;
    });
    // An idle inspector must not keep the process alive; a running job's timers do, while it runs. After the
    // listeners: adding a "message" listener refs the worker's port again.
    worker.unref();
    return running;
  }

  /** Terminates a worker that is no longer to be used; the next call starts a fresh one. */
  #discard(running: RunningWorker): void {
    if (this.#current === running) this.#current = null;
    const termination = running.worker.terminate();
    this.#terminations.add(termination);
    void termination.finally(() => this.#terminations.delete(termination));
  }
}

/** The bytes as a Uint8Array that owns its whole buffer, so that buffer can be transferred; copied only if needed. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  const ownsBuffer =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  return ownsBuffer ? bytes : new Uint8Array(bytes);
}

function tsxBootstrap(workerUrl: URL): string {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  return `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(import.meta.url)}));`;
}

/**
 * Bundled: inspect-worker.mjs beside the bundle. From source: the worker bundled on the fly by esbuild (a development
 * dependency) and cached, else the .ts entry through tsx. The source module is named through a URL so that a
 * deployment bundler does not follow it and pull esbuild into Lambda.
 */
async function defaultWorkerUrl(): Promise<URL> {
  if (!import.meta.url.endsWith(".ts")) return new URL("./inspect-worker.mjs", import.meta.url);
  try {
    const sourceWorker = new URL("./source-worker.ts", import.meta.url).href;
    const { bundledInspectWorker } = (await import(sourceWorker)) as typeof import("./source-worker.ts");
    return await bundledInspectWorker();
  } catch {
    return new URL("./inspect-worker.ts", import.meta.url);
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Promise.withResolvers, which Node 20 lacks. */
function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Rejections before anyone awaits (a worker failing while idle) are expected; they are observed by the next caller.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
