import type { VerdictLevel } from '../../catalog/engine.ts';
import type { Prevalence } from '../../report/model.ts';
import type { TierCounts } from '../data/types.ts';
import { type Html, html } from '../html.ts';

const number = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return number.format(value);
}

export function verdictBadge(level: VerdictLevel | null): Html {
  if (level === null) return html`<span class="tag">not scanned</span>`;
  return html`<span class="verdict verdict-${level}">${level}</span>`;
}

export function severityTag(severity: string): Html {
  return html`<span class="tag sev-${severity}">${severity}</span>`;
}

const TIERS: readonly { key: keyof TierCounts; label: string; size: number }[] = [
  { key: 'top100', label: 'Top 100', size: 100 },
  { key: 'top1k', label: 'Top 1k', size: 1000 },
  { key: 'top10k', label: 'Top 10k', size: 10000 },
  { key: 'community', label: 'community', size: Number.POSITIVE_INFINITY },
];

const BANDS: Record<Prevalence['band'], string> = {
  common: 'Common',
  uncommon: 'Uncommon',
  rare: 'Rare',
  unrated: 'Unrated (too few packages indexed)',
};

/**
 * Prevalence as one line per tier: a bar, "N of D" with its denominator. A tier holding no more packages
 * than the tier above is not covered by the index, and says so instead of repeating the figure.
 */
export function prevalenceBlock(
  prevalence: TierCounts | null,
  packages: TierCounts | null,
  band?: string,
): Html {
  if (prevalence === null || packages === null) {
    return html`<p class="muted">No prevalence information at this time.</p>`;
  }
  let previous = 0;
  const rows = TIERS.map(({ key, label, size }) => {
    const total = packages[key];
    const covered = key === 'community' ? total > 0 : total > previous || (previous === 0 && total > 0);
    const line =
      !covered || total === 0
        ? html`<span>${label}</span><span></span><span class="muted">not covered by this index</span>`
        : html`<span>${label}</span><meter min="0" max="${total}" value="${prevalence[key]}" title="${prevalence[key]} of ${total}"></meter><span>${formatCount(prevalence[key])} of ${formatCount(total)}${total < size && key !== 'community' ? ' indexed' : ''}</span>`;
    previous = Math.max(previous, total);
    return line;
  });
  return html`<div class="prevalence">${rows}</div>${band === undefined ? '' : html`<p class="band">${band}</p>`}`;
}

export function bandLabel(prevalence: Prevalence | null): string {
  return prevalence === null ? 'No information' : (BANDS[prevalence.band] ?? prevalence.band);
}
