import { InvalidArgumentError } from 'commander';

/** Commander argument parsers that reject bad values with a clear message (exit code 2). */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return parsed;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/** '512M', '2g', '1048576' → bytes. */
export function byteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? 'x').toLowerCase()];
  if (!match || unit === undefined)
    throw new InvalidArgumentError('expected a size such as 512M, 2G or 1048576');
  return Math.floor(Number(match[1]) * unit);
}

export function oneOf<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of: ${allowed.join(', ')}`);
    return value as T;
  };
}
