import type { Prevalence, TierCounts } from './types.ts';

/**
 * Band thresholds (documented in data/prevalence/README.md):
 * - the base is the Top 1k tier when the index holds at least MIN_TIER_PACKAGES packages of it,
 *   else the whole community (a thin tier would make one package swing the band);
 * - Common: the id shows in at least 10 % of the base; Uncommon: at least 1 %; Rare: below 1 %
 *   (zero included: a known id that no package shows is rare, not unknown).
 * An id the index does not know has no band at all: the caller reports "no information".
 */
export const BAND_THRESHOLDS = { common: 0.1, uncommon: 0.01 } as const;
export const MIN_TIER_PACKAGES = 100;

export function bandOf(counts: TierCounts, packages: TierCounts): Prevalence['band'] {
  const useTier = packages.top1k >= MIN_TIER_PACKAGES;
  const hits = useTier ? counts.top1k : counts.community;
  const base = useTier ? packages.top1k : packages.community;
  if (base <= 0) return 'rare';
  const share = hits / base;
  if (share >= BAND_THRESHOLDS.common) return 'common';
  if (share >= BAND_THRESHOLDS.uncommon) return 'uncommon';
  return 'rare';
}

export function toPrevalence(counts: TierCounts, packages: TierCounts): Prevalence {
  return {
    top100: counts.top100,
    top1k: counts.top1k,
    top10k: counts.top10k,
    community: counts.community,
    band: bandOf(counts, packages),
  };
}
