/**
 * Whole numbers written the way `toLocaleString('en')` writes them (1,234,567), without the cost of
 * initialising ICU's number formatting: the first toLocaleString of a process takes about 15 ms, and a
 * scan used it only to put commas into counts.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return value.toLocaleString('en');
  const digits = String(Math.abs(value));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const part = digits.slice(Math.max(0, end - 3), end);
    out = out === '' ? part : `${part},${out}`;
  }
  return value < 0 ? `-${out}` : out;
}
