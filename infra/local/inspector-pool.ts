/**
 * Several isolated inspectors (shared/pdf/inspector.ts, a worker thread each) behind the one Inspector interface,
 * for the local queue's concurrent batches: in AWS each concurrent process-upload container has an inspection
 * worker of its own, while one local process would otherwise inspect every school's file on one thread in turn.
 * Each file goes to the inspector with the fewest files in hand.
 */
import type { Inspector, InspectRequestOptions } from "../../shared/pdf/inspector.ts";

export function createInspectorPool(make: () => Inspector, size: number): Inspector {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`an inspector pool needs 1 or more, not ${size}`);
  const members = Array.from({ length: size }, () => ({ inspector: make(), inHand: 0 }));
  async function onLeastBusy<T>(run: (inspector: Inspector) => Promise<T>): Promise<T> {
    const member = members.reduce((best, m) => (m.inHand < best.inHand ? m : best));
    member.inHand += 1;
    try {
      return await run(member.inspector);
    } finally {
      member.inHand -= 1;
    }
  }
  return {
    inspectBytes: (bytes: Uint8Array, options?: InspectRequestOptions) =>
      onLeastBusy((inspector) => inspector.inspectBytes(bytes, options)),
    inspectFile: (path: string, options?: InspectRequestOptions) =>
      onLeastBusy((inspector) => inspector.inspectFile(path, options)),
    async warm() {
      await Promise.all(members.map((m) => m.inspector.warm()));
    },
    async close() {
      await Promise.all(members.map((m) => m.inspector.close()));
    },
  };
}
