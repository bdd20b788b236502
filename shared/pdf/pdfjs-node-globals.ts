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
 */
const RENDERING_GLOBALS = ["DOMMatrix", "ImageData", "Path2D"] as const;

const globals = globalThis as Record<string, unknown>;
for (const name of RENDERING_GLOBALS) {
  globals[name] ??= class {};
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

/** Puts back console.warn and the native built-ins pdf.js's polyfills replaced; call once pdf.js is loaded. */
export function restoreGlobals(): void {
  console.warn = consoleWarn;
  for (const { owner, key, value } of nativeBuiltins) {
    Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
  }
}
