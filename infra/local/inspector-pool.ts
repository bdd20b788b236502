/**
 * Several isolated inspectors (shared/pdf/inspector.ts, a worker thread each) behind the one Inspector interface,
 * for the local queue's concurrent batches: in AWS each concurrent process-upload container has an inspection
 * worker of its own, while one local process would otherwise inspect every school's file on one thread in turn.
 * Each file goes to the inspector with the fewest files in hand.
 *
 * Receipts first: a request at "background" priority (an accepted 佐证材料's text, read after its receipt, ten times
 * the work of an inspection) is held here until an inspector has nothing in hand, so it never delays an inspection
 * a school's receipt waits for by more than the one text read already running. Held requests start in the order
 * they came.
 */
import { type Inspector, InspectorError, type InspectRequestOptions } from "../../shared/pdf/inspector.ts";

interface Member {
  inspector: Inspector;
  inHand: number;
}

export function createInspectorPool(make: () => Inspector, size: number): Inspector {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`an inspector pool needs 1 or more, not ${size}`);
  const members: Member[] = Array.from({ length: size }, () => ({ inspector: make(), inHand: 0 }));
  /** Background requests waiting for an idle inspector. */
  const held: Array<{ start(member: Member): void; refuse(error: Error): void }> = [];
  let closed = false;

  async function on<T>(member: Member, run: (inspector: Inspector) => Promise<T>): Promise<T> {
    member.inHand += 1;
    try {
      return await run(member.inspector);
    } finally {
      member.inHand -= 1;
      startHeld();
    }
  }
  function startHeld(): void {
    while (held.length > 0) {
      const idle = members.find((m) => m.inHand === 0);
      if (!idle) return;
      held.shift()?.start(idle);
    }
  }
  function submit<T>(options: InspectRequestOptions | undefined, run: (inspector: Inspector) => Promise<T>) {
    if (options?.priority !== "background" || closed) {
      const least = members.reduce((best, m) => (m.inHand < best.inHand ? m : best));
      return on(least, run);
    }
    return new Promise<T>((resolve, reject) => {
      held.push({ start: (member) => on(member, run).then(resolve, reject), refuse: reject });
      startHeld();
    });
  }
  return {
    inspectBytes: (bytes: Uint8Array, options?: InspectRequestOptions) =>
      submit(options, (inspector) => inspector.inspectBytes(bytes, options)),
    inspectFile: (path: string, options?: InspectRequestOptions) =>
      submit(options, (inspector) => inspector.inspectFile(path, options)),
    async warm() {
      await Promise.all(members.map((m) => m.inspector.warm()));
    },
    async close() {
      closed = true;
      for (const request of held.splice(0)) request.refuse(new InspectorError("the inspector was closed"));
      await Promise.all(members.map((m) => m.inspector.close()));
    },
  };
}
