/** ISO 8601 in one shape (mirrors write `+00:00` and microseconds); undefined when not a date. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
