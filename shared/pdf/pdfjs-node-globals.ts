/**
 * Prepares the global scope for pdf.js's legacy build, which must be imported after this module.
 *
 * - It constructs a DOMMatrix at module level and borrows DOMMatrix, ImageData and Path2D from the optional native
 *   @napi-rs/canvas when that is installed; in a bundle or in Lambda it is not, and loading would throw. Inspection
 *   never renders, so empty classes are enough.
 * - Where that package is absent it logs a warning on every load (every inspection worker, every Lambda cold start);
 *   that one message is dropped while pdf.js loads.
 * - Its bundled core-js replaces some built-ins that Node 20 already has with JavaScript versions: Array.prototype.push
 *   among them, which made inspecting a 500-page file 1.6 times slower. Those are put back after loading.
 * - As it loads it adds `bytes()` to `Response.prototype`, and reading Node's `Response` loads all of Node's fetch
 *   (undici: ~40 ms, a fifth of an inspection worker's start). pdf.js fetches nothing under Node (its data files are
 *   read with fs: pdfjs-data.ts, NodeBinaryDataFactory), so it sees a stand-in `Response` while it loads, and Node's
 *   own, still unloaded, is put back after.
 */
const RENDERING_GLOBALS = ["DOMMatrix", "ImageData", "Path2D"] as const;

const globals = globalThis as Record<string, unknown>;
for (const name of RENDERING_GLOBALS) {
  globals[name] ??= class {};
}

/** Node's globals that load its fetch implementation when first read. */
const FETCH_GLOBALS = ["Response", "Request", "Headers", "FormData"] as const;
const fetchGlobals = FETCH_GLOBALS.map((name) => ({
  name,
  descriptor: Object.getOwnPropertyDescriptor(globals, name),
}));
for (const { name, descriptor } of fetchGlobals) {
  if (descriptor?.configurable)
    Object.defineProperty(globals, name, { value: class {}, configurable: true, writable: true });
}

const consoleWarn = console.warn;
console.warn = (...data: unknown[]) => {
  const message = data[0];
  if (typeof message === "string" && message.startsWith('Warning: Cannot load "@napi-rs/canvas"')) return;
  consoleWarn(...data);
};

const nativeBuiltins = [
  { owner: Array.prototype, key: "push", value: Array.prototype.push },
  { owner: JSON, key: "parse", value: JSON.parse },
  { owner: JSON, key: "stringify", value: JSON.stringify },
] as const;

/**
 * Puts back console.warn, Node's fetch globals and the native built-ins pdf.js's polyfills replaced; call once pdf.js
 * is loaded.
 */
export function restoreGlobals(): void {
  console.warn = consoleWarn;
  for (const { name, descriptor } of fetchGlobals) {
    if (descriptor?.configurable) Object.defineProperty(globals, name, descriptor);
  }
  for (const { owner, key, value } of nativeBuiltins) {
    Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
  }
}
