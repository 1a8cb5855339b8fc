/** The middle value of a benchmark's runs (the upper middle for an even count); 0 for no runs. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
