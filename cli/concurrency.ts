/**
 * Runs `task` over `items` with at most `limit` at a time, in order of start. The first failure stops new starts;
 * tasks already running finish. Resolves to the results of those that succeeded (index order) and the failure.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<{ results: Array<{ item: T; result: R }>; failure?: { item: T; error: unknown } }> {
  const done: Array<{ index: number; item: T; result: R }> = [];
  let failure: { item: T; error: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      try {
        done.push({ index, item, result: await task(item, index) });
      } catch (error) {
        failure ??= { item, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  done.sort((a, b) => a.index - b.index);
  return { results: done.map(({ item, result }) => ({ item, result })), ...(failure ? { failure } : {}) };
}
