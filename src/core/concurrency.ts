/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order. Scans of several
 * packages use it so one package's main-thread work (unpacking, behaviors) overlaps another's parse in
 * the worker pool; registry look-ups use it to bound open requests.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
