import { AssayError } from '../core/errors.ts';
import { DEFAULT_UNPACK_LIMITS, type UnpackLimits } from './types.ts';

/**
 * Below this many output bytes the compression ratio is not judged: a few KB of spaces or a tar's zero
 * padding compress past any sane ratio without being a bomb. Bombs are about size, so a floor keeps
 * the ratio limit aimed at them.
 */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Room for tar headers and padding on top of the member bytes when capping a decompressed tar stream. */
export function tarOverhead(limits: UnpackLimits): number {
  return 1024 * Math.min(limits.maxMembers + 1, 65_536) + 10_240;
}

export function resolveLimits(partial: Partial<UnpackLimits> = {}): UnpackLimits {
  const limits: UnpackLimits = { ...DEFAULT_UNPACK_LIMITS, ...partial };
  for (const [key, value] of Object.entries(limits)) {
    const ok = key === 'maxNestingDepth' ? Number.isInteger(value) && value >= 0 : value > 0;
    if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
      throw new AssayError('E_USAGE', `unpack limit ${key} must be a positive number, got ${String(value)}`);
    }
  }
  return limits;
}
