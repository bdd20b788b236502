/**
 * The few newer built-ins the shared rules use, for the older WebViews some schools still have (WeChat on an old
 * Android, iOS before 15.4). Installed only where missing.
 */
function at<T>(this: ArrayLike<T>, index: number): T | undefined {
  const i = Math.trunc(index) || 0;
  return this[i < 0 ? this.length + i : i];
}

for (const proto of [Array.prototype, String.prototype] as object[]) {
  if (!("at" in proto)) Object.defineProperty(proto, "at", { value: at, writable: true, configurable: true });
}
