/**
 * A function of a string with its answers kept, for inputs that repeat a lot (the hosts of a package's
 * URLs, the version strings of advisory data). The store is bounded: past `limit` entries it is simply
 * started again, so hostile input cannot grow it without end.
 */
export function memoize<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
