/**
 * Wraps ports so that every method call is recorded in `calls` as `name.method` before it runs: for tests that pin
 * which store calls a path makes (not how many SDK requests: round-trips.test.ts counts those at the SDK).
 */
export function callRecorder(calls: string[]) {
  return <T extends object>(port: T, name: string): T =>
    new Proxy(port, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(property)}`);
          return value.apply(target, args);
        };
      },
    });
}
