import type { Prevalence, TierCounts } from './types.ts';

/**
 * How prevalence figures are judged (documented in data/prevalence/README.md):
 *
 * - A popularity tier (Top 100, Top 1k, Top 10k) is **covered** when the index holds at least half of its
 *   packages (TIER_COVERAGE). An uncovered tier gets no figure, only how much of it was indexed: a 616-package
 *   index has nothing to say about the Top 10k, and repeating the Top 1k's count there would pretend it does.
 * - The band's **base** is the Top 1k when it is covered, else the whole community when it holds at least
 *   MIN_TIER_PACKAGES packages; a smaller index gives no band at all (`unrated`), so a 3-package index never
 *   calls anything Common.
 * - Common: the id shows in at least 10 % of the base; Uncommon: at least 1 %; Rare: below 1 % (zero
 *   included: a known id that no package shows is rare, not unknown).
 *
 * An id the index does not know has no figures at all: the caller reports "no information".
 */
export const BAND_THRESHOLDS = { common: 0.1, uncommon: 0.01 } as const;
export const MIN_TIER_PACKAGES = 100;
export const TIER_COVERAGE = 0.5;
export const TIER_SIZES = { top100: 100, top1k: 1000, top10k: 10_000 } as const;

export type RankedTier = keyof typeof TIER_SIZES;

export function tierCovered(packages: TierCounts, tier: RankedTier): boolean {
  return packages[tier] >= TIER_SIZES[tier] * TIER_COVERAGE;
}

export function coverageOf(packages: TierCounts): Prevalence['covered'] {
  return {
    top100: tierCovered(packages, 'top100'),
    top1k: tierCovered(packages, 'top1k'),
    top10k: tierCovered(packages, 'top10k'),
    community: packages.community >= MIN_TIER_PACKAGES,
  };
}

export function bandOf(counts: TierCounts, packages: TierCounts): Prevalence['band'] {
  const useTier = tierCovered(packages, 'top1k');
  if (!useTier && packages.community < MIN_TIER_PACKAGES) return 'unrated';
  const hits = useTier ? counts.top1k : counts.community;
  const base = useTier ? packages.top1k : packages.community;
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
    packages: {
      top100: packages.top100,
      top1k: packages.top1k,
      top10k: packages.top10k,
      community: packages.community,
    },
    covered: coverageOf(packages),
    band: bandOf(counts, packages),
  };
}
