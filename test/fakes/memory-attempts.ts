/** AttemptCounter in memory: failures per key and window, as the DynamoDB counter keeps them. */
import type { AttemptCounter } from "../../shared/api/attempt-limit.ts";

export class MemoryAttemptCounter implements AttemptCounter {
  readonly counts = new Map<string, number>();

  async failures(key: string, windowStart: number): Promise<number> {
    return this.counts.get(`${key}#${windowStart}`) ?? 0;
  }

  async addFailure(key: string, windowStart: number): Promise<void> {
    const id = `${key}#${windowStart}`;
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }
}
